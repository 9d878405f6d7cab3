package dev.frostgate.node.cli;

import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hd.LoanKeys;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.ceremony.CeremonyFile;
import dev.frostgate.node.ceremony.KeyFiles;
import dev.frostgate.node.ceremony.Outputs;
import dev.frostgate.node.ceremony.SecretStore;
import dev.frostgate.node.ceremony.SigningFiles;
import dev.frostgate.node.ceremony.SigningFiles.CommitmentFile;
import dev.frostgate.node.ceremony.SigningFiles.PackageFile;
import dev.frostgate.node.ceremony.SigningFiles.ShareFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline FROST signing: commit, build the package, sign, aggregate, one command each. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Offline FROST signing, one round per command.",
    subcommands = {
      SignCommand.Commit.class,
      SignCommand.Package.class,
      SignCommand.Share.class,
      SignCommand.Aggregate.class
    })
final class SignCommand {

  /** The key package that signs for this package: the loan's, or the group's Taproot key. */
  static KeyPackage signingKey(KeyFiles.KeyFile key, OptionalLong loan) {
    KeyPackage raw = key.raw();
    if (loan.isPresent()) {
      return LoanKeys.loanKeyPackage(raw, key.xpub(), loan.getAsLong());
    }
    return raw.suite().postDkg(raw);
  }

