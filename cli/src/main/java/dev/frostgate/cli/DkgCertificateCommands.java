package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Outputs outputs =
          overwrite
              .outputs()
              .reading(key, identity)
              .expect(out, CertificateFiles.CERTIFICATE_SIGNATURE);
      KeyFiles.KeyFile k;
      CertificateFiles.IdentityFile id;
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        k = KeyFiles.readKey(key, secrets);
        k.raw().destroy(); // only its public facts are needed
        id = CertificateFiles.readIdentity(identity, secrets);
      }
      try {
        if (!id.identifier().equals(k.raw().identifier())) {
          throw new BadInputException(
              identity
                  + ": field identifier: is participant "
                  + id.identifier()
                  + " but "
                  + key
                  + " is participant "
                  + k.raw().identifier()
                  + "'s key package");
        }
        Bip340Signature sig =
            id.sign(DkgCertificate.message(k.transcriptHash(), k.raw().verifyingKey()));
        CertificateFiles.writeCertificateSignature(
            outputs,
            out,
            k.raw().identifier(),
            id.publicKey(),
            k.transcriptHash(),
            k.raw().verifyingKey(),
            sig);
      } finally {
        id.key().destroy();
      }
      PrintWriter o = spec.commandLine().getOut();
      o.printf("certified transcript %s%n", CeremonyFile.hex(k.transcriptHash().bytes()));
      o.flush();
      return 0;
    }
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description =
          "Check the certificate (a valid signature from every participant, with the identity key"
              + " the roster pins for it) and the test signature; write the acceptance record."
              + " Exit 1 if either fails.")
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
        names = "--roster",
        required = true,
        description = "roster of pinned identity keys (frostgate identity roster)")
    Path roster;

    @Option(
        names = "--test-signature",
        required = true,
        description = "signature file of the test message made by t participants")
    Path testSignature;

    @Option(names = "--out", required = true, description = "acceptance record")
    Path out;

    @Mixin OverwriteOption overwrite;

    @Override
    public Integer call() {
      Outputs outputs =
          overwrite
              .outputs()
              .reading(publicFile, roster, testSignature)
              .reading(certificates)
              .expect(out, CertificateFiles.ACCEPTANCE);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      PublicKeyPackage raw = pub.raw();
      Point groupKey = raw.verifyingKey();
      CertificateFiles.Roster pinned = CertificateFiles.readRoster(roster);
      if (!pinned.keys().keySet().equals(raw.verifyingShares().keySet())) {
        throw new BadInputException(
            roster
                + ": field identities: pins participants "
                + pinned.keys().keySet()
                + " but the group of "
                + publicFile
                + " is "
                + raw.verifyingShares().keySet());
      }
      byte[] message = DkgCertificate.message(pub.transcriptHash(), groupKey);
      SortedMap<Identifier, Bip340PublicKey> keys = new TreeMap<>();
      SortedMap<Identifier, String> files = new TreeMap<>();
      DkgCertificate cert = new DkgCertificate(pub.transcriptHash(), groupKey, new TreeMap<>());
      for (Path p : CliFiles.paths(certificates, "--certificates")) {
        CertificateFiles.CertificateSignatureFile c = CertificateFiles.readCertificateSignature(p);
        if (!c.transcriptHash().equals(pub.transcriptHash())) {
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
        if (files.containsKey(c.identifier())) {
          throw new BadInputException(
              c.file()
                  + ": field identifier: a second certificate from participant "
                  + c.identifier()
                  + " (the first is "
                  + files.get(c.identifier())
                  + ")");
        }
        for (var e : keys.entrySet()) {
          if (e.getValue().equals(c.identityKey())) {
            throw new CheckFailedException(
                c.file()
                    + ": field identity_public_key: the same identity key as participant "
                    + e.getKey()
                    + " in "
                    + files.get(e.getKey())
                    + "; every participant needs its own identity key");
          }
        }
        if (!pinned.key(c.identifier()).equals(c.identityKey())) {
          throw new CheckFailedException(
              c.file()
                  + ": field identity_public_key: not the pinned identity of participant "
                  + c.identifier()
                  + " in "
                  + roster);
        }
        if (!Secp256k1.verifySchnorr(c.signature(), message, c.identityKey())) {
          throw new CheckFailedException(
              c.file()
                  + ": field signature: not a valid signature of participant "
                  + c.identifier()
                  + " over this DKG's transcript hash and group key");
        }
        keys.put(c.identifier(), c.identityKey());
        files.put(c.identifier(), c.file());
        cert = cert.with(c.identifier(), c.signature());
      }
      try {
        cert.verify(pinned.keys());
      } catch (FrostException e) {
        List<Identifier> missing = new ArrayList<>(pinned.keys().keySet());
        missing.removeAll(keys.keySet());
        throw new CheckFailedException(
            "--certificates: no certificate signature from participant(s) "
                + missing
                + "; every participant must run 'dkg certify'");
      }

      CeremonyFile sigFile = CeremonyFile.read(testSignature, "frostgate/signature");
      byte[] testMessage = sigFile.hex("message", -1);
      if (!Arrays.equals(testMessage, DkgAcceptance.testMessage(pub.transcriptHash()))) {
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
          outputs,
          out,
          pub.transcriptHash(),
          groupKey,
          outputKey,
          keys,
          cert.signatures(),
          sigBytes);
      PrintWriter o = spec.commandLine().getOut();
      o.printf(
          "certificate: %d of %d participants signed, all valid, identities as pinned in %s%n",
          keys.size(), raw.verifyingShares().size(), roster);
      keys.forEach((id, k) -> o.printf("  participant %s identity %s%n", id, CeremonyFile.hex(k)));
      o.printf("test signature: valid for output key %s%n", CeremonyFile.hex(outputKey));
      o.printf("group key ACCEPTED; record written to %s%n", out);
      o.flush();
      return 0;
    }
  }
}
