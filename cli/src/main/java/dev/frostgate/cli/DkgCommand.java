package dev.frostgate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.ComplaintFiles;
import dev.frostgate.cli.ceremony.DkgFiles;
import dev.frostgate.cli.ceremony.DkgFiles.Round1PackageFile;
import dev.frostgate.cli.ceremony.DkgFiles.Round2SecretFile;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SealedShareFiles;
import dev.frostgate.cli.ceremony.SealedShareFiles.SealedShareFile;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.cli.support.NetworkConverter;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgException;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.crypto.seal.SealContext;
import dev.frostgate.crypto.seal.SealException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The offline (air-gapped) DKG in three parts, one command per part; operators carry the files
 * between machines. Secret state stays with its owner, sealed by the key store; round-2 shares
 * travel encrypted to their recipient's identity key and signed by their dealer's, so a wrong share
 * becomes evidence anyone can check ({@code dkg verify-evidence}).
 */
@Command(
    name = "dkg",
    mixinStandardHelpOptions = true,
    description = "Offline distributed key generation, one part per command.",
    subcommands = {
      DkgCommand.Part1.class,
      DkgCommand.Part2.class,
      DkgCommand.Part3.class,
      DkgCommand.VerifyEvidence.class,
      DkgCertificateCommands.Certify.class,
      DkgCertificateCommands.Accept.class
    })
final class DkgCommand {

  static Ciphersuite suite(String name) {
    try {
      return Ciphersuite.byName(name);
    } catch (FrostException e) {
      throw new BadInputException("--ciphersuite: " + e.getMessage());
    }
  }

  /** Reads the other participants' round-1 packages, checking they match our parameters. */
  static Map<Identifier, Round1PackageFile> round1Packages(
      List<Path> values,
      String option,
      Identifier me,
      Ciphersuite suite,
      int t,
      int n,
      VssCommitment own,
      String reference) {
    Map<Identifier, Round1PackageFile> out = new TreeMap<>();
    for (Path p : CliFiles.paths(values, option)) {
      Round1PackageFile f = DkgFiles.readRound1Package(p, suite, reference);
      String where = f.file() + ": field ";
      if (f.minSigners() != t) {
        throw new BadInputException(
            where + "threshold: is " + f.minSigners() + " but " + reference + " has " + t);
      }
      if (f.maxSigners() != n) {
        throw new BadInputException(
            where + "participants: is " + f.maxSigners() + " but " + reference + " has " + n);
      }
      Identifier sender = f.pkg().sender();
      if (sender.equals(me)) {
        if (!f.pkg().commitment().equals(own)) {
          throw new BadInputException(
              where + "identifier: carries our identifier " + me + " but not our commitment");
        }
        continue; // our own package, given along with the others: skip it
      }
      Round1PackageFile previous = out.put(sender, f);
      if (previous != null) {
        throw new BadInputException(
            where
                + "identifier: participant "
                + sender
                + " already has a package in "
                + previous.file());
      }
    }
    if (out.size() != n - 1) {
      throw new BadInputException(
          option
              + ": expected round-1 packages from the "
              + (n - 1)
              + " other participants, got "
              + out.size()
              + " (from "
              + out.keySet()
              + ")");
    }
    return out;
  }

  static Map<Identifier, Round1Package> packages(Map<Identifier, Round1PackageFile> files) {
    Map<Identifier, Round1Package> m = new TreeMap<>();
    files.forEach((id, f) -> m.put(id, f.pkg()));
    return m;
  }

  static String filesOf(List<Identifier> ids, Map<Identifier, String> files) {
    List<String> parts = new ArrayList<>();
    for (Identifier id : ids) {
      parts.add(id + " (" + files.getOrDefault(id, "?") + ")");
    }
    return String.join(", ", parts);
  }

