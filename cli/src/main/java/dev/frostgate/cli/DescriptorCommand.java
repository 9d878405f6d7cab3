package dev.frostgate.cli;

import dev.frostgate.cli.support.NetworkConverter;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The ranged Taproot output descriptor of a threshold xpub, with its BIP380 checksum, ready for
 * Bitcoin Core's {@code importdescriptors} (a watch-only wallet of all loan addresses).
 */
@Command(
    name = "descriptor",
    mixinStandardHelpOptions = true,
    description = {
      "Print the ranged output descriptor tr(XPUB/0/*)#checksum of the loan addresses"
          + " (tr(XPUB/1/*) with --change), importable by Bitcoin Core (importdescriptors)."
    })
final class DescriptorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--xpub",
      required = true,
      paramLabel = "XPUB",
      description = "the group's root threshold xpub (mainnet) or tpub (test networks)")
  String xpub;

  @Option(
      names = "--network",
      paramLabel = "NET",
      converter = NetworkConverter.class,
      description = "if given, the xpub's version must match it")
  Network network;

  @Option(names = "--change", description = "the change range /1/* instead of /0/*")
  boolean change;

  @Override
  public Integer call() {
    ThresholdXpub key = Xpubs.parse(xpub, Optional.ofNullable(network));
    PrintWriter out = spec.commandLine().getOut();
    out.println(Descriptor.taprootRange(key, change ? 1 : 0));
    out.flush();
    return 0;
  }
}
