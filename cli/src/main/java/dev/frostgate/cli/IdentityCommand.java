package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.PublicIdentity;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.transport.TlsCredentials;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validator identity keys (BIP340): they sign sealed shares, complaints and the DKG certificate.
 * The roster pins every participant's identity key; the ceremony commands that send or check
 * secrets take it.
 */
@Command(
    name = "identity",
    mixinStandardHelpOptions = true,
    description = "Validator identity keys and the roster that pins them.",
    subcommands = {IdentityCommand.New.class, IdentityCommand.Roster.class})
final class IdentityCommand {

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Generate participant N's identity key: a secret file (sealed by the key store, mode 0600)"
            + " and a public identity file to give to whoever builds the roster.",
        "Never replaces an existing identity key."
      })
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "N", description = "participant 1..n")
    long id;

    @Option(names = "--out", required = true, description = "identity key file (secret)")
    Path out;

    @Option(
        names = "--public-out",
        required = true,
        description = "public identity file (identifier, public key, proof of possession)")
    Path publicOut;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Identifier identifier = RepairCommand.id(id, "--id");
      Outputs outputs =
          Outputs.neverReplacing()
              .expect(out, CertificateFiles.IDENTITY)
              .expect(publicOut, CertificateFiles.IDENTITY_PUBLIC);
      Path tlsKey = ValidatorConfig.tlsKeyBeside(out);
      Path tlsCertificate = ValidatorConfig.tlsCertificateBeside(out);
      for (Path tls : List.of(tlsKey, tlsCertificate)) {
        if (Files.exists(tls)) {
          throw new BadInputException(
              tls + ": already exists; a TLS key or certificate is never replaced");
        }
      }
      SecureRandom random = new SecureRandom();
      SecretScalar key = SecretScalar.random(random);
      try (SecretStore secrets = secretOptions.open(spec, true)) {
        CertificateFiles.writeIdentity(outputs, out, identifier, key, secrets);
        IdentityFile written =
            new IdentityFile(identifier, key, Bip340PublicKey.of(key.publicPoint()), "");
        CertificateFiles.writePublicIdentity(outputs, publicOut, written);
        // The transport's certificate: peers pin its fingerprint in their [[peers]] entries.
        TlsCredentials tls =
            TlsCredentials.generate(
                Math.toIntExact(id), tlsKey, tlsCertificate, random, Instant.now());
        PrintWriter o = spec.commandLine().getOut();
        o.printf("participant %s identity public key %s%n", identifier, written.publicKey());
        o.printf("identity key     %s (SECRET, long-lived: keep it and a backup)%n", out);
        o.printf("public identity  %s (give to whoever builds the roster)%n", publicOut);
        o.printf("TLS key          %s (SECRET, mode 0600)%n", tlsKey);
        o.printf("TLS certificate  %s%n", tlsCertificate);
        o.printf(
            "TLS fingerprint  sha256:%s (peers pin it as tls_certificate)%n",
            tls.fingerprint().sha256Hex());
        o.flush();
      } finally {
        key.destroy();
      }
      return 0;
    }
  }

  @Command(
      name = "roster",
      mixinStandardHelpOptions = true,
      description = {
        "Build the roster from the participants' public identity files: participant -> identity"
            + " key, each proven by its owner's signature, no key twice.",
        "Compare the printed roster hash with every participant before using the roster."
      })
  static final class Roster implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "roster file (public)")
    Path out;

    @Mixin OverwriteOption overwrite;

    @Parameters(
        arity = "1..*",
        paramLabel = "PUBLIC_IDENTITY",
        description = "public identity files (from identity new --public-out), one per participant")
    List<Path> files;

    @Override
    public Integer call() {
      Outputs outputs = overwrite.outputs().reading(files).expect(out, CertificateFiles.ROSTER);
      SortedMap<Identifier, Bip340PublicKey> keys = new TreeMap<>();
      Map<Identifier, String> from = new HashMap<>();
      Map<Bip340PublicKey, String> keyFrom = new HashMap<>();
      for (Path p : files) {
        PublicIdentity id = CertificateFiles.readPublicIdentity(p);
        if (keys.containsKey(id.identifier())) {
          throw new BadInputException(
              p
                  + ": field identifier: participant "
                  + id.identifier()
                  + " already has an identity in "
                  + from.get(id.identifier()));
        }
        String previous = keyFrom.put(id.publicKey(), p.toString());
        if (previous != null) {
          throw new BadInputException(
              p
                  + ": field public_key: the same identity key as "
                  + previous
                  + "; every participant needs its own identity key");
        }
        keys.put(id.identifier(), id.publicKey());
        from.put(id.identifier(), p.toString());
      }
      CertificateFiles.writeRoster(outputs, out, keys);
      PrintWriter o = spec.commandLine().getOut();
      keys.forEach((id, k) -> o.printf("  participant %s identity %s%n", id, k));
      o.printf("roster hash %s%n", CertificateFiles.rosterHash(keys));
      o.printf(
          "roster      %s (%d participants; give it to every participant and compare the hash)%n",
          out, keys.size());
      o.flush();
      return 0;
    }
  }
}
