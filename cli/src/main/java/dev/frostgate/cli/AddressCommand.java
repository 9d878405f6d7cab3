package dev.frostgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.NetworkConverter;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Taproot address of one loan (receive key {@code /0/n}) or change key ({@code /1/n}) of a
 * threshold xpub: BIP32 non-hardened derivation, then the BIP341 key-path tweak with no script
 * tree.
 */
@Command(
    name = "address",
    mixinStandardHelpOptions = true,
    description = {
      "Derive the P2TR address of loan N from the group's threshold xpub (path /0/N, or /1/N with"
          + " --change; BIP341 tweak with no script tree).",
      "Prints the address alone, or with --json an object with index, network, address,"
          + " internal_key, output_key and script_pub_key."
    })
final class AddressCommand implements Callable<Integer> {
  private static final HexFormat HEX = HexFormat.of();

  @Spec CommandSpec spec;

  @Option(
      names = "--xpub",
      required = true,
      paramLabel = "XPUB",
      description = "the group's root threshold xpub (mainnet) or tpub (test networks)")
  String xpub;

  @Option(
      names = "--index",
      required = true,
      paramLabel = "N",
      description = "loan (or change) index, 0..2147483647")
  long index;

  @Option(
      names = "--network",
      required = true,
      paramLabel = "NET",
      converter = NetworkConverter.class,
      description = "mainnet, testnet, signet or regtest; must match the xpub's version")
  Network network;

  @Option(names = "--change", description = "derive the change key /1/N instead of /0/N")
  boolean change;

  @Option(names = "--json", description = "print a JSON object instead of the address alone")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    if (index < 0 || index > ThresholdXpub.MAX_INDEX) {
      throw new BadInputException(
          "--index must be 0.." + ThresholdXpub.MAX_INDEX + " (non-hardened), got " + index);
    }
    ThresholdXpub key = Xpubs.parse(xpub, Optional.of(network));
    TaprootOutput output = change ? key.changeOutput(index) : key.depositOutput(index);
    String address = output.address(network);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode o = mapper.createObjectNode();
      o.put("index", index);
      o.put("change", change);
      o.put("path", (change ? "1/" : "0/") + index);
      o.put("network", Xpubs.name(network));
      o.put("address", address);
      o.put("internal_key", HEX.formatHex(output.internalKey()));
      o.put("output_key", HEX.formatHex(output.outputKey()));
      o.put("script_pub_key", HEX.formatHex(output.scriptPubKey()));
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    } else {
      out.println(address);
    }
    out.flush();
    return 0;
  }
}