  @Command(
      name = "part1",
      mixinStandardHelpOptions = true,
      description = "Draw this participant's polynomial; write the secret state and the package.")
  static final class Part1 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, description = "this participant's identifier (1..n)")
    int id;

    @Option(names = "--participants", required = true, paramLabel = "N", description = "n")
    int participants;

    @Option(names = "--threshold", required = true, paramLabel = "T", description = "t")
    int threshold;

    @Option(
        names = "--allow-threshold-one",
        description = "allow t = 1: every participant alone can then sign (no threshold at all)")
    boolean allowThresholdOne;

    @Option(
        names = "--ciphersuite",
        defaultValue = "FROST-secp256k1-SHA256-TR-v1",
        description = "default: ${DEFAULT-VALUE}")
    String ciphersuite;

    @Option(names = "--secret-out", required = true, description = "round-1 secret (sealed)")
    Path secretOut;

    @Option(names = "--package-out", required = true, description = "round-1 package (public)")
    Path packageOut;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Ciphersuite suite = suite(ciphersuite);
      checkThreshold(threshold, participants, allowThresholdOne, "--threshold");
      if (id < 1 || id > participants) {
        throw new BadInputException("--id must be between 1 and " + participants + ", got " + id);
      }
      Outputs outputs =
          overwrite
              .outputs()
              .expect(secretOut, DkgFiles.ROUND1_SECRET)
              .expect(packageOut, DkgFiles.ROUND1_PACKAGE);
      try (SecretStore secrets = secretOptions.open(spec, true)) {
        Dkg.Part1 p =
            Dkg.part1(suite, Identifier.of(id), participants, threshold, new SecureRandom());
        try {
          DkgFiles.writeRound1Secret(outputs, secretOut, p.secret(), secrets);
          DkgFiles.writeRound1Package(outputs, packageOut, p.secret(), p.broadcast());
        } finally {
          p.secret().destroy();
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("participant %d of a %d-of-%d DKG (%s)%n", id, threshold, participants, suite);
      out.printf("secret state  %s (SECRET, keep on this machine)%n", secretOut);
      out.printf("package       %s (give to every other participant)%n", packageOut);
      out.flush();
      return 0;
    }
  }

  /**
   * Refuses a threshold outside 1..n, and t = 1 in a group of more than one unless asked for: with
   * t = 1 every single participant can sign alone, which is never what a threshold group wants.
   */
  static void checkThreshold(int t, int n, boolean allowOne, String option) {
    try {
      Thresholds.check(t, n);
    } catch (FrostException e) {
      throw new BadInputException(option + ": " + e.getMessage());
    }
    if (t == 1 && n > 1 && !allowOne) {
      throw new BadInputException(
          option
              + " 1: every participant alone could sign for the group; choose t > 1, or pass"
              + " --allow-threshold-one if that is really meant");
    }
  }

  @Command(
      name = "part2",
      mixinStandardHelpOptions = true,
      description =
          "Check the other participants' proofs; write one round-2 share file per recipient,"
              + " encrypted to its identity key and signed with ours.")
  static final class Part2 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--secret", required = true, description = "round-1 secret from part1")
    Path secret;

    @Option(
        names = "--packages",
        required = true,
        split = ",",
        description = "round-1 packages of the others (files, or a directory)")
    List<Path> packages;

    @Mixin IdentityOptions identities;

    @Option(names = "--secret-out", required = true, description = "round-2 secret (sealed)")
    Path secretOut;

    @Option(
        names = "--out-dir",
        required = true,
        description = "directory for the round-2 share files (encrypted, one per recipient)")
    Path outDir;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        Round1Secret s = DkgFiles.readRound1Secret(secret, secrets);
        try {
          return identities.withIdentity(
              s.identifier(), roster, secrets, me -> run(s, me, roster, secrets));
        } finally {
          s.destroy();
        }
      }
    }

    private int run(Round1Secret s, IdentityFile me, Roster roster, SecretStore secrets) {
      Map<Identifier, Round1PackageFile> files =
          round1Packages(
              packages,
              "--packages",
              s.identifier(),
              s.suite(),
              s.minSigners(),
              s.maxSigners(),
              s.commitment(),
              secret.toString());
      Map<Identifier, Round1Package> received = packages(files);
      for (Identifier j : received.keySet()) {
        roster.key(j);
      }
      Outputs outputs =
          overwrite
              .outputs()
              .reading(secret, identities.roster, identities.identity)
              .reading(packages);
      outputs.expect(secretOut, DkgFiles.ROUND2_SECRET);
      for (Identifier j : received.keySet()) {
        outputs.expect(
            outDir.resolve(DkgFiles.round2FileName(s.identifier(), j)), SealedShareFiles.TYPE);
      }
      Hash32 transcript =
          Dkg.transcriptHash(
              s.suite(), s.minSigners(), s.maxSigners(), received, s.identifier(), s.commitment());
      VssCommitment commitment = s.commitment();
      Dkg.Part2 p2;
      try {
        p2 = Dkg.part2(s, received);
      } catch (DkgException e) {
        Map<Identifier, String> names = new HashMap<>();
        files.forEach((id, f) -> names.put(id, f.file()));
        throw new CheckFailedException(
            "invalid proof of knowledge from participant(s) "
                + filesOf(e.culprits(), names)
                + ": exclude them and restart the DKG");
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        for (Round2Package pkg : p2.outgoing().values()) {
          Path f = outDir.resolve(DkgFiles.round2FileName(pkg.sender(), pkg.receiver()));
          SealContext ctx =
              DkgFiles.shareContext(
                  s.suite(), transcript, pkg.sender(), pkg.receiver(), commitment);
          ObjectNode readable = CeremonyFile.newObject();
          readable.put("transcript_hash", CeremonyFile.hex(transcript.bytes()));
          SealedShareFiles.write(
              outputs, f, ctx, roster.key(pkg.receiver()), pkg.share(), me, readable);
          out.printf("round-2 share for participant %s  %s (encrypted to it)%n", pkg.receiver(), f);
        }
        DkgFiles.writeRound2Secret(outputs, secretOut, p2.secret(), transcript, secrets);
      } finally {
        p2.secret().destroy();
        p2.outgoing().values().forEach(r -> r.share().destroy());
      }
      out.printf("all %d proofs of knowledge verified%n", received.size());
      out.printf("transcript hash  %s%n", CeremonyFile.hex(transcript.bytes()));
      out.printf("round-2 secret   %s (SECRET, keep on this machine)%n", secretOut);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "part3",
      mixinStandardHelpOptions = true,
      description = {
        "Open and verify the round-2 shares sent to this participant; write the key package"
            + " (sealed) and the public key package.",
        "A share that does not match its dealer's commitment (or does not open) becomes evidence"
            + " against the dealer, checkable by anyone with 'dkg verify-evidence'; exit 1."
      })
  static final class Part3 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--secret", required = true, description = "round-2 secret from part2")
    Path secret;

    @Option(
        names = "--round1",
        required = true,
        split = ",",
        description = "the round-1 packages given to part2 (files, or a directory)")
    List<Path> round1;

    @Option(
        names = "--round2",
        required = true,
        split = ",",
        description =
            "round-2 share files addressed to this participant (files, or a directory: files for"
                + " other participants in it are skipped)")
    List<Path> round2;

    @Mixin IdentityOptions identities;

    @Option(names = "--key-out", required = true, description = "key package (sealed)")
    Path keyOut;

    @Option(names = "--public-out", required = true, description = "public key package")
    Path publicOut;

    @Option(
        names = "--evidence-dir",
        description = "where to write evidence against bad dealers (default: beside --key-out)")
    Path evidenceDir;

    @Option(
        names = "--network",
        defaultValue = "regtest",
        converter = NetworkConverter.class,
        description = "network of the threshold xpub (default: ${DEFAULT-VALUE})")
    Network network;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        Round2SecretFile mine = DkgFiles.readRound2Secret(secret, secrets);
        try {
          return identities.withIdentity(
              mine.secret().identifier(), roster, secrets, me -> run(mine, me, roster, secrets));
        } finally {
          mine.secret().destroy();
        }
      }
    }

    private int run(
        Round2SecretFile mine, IdentityFile identity, Roster roster, SecretStore secrets) {
      var s = mine.secret();
      Identifier me = s.identifier();
      Outputs outputs =
          overwrite
              .outputs()
              .reading(secret, identities.roster, identities.identity)
              .reading(round1)
              .reading(round2)
              .expect(keyOut, KeyFiles.KEY_TYPE)
              .expect(publicOut, KeyFiles.PUBLIC_TYPE);
      Map<Identifier, Round1PackageFile> r1files =
          round1Packages(
              round1,
              "--round1",
              me,
              s.suite(),
              s.minSigners(),
              s.maxSigners(),
              s.commitment(),
              secret.toString());
      Map<Identifier, Round1Package> r1 = packages(r1files);
      Hash32 transcript =
          Dkg.transcriptHash(s.suite(), s.minSigners(), s.maxSigners(), r1, me, s.commitment());
      if (!transcript.equals(mine.transcriptHash())) {
        throw new BadInputException(
            "--round1: these packages are not the ones given to part 2 (their transcript hash"
                + " differs from field transcript_hash of "
                + secret
                + ")");
      }
      Map<Identifier, SealedShareFile> sealed = SealedInputs.forMe(round2, "--round2", me, roster);
      SealedInputs.requireExactly(sealed, r1.keySet(), "--round2");
      for (SealedShareFile f : sealed.values()) {
        Round1PackageFile dealerPackage = r1files.get(f.dealer());
        SealedShareFiles.requireContext(
            f,
            DkgFiles.shareContext(
                s.suite(), transcript, f.dealer(), me, dealerPackage.pkg().commitment()),
            "the transcript of " + secret,
            "round-1 package " + dealerPackage.file());
      }
      Map<Identifier, Round2Package> r2 = new TreeMap<>();
      List<Identifier> culprits = new ArrayList<>();
      DkgOutput output = null;
      try {
        for (SealedShareFile f : sealed.values()) {
          try {
            SecretScalar share = f.open(identity);
            r2.put(f.dealer(), new Round2Package(f.dealer(), me, share));
            if (!share.publicPoint().equals(r1.get(f.dealer()).commitment().evaluate(me))) {
              culprits.add(f.dealer());
            }
          } catch (SealException | FrostException e) {
            culprits.add(f.dealer()); // sealed something that is no share: the dealer signed it
          }
        }
        if (culprits.isEmpty()) {
          try {
            output = Dkg.part3(s, r1, r2);
          } catch (DkgException e) {
            culprits.addAll(e.culprits());
            if (culprits.isEmpty()) {
              throw new CheckFailedException(e.getMessage());
            }
          }
        }
      } finally {
        r2.values().forEach(p -> p.share().destroy());
      }
      if (!culprits.isEmpty()) {
        Map<Identifier, List<dev.frostgate.crypto.ec.Point>> commitments = new TreeMap<>();
        r1.forEach((id, p) -> commitments.put(id, p.commitment().coefficients()));
        throw SealedInputs.complain(
            culprits,
            sealed,
            commitments,
            identity,
            evidenceDir != null ? evidenceDir : keyOut.toAbsolutePath().getParent(),
            overwrite.force,
            "round-1 commitments");
      }
      long epoch = 0;
      KeyFiles.writeKey(
          outputs,
          keyOut,
          output.rawKeyPackage(),
          s.maxSigners(),
          output.transcriptHash(),
          output.chainCode(),
          epoch,
          secrets);
      KeyFiles.writePublic(
          outputs,
          publicOut,
          output.rawPublicKeyPackage(),
          output.transcriptHash(),
          output.chainCode(),
          network,
          epoch);
      ThresholdXpub xpub =
          ThresholdXpub.of(output.rawKeyPackage().verifyingKey(), output.chainCode(), network);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("all %d shares verified%n", r2.size());
      out.printf("group key (internal)  %s%n", output.rawKeyPackage().verifyingKey().toHex());
      out.printf(
          "output key            %s%n",
          CeremonyFile.hex(output.publicKeyPackage().verifyingKey().xOnly()));
      out.printf("transcript hash       %s%n", CeremonyFile.hex(output.transcriptHash().bytes()));
      out.printf("xpub                  %s%n", xpub.serialize());
      out.printf(
          "test message          %s%n",
          CeremonyFile.hex(DkgAcceptance.testMessage(output.transcriptHash())));
      out.printf("key package           %s (SECRET, long-lived: keep it and a backup)%n", keyOut);
      out.printf("public key package    %s%n", publicOut);
      out.println(
          "Compare the transcript hash with every other participant, then run 'dkg certify', make"
              + " the test signature (sign ... --message <test message>) with t participants and"
              + " 'dkg accept' before using the key.");
      out.flush();
      output.rawKeyPackage().destroy();
      return 0;
    }
  }

  @Command(
      name = "verify-evidence",
      mixinStandardHelpOptions = true,
      description = {
        "Judge a complaint written by 'dkg part3' or 'refresh part2', offline, with public data"
            + " only (the roster's identity keys).",
        "Exit 0 with 'dealer N at fault' or 'false complaint by N'; exit 1 when the evidence proves"
            + " nothing (a signature, key or proof that does not verify), naming what failed."
      })
  static final class VerifyEvidence implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--roster", required = true, description = "roster of identity keys")
    Path rosterFile;

    @Parameters(arity = "1", paramLabel = "FILE", description = "complaint file")
    Path file;

    @Override
    public Integer call() {
      Roster roster = CertificateFiles.readRoster(rosterFile);
      ComplaintFiles.Judgement j = ComplaintFiles.judge(file, roster);
      PrintWriter out = spec.commandLine().getOut();
      out.println(j.summary());
      out.flush();
      return 0;
    }
  }
}
