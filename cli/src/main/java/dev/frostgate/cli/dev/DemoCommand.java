package dev.frostgate.cli.dev;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.cli.support.NetworkConverter;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.DepositKeys;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.testkit.crypto.InProcessDkg;
import dev.frostgate.testkit.crypto.InProcessSigning;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job on embedded defaults: a t-of-n DKG among n in-process participants, the threshold
 * xpub and the first loan addresses, and a FROST signature by t participants for a loan key,
 * verified by libsecp256k1's BIP340 verification against the loan's Taproot output key.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run a DKG among in-process participants, derive loan addresses, sign and verify.")
public final class DemoCommand implements Callable<Integer> {
  private static final HexFormat HEX = HexFormat.of();

  @Spec CommandSpec spec;

  @Option(
      names = "--participants",
      defaultValue = "15",
      description = "n (default: ${DEFAULT-VALUE})")
  int participants;

  @Option(names = "--threshold", defaultValue = "10", description = "t (default: ${DEFAULT-VALUE})")
  int threshold;

  @Option(
      names = {"--deposits", "--loans"}, // --loans: the older name, kept as an alias
      defaultValue = "3",
      description = "deposit addresses to derive (default: ${DEFAULT-VALUE})")
  int deposits;

  @Option(
      names = "--network",
      defaultValue = "regtest",
      converter = NetworkConverter.class,
      description = "mainnet, testnet, signet or regtest (default: ${DEFAULT-VALUE})")
  Network net;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Thresholds.check(threshold, participants);
    if (deposits < 1 || deposits > 1000) {
      throw new BadInputException("--deposits must be between 1 and 1000, got " + deposits);
    }
    SecureRandom rnd = new SecureRandom();
    Ciphersuite suite = Ciphersuite.TAPROOT;

    out.printf(
        "1. DKG: %d-of-%d among %d in-process participants (%s)%n",
        threshold, participants, participants, suite);
    List<SecretScalar> identityKeys = new ArrayList<>();
    Map<Identifier, Bip340PublicKey> identityPubs = new TreeMap<>();
    for (int i = 1; i <= participants; i++) {
      SecretScalar k = SecretScalar.random(rnd);
      identityKeys.add(k);
      identityPubs.put(Identifier.of(i), Bip340PublicKey.of(k.publicPoint()));
    }
    long t0 = System.nanoTime();
    InProcessDkg.Result dkg = InProcessDkg.run(suite, participants, threshold, identityKeys, rnd);
    long dkgMs = (System.nanoTime() - t0) / 1_000_000;
    DkgOutput first = dkg.output(Identifier.of(1));
    dkg.certificate().verify(identityPubs);
    DkgAcceptance.verify(first.publicKeyPackage(), first.transcriptHash(), dkg.testSignature());
    out.printf("   group key (internal)  %s%n", first.rawKeyPackage().verifyingKey().toHex());
    out.printf("   transcript hash       %s%n", first.transcriptHash());
    out.printf("   certificate           signed by all %d participants, verified%n", participants);
    out.printf(
        "   test signature        by %d participants, verified (%d ms for the whole DKG)%n",
        threshold, dkgMs);

    ThresholdXpub xpub =
        ThresholdXpub.of(first.rawKeyPackage().verifyingKey(), first.chainCode(), net);
    out.printf("2. Threshold xpub and loan addresses (%s)%n", net.name().toLowerCase());
    out.printf("   xpub        %s%n", xpub.serialize());
    out.printf("   descriptor  %s%n", Descriptor.taprootRange(xpub, 0));
    for (int n = 0; n < deposits; n++) {
      out.printf("   loan %-3d    %s%n", n, xpub.depositAddress(n));
    }

    int loan = deposits - 1;
    byte[] message =
        Hashes.sha256(
            ("frostgate demo: release collateral of loan " + loan)
                .getBytes(StandardCharsets.UTF_8));
    out.printf("3. FROST signature by %d of %d for loan %d%n", threshold, participants, loan);
    List<KeyPackage> signers = new ArrayList<>();
    for (DkgOutput o : dkg.outputs().values()) {
      if (signers.size() < threshold) {
        signers.add(DepositKeys.depositKeyPackage(o.rawKeyPackage(), xpub, loan));
      }
    }
    PublicKeyPackage depositPublic =
        DepositKeys.depositPublicKeyPackage(first.rawPublicKeyPackage(), xpub, loan);
    Signature sig = InProcessSigning.sign(depositPublic, signers, message, rnd);
    byte[] sig64 = suite.serializeSignature(sig);
    byte[] outputKey = depositPublic.verifyingKey().xOnly();
    boolean ok = Secp256k1.verifySchnorr(sig64, message, outputKey);
    out.printf("   message     %s%n", HEX.formatHex(message));
    out.printf(
        "   output key  %s (the key in %s)%n", HEX.formatHex(outputKey), xpub.depositAddress(loan));
    out.printf("   signature   %s%n", HEX.formatHex(sig64));
    out.printf("   BIP340 verify (libsecp256k1): %s%n", ok ? "valid" : "INVALID");
    out.flush();
    if (!ok) {
      throw new CheckFailedException("the threshold signature does not verify");
    }
    return 0;
  }
}