  static PublicKeyPackage verifyingKeys(KeyFiles.PublicFile pub, OptionalLong loan) {
    PublicKeyPackage raw = pub.raw();
    if (loan.isPresent()) {
      return LoanKeys.loanPublicKeyPackage(raw, pub.xpub(), loan.getAsLong());
    }
    return raw.suite().postDkg(raw);
  }

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      description = "Round 1: fresh single-use nonces (secret) and their public commitment.")
  static final class Commit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "key package")
    Path key;

    @Option(names = "--nonces-out", required = true, description = "nonces (secret, single use)")
    Path noncesOut;

    @Option(names = "--commitment-out", required = true, description = "commitment (public)")
    Path commitmentOut;

    @Option(names = "--force", description = "replace existing output files of the same kind")
    boolean force;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force)
              .reading(key)
              .expect(noncesOut, SigningFiles.NONCES)
              .expect(commitmentOut, SigningFiles.COMMITMENT);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        return commit(outputs, secrets);
      }
    }

    private int commit(Outputs outputs, SecretStore secrets) {
      KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
      try {
        SigningCommitments c =
            SigningFiles.commit(outputs, k, noncesOut, commitmentOut, new SecureRandom(), secrets);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("participant %s committed%n", c.identifier());
        out.printf("nonces      %s (SECRET, single use, keep on this machine)%n", noncesOut);
        out.printf("commitment  %s (give to the coordinator)%n", commitmentOut);
        out.flush();
      } finally {
        k.raw().destroy();
      }
      return 0;
    }
  }

  static final class MessageSource {
    @Option(names = "--message", description = "message to sign, hex")
    String hex;

    @Option(names = "--message-file", description = "file holding the raw message bytes")
    Path file;

    byte[] bytes() {
      if (hex != null) {
        try {
          return HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
          throw new BadInputException("--message: must be hex");
        }
      }
      try {
        return Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new BadInputException(file + ": no such file");
      } catch (IOException e) {
        throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
      }
    }
  }

  @Command(
      name = "package",
      mixinStandardHelpOptions = true,
      description = "Coordinator: build the signing package from the signers' commitments.")
  static final class Package implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--commitments",
        required = true,
        split = ",",
        description = "commitment files (or a directory)")
    List<Path> commitments;

    @Option(
        names = "--public",
        required = true,
        description = "the group's public key package (checks group, signers and threshold)")
    Path publicFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    MessageSource message;

    @Option(names = "--loan", description = "sign for loan N's Taproot output key")
    Long loan;

    @Option(names = "--out", required = true, description = "signing package")
    Path outFile;

    @Option(names = "--force", description = "replace an existing signing package")
    boolean force;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force)
              .reading(publicFile)
              .reading(commitments)
              .expect(outFile, SigningFiles.PACKAGE);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      Ciphersuite suite = pub.raw().suite();
      Map<Identifier, CommitmentFile> byId = new TreeMap<>();
      for (Path p : CliFiles.paths(commitments, "--commitments")) {
        CommitmentFile c = SigningFiles.readCommitment(p);
        if (c.suite() != suite) {
          throw new BadInputException(
              c.file()
                  + ": field ciphersuite: is "
                  + c.suite()
                  + " but "
                  + publicFile
                  + " is "
                  + suite);
        }
        if (!c.groupKey().equals(pub.raw().verifyingKey())) {
          throw new BadInputException(
              c.file() + ": field group_key: belongs to another group than " + publicFile);
        }
        Identifier id = c.commitments().identifier();
        if (pub.raw().verifyingShare(id).isEmpty()) {
          throw new BadInputException(
              c.file() + ": field identifier: participant " + id + " is not in " + publicFile);
        }
        KeyFiles.checkEpoch(
            c.file(),
            "commitment made with a key package",
            c.epoch(),
            publicFile.toString(),
            "public key package",
            pub.epoch());
        CommitmentFile prev = byId.put(id, c);
        if (prev != null) {
          throw new BadInputException(
              c.file()
                  + ": field identifier: participant "
                  + id
                  + " already committed in "
                  + prev.file());
        }
      }
      int t = pub.raw().minSigners();
      if (byId.size() < t) {
        throw new BadInputException(
            "--commitments: "
                + byId.size()
                + " signer(s) "
                + byId.keySet()
                + ", but "
                + publicFile
                + " needs "
                + t
                + " (a "
                + t
                + "-of-"
                + pub.raw().maxSigners()
                + " group): collect commitments from at least "
                + t
                + " participants");
      }
      OptionalLong l = OptionalLong.empty();
      if (loan != null) {
        if (loan < 0 || loan > ThresholdXpub.MAX_INDEX) {
          throw new BadInputException("--loan must be 0.." + ThresholdXpub.MAX_INDEX);
        }
        if (suite != Ciphersuite.TAPROOT) {
          throw new BadInputException(
              "--loan: loan keys need the Taproot ciphersuite; " + publicFile + " is " + suite);
        }
        l = OptionalLong.of(loan);
      }
      List<SigningCommitments> cs = new ArrayList<>();
      byId.values().forEach(c -> cs.add(c.commitments()));
      byte[] msg = message.bytes();
      SigningPackage pkg = SigningPackage.of(cs, msg);
      SigningFiles.writePackage(
          outputs, outFile, suite, pub.raw().verifyingKey(), pub.epoch(), l, pkg);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("signers   %s (threshold %d)%n", byId.keySet(), t);
      out.printf("message   %s%n", CeremonyFile.hex(msg));
      if (l.isPresent()) {
        out.printf("loan      %d%n", l.getAsLong());
      }
      out.printf("package   %s (give to every signer)%n", outFile);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "share",
      mixinStandardHelpOptions = true,
      description = "Round 2: this signer's signature share (consumes the nonces file).")
  static final class Share implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "key package")
    Path key;

    @Option(names = "--nonces", required = true, description = "nonces from 'sign commit'")
    Path nonces;

    @Option(names = "--package", required = true, description = "signing package")
    Path pkgFile;

    @Option(names = "--out", required = true, description = "signature share")
    Path outFile;

    @Option(names = "--force", description = "replace an existing signature share file")
    boolean force;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force).reading(key, nonces, pkgFile).expect(outFile, SigningFiles.SHARE);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        return share(outputs, secrets);
      }
    }

    private int share(Outputs outputs, SecretStore secrets) {
      KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
      KeyPackage raw = k.raw();
      KeyPackage signing = null;
      try {
        PackageFile pkg = SigningFiles.readPackage(pkgFile);
        if (pkg.suite() != raw.suite()) {
          throw new BadInputException(
              pkgFile
                  + ": field ciphersuite: is "
                  + pkg.suite()
                  + " but "
                  + key
                  + " is "
                  + raw.suite());
        }
        if (!pkg.groupKey().equals(raw.verifyingKey())) {
          throw new BadInputException(
              pkgFile + ": field group_key: belongs to another group than " + key);
        }
        KeyFiles.checkEpoch(
            key.toString(),
            "key package",
            k.epoch(),
            pkgFile.toString(),
            "signing package",
            pkg.epoch());
        SigningNonces n = SigningFiles.readNonces(nonces, k, secrets);
        SigningCommitments mine = pkg.pkg().commitment(raw.identifier()).orElse(null);
        if (mine == null) {
          n.discard();
          throw new BadInputException(
              pkgFile
                  + ": field commitments: has no commitment from participant "
                  + raw.identifier());
        }
        if (!mine.equals(n.commitments())) {
          n.discard();
          throw new BadInputException(
              pkgFile
                  + ": field commitments."
                  + raw.identifier()
                  + ": differs from the commitment of "
                  + nonces
                  + " (a package from another session?)");
        }
        if (pkg.pkg().commitments().size() < raw.minSigners()) {
          n.discard();
          throw new BadInputException(
              pkgFile
                  + ": field commitments: "
                  + pkg.pkg().commitments().size()
                  + " signers, the threshold is "
                  + raw.minSigners());
        }
        signing = signingKey(k, pkg.loan());
        // Consume the nonces on disk before the share exists: never two shares per nonce.
        SigningFiles.markNoncesUsed(nonces, raw, pkg.digest());
        SignatureShare share = Round2.sign(pkg.pkg(), n, signing);
        SigningFiles.writeShare(outputs, outFile, pkg, k.epoch(), share);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("participant %s signed%n", raw.identifier());
        out.printf("message   %s%n", CeremonyFile.hex(pkg.pkg().message()));
        if (pkg.loan().isPresent()) {
          out.printf(
              "loan      %d (%s)%n",
              pkg.loan().getAsLong(), k.xpub().loan(pkg.loan().getAsLong()).childKey().toHex());
        }
        out.printf("key       %s%n", CeremonyFile.hex(signing.withEvenY().verifyingKey().xOnly()));
        out.printf("share     %s (give to the coordinator)%n", outFile);
        out.printf("nonces    %s consumed%n", nonces);
        out.flush();
        return 0;
      } finally {
        raw.destroy();
        if (signing != null) {
          signing.destroy();
        }
      }
    }
  }

  @Command(
      name = "aggregate",
      mixinStandardHelpOptions = true,
      description = "Coordinator: verify every share, aggregate and verify the signature.")
  static final class Aggregate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--public", required = true, description = "public key package")
    Path publicFile;

    @Option(names = "--package", required = true, description = "signing package")
    Path pkgFile;

    @Option(
        names = "--shares",
        required = true,
        split = ",",
        description = "signature share files (or a directory)")
    List<Path> shares;

    @Option(names = "--out", required = true, description = "signature")
    Path outFile;

    @Option(names = "--force", description = "replace an existing signature file")
    boolean force;

    @Override
    public Integer call() {
      Outputs outputs =
          new Outputs(force)
              .reading(publicFile, pkgFile)
              .reading(shares)
              .expect(outFile, SigningFiles.SIGNATURE);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      PackageFile pkg = SigningFiles.readPackage(pkgFile);
      if (pkg.suite() != pub.raw().suite()) {
        throw new BadInputException(
            pkgFile
                + ": field ciphersuite: is "
                + pkg.suite()
                + " but "
                + publicFile
                + " is "
                + pub.raw().suite());
      }
      if (!pkg.groupKey().equals(pub.raw().verifyingKey())) {
        throw new BadInputException(
            pkgFile + ": field group_key: belongs to another group than " + publicFile);
      }
      KeyFiles.checkEpoch(
          pkgFile.toString(),
          "signing package",
          pkg.epoch(),
          publicFile.toString(),
          "public key package",
          pub.epoch());
      Map<Identifier, String> files = new LinkedHashMap<>();
      List<SignatureShare> list = new ArrayList<>();
      for (Path p : CliFiles.paths(shares, "--shares")) {
        ShareFile s = SigningFiles.readShare(p, pkg);
        Identifier id = s.share().identifier();
        if (files.containsKey(id)) {
          throw new BadInputException(
              p
                  + ": field identifier: participant "
                  + id
                  + " already has a share in "
                  + files.get(id));
        }
        if (pkg.pkg().commitment(id).isEmpty()) {
          throw new BadInputException(
              p + ": field identifier: participant " + id + " is not a signer of " + pkgFile);
        }
        KeyFiles.checkEpoch(
            p.toString(),
            "share made with a key package",
            s.epoch(),
            publicFile.toString(),
            "public key package",
            pub.epoch());
        files.put(id, p.toString());
        list.add(s.share());
      }
      PublicKeyPackage keys = verifyingKeys(pub, pkg.loan());
      Ciphersuite suite = keys.suite();
      Signature sig;
      try {
        sig = Aggregator.aggregate(pkg.pkg(), list, keys);
      } catch (FrostException e) {
        if (e.kind() == FrostException.Kind.INVALID_SIGNATURE_SHARE) {
          throw new CheckFailedException(
              "invalid signature share from participant(s) "
                  + DkgCommand.filesOf(e.culprits(), files)
                  + ": exclude them and sign again with other signers");
        }
        if (e.kind() == FrostException.Kind.INVALID_SIGNATURE) {
          throw new CheckFailedException(e.getMessage());
        }
        throw new BadInputException("--shares: " + e.getMessage());
      }
      byte[] bytes = suite.serializeSignature(sig);
      byte[] msg = pkg.pkg().message();
      PrintWriter out = spec.commandLine().getOut();
      byte[] vk;
      String address = null;
      if (suite == Ciphersuite.TAPROOT) {
        vk = keys.verifyingKey().xOnly();
        boolean ok = Secp256k1.verifySchnorr(bytes, msg, vk);
        if (pkg.loan().isPresent()) {
          address = pub.xpub().loanAddress(pkg.loan().getAsLong());
          out.printf("loan        %d (%s)%n", pkg.loan().getAsLong(), address);
        }
        out.printf("output key  %s%n", CeremonyFile.hex(vk));
        out.printf("signature   %s%n", CeremonyFile.hex(bytes));
        out.printf("BIP340 verify (libsecp256k1): %s%n", ok ? "valid" : "INVALID");
        if (!ok) {
          out.flush();
          throw new CheckFailedException("the aggregate signature does not verify (BIP340)");
        }
      } else {
        vk = keys.verifyingKey().compressed();
        boolean ok = suite.verify(sig, msg, keys.verifyingKey());
        out.printf("group key   %s%n", CeremonyFile.hex(vk));
        out.printf("signature   %s%n", CeremonyFile.hex(bytes));
        out.printf("RFC 9591 verify: %s%n", ok ? "valid" : "INVALID");
        if (!ok) {
          out.flush();
          throw new CheckFailedException("the aggregate signature does not verify");
        }
      }
      SigningFiles.writeSignature(outputs, outFile, suite, msg, pkg.loan(), vk, bytes, address);
      out.printf("written to  %s%n", outFile);
      out.flush();
      return 0;
    }
  }
}
