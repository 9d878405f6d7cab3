package dev.frostgate.node.cli;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.node.ceremony.CeremonyFile;
import dev.frostgate.node.ceremony.CertificateFiles;
import dev.frostgate.node.ceremony.KeyFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The end of an offline DKG: every participant signs the transcript and group key with its identity
 * key ({@code dkg certify}), t of them make the test signature with the ordinary signing commands,
 * and {@code dkg accept} checks the complete certificate and the test signature before the group
 * key may receive coins.
 */
final class DkgCertificateCommands {
  private DkgCertificateCommands() {}

  @Command(
      name = "certify",
      mixinStandardHelpOptions = true,
      description = "Sign this DKG's transcript hash and group key with the identity key.")
  static final class Certify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "this participant's key package")
    Path key;

    @Option(names = "--identity", required = true, description = "identity key file")
    Path identity;

    @Option(names = "--out", required = true, description = "certificate signature file")
    Path out;

    @Override
    public Integer call() {
      KeyFiles.KeyFile k = KeyFiles.readKey(key);
      CertificateFiles.IdentityFile id = CertificateFiles.readIdentity(identity);
      try {
        byte[] aux = new byte[32];
        new SecureRandom().nextBytes(aux);
        byte[] sig = DkgCertificate.sign(k.transcriptHash(), k.raw().verifyingKey(), id.key(), aux);
        CertificateFiles.writeCertificateSignature(
            out,
            k.raw().identifier(),
            id.publicKey(),
            k.transcriptHash(),
            k.raw().verifyingKey(),
            sig);
      } finally {
        id.key().destroy();
        k.raw().destroy();
      }
      PrintWriter o = spec.commandLine().getOut();
      o.printf("certified transcript %s%n", CeremonyFile.hex(k.transcriptHash()));
      o.flush();
      return 0;
    }
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description =
          "Check the certificate (a valid signature from every participant) and the test"
              + " signature; write the acceptance record. Exit 1 if either fails.")
  static final class Accept implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--public", required = true, description = "the group's public key package")
    Path publicFile;

    @Option(
        names = "--certificates",
        required = true,
        split = ",",
        description = "certificate signature files of all participants (files or a directory)")
    List<Path> certificates;

    @Option(
        names = "--identities",
        description =
            "roster of pinned identity keys (type frostgate/identity-roster); without it the"
                + " keys in the certificate files are used and printed for comparison")
    Path roster;

    @Option(
        names = "--test-signature",
        required = true,
        description = "signature file of the test message made by t participants")
    Path testSignature;

    @Option(names = "--out", required = true, description = "acceptance record")
    Path out;

    @Override
    public Integer call() {
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      PublicKeyPackage raw = pub.raw();
      Point groupKey = raw.verifyingKey();
      SortedMap<Identifier, byte[]> pinned =
          roster == null ? new TreeMap<>() : CertificateFiles.readRoster(roster);
      SortedMap<Identifier, byte[]> keys = new TreeMap<>();
      DkgCertificate cert = new DkgCertificate(pub.transcriptHash(), groupKey, new TreeMap<>());
      for (Path p : CliFiles.paths(certificates, "--certificates")) {
        CertificateFiles.CertificateSignatureFile c = CertificateFiles.readCertificateSignature(p);
        if (!Arrays.equals(c.transcriptHash(), pub.transcriptHash())) {
          throw new BadInputException(
              c.file() + ": field transcript_hash: differs from " + pub.file());
        }
        if (!c.groupKey().equals(groupKey)) {
          throw new BadInputException(c.file() + ": field group_key: differs from " + pub.file());
        }
        if (!raw.verifyingShares().containsKey(c.identifier())) {
          throw new BadInputException(
              c.file()
                  + ": field identifier: participant "
                  + c.identifier()
                  + " is not in "
                  + pub.file());
        }
        if (keys.containsKey(c.identifier())) {
          throw new BadInputException(
              c.file()
                  + ": field identifier: a second certificate from participant "
                  + c.identifier());
        }
        byte[] expected = pinned.get(c.identifier());
        if (roster != null && (expected == null || !Arrays.equals(expected, c.identityKey()))) {
          throw new CheckFailedException(
              c.file()
                  + ": field identity_public_key: not the pinned identity of participant "
                  + c.identifier()
                  + " in "
                  + roster);
        }
        keys.put(c.identifier(), c.identityKey());
        cert = cert.with(c.identifier(), c.signature());
      }
      SortedMap<Identifier, byte[]> required = new TreeMap<>();
      for (Identifier id : raw.verifyingShares().keySet()) {
        required.put(id, keys.getOrDefault(id, pinned.getOrDefault(id, new byte[32])));
      }
      try {
        cert.verify(required);
      } catch (FrostException e) {
        throw new CheckFailedException(e.getMessage());
      }

      CeremonyFile sigFile = CeremonyFile.read(testSignature, "frostgate/signature");
      byte[] message = sigFile.hex("message", -1);
      if (!Arrays.equals(message, DkgAcceptance.testMessage(pub.transcriptHash()))) {
        throw new BadInputException(
            testSignature
                + ": field message: is not this DKG's test message "
                + CeremonyFile.hex(DkgAcceptance.testMessage(pub.transcriptHash())));
      }
      Ciphersuite suite = raw.suite();
      byte[] sigBytes = sigFile.hex("signature", suite == Ciphersuite.TAPROOT ? 64 : 65);
      Signature sig;
      try {
        sig = suite.deserializeSignature(sigBytes);
      } catch (FrostException e) {
        throw new BadInputException(testSignature + ": field signature: " + e.getMessage());
      }
      PublicKeyPackage output = suite.postDkg(raw);
      try {
        DkgAcceptance.verify(output, pub.transcriptHash(), sig);
      } catch (FrostException e) {
        throw new CheckFailedException(testSignature + ": " + e.getMessage());
      }
      byte[] outputKey = suite.preAggregate(output).verifyingKey().xOnly();
      CertificateFiles.writeAcceptance(
          out, pub.transcriptHash(), groupKey, outputKey, keys, cert.signatures(), sigBytes);
      PrintWriter o = spec.commandLine().getOut();
      o.printf(
          "certificate: %d of %d participants signed, all valid%n", keys.size(), required.size());
      keys.forEach((id, k) -> o.printf("  participant %s identity %s%n", id, CeremonyFile.hex(k)));
      o.printf("test signature: valid for output key %s%n", CeremonyFile.hex(outputKey));
      o.printf("group key ACCEPTED; record written to %s%n", out);
      o.flush();
      return 0;
    }
  }
}
