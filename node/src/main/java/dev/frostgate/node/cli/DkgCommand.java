package dev.frostgate.node.cli;

import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgException;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.ceremony.CeremonyFile;
import dev.frostgate.node.ceremony.DkgFiles;
import dev.frostgate.node.ceremony.DkgFiles.Round1PackageFile;
import dev.frostgate.node.ceremony.DkgFiles.Round2PackageFile;
import dev.frostgate.node.ceremony.DkgFiles.Round2SecretFile;
import dev.frostgate.node.ceremony.FileFields;
import dev.frostgate.node.ceremony.KeyFiles;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The offline (air-gapped) DKG in three parts, one command per part; operators carry the files
 * between machines. Secret files are written with mode 0600 and say {@code "secret": true}.
 */
@Command(
    name = "dkg",
    mixinStandardHelpOptions = true,
    description = "Offline distributed key generation, one part per command.",
    subcommands = {
      DkgCommand.Part1.class,
      DkgCommand.Part2.class,
      DkgCommand.Part3.class,
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
      dev.frostgate.crypto.frost.VssCommitment own,
      String reference) {
    Map<Identifier, Round1PackageFile> out = new TreeMap<>();
    for (Path p : CliFiles.paths(values, option)) {
      Round1PackageFile f = DkgFiles.readRound1Package(p, suite, reference);
      String where = f.file() + ": field ";
      if (f.suite() != suite) {
        throw new BadInputException(
            where + "ciphersuite: is " + f.suite() + " but " + reference + " is " + suite);
      }
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

    @Option(names = "--participants", required = true, description = "n")
    int participants;

    @Option(names = "--threshold", required = true, description = "t")
    int threshold;

    @Option(
        names = "--ciphersuite",
        defaultValue = "FROST-secp256k1-SHA256-TR-v1",
        description = "default: ${DEFAULT-VALUE}")
    String ciphersuite;

    @Option(names = "--secret-out", required = true, description = "round-1 secret (mode 0600)")
    Path secretOut;

    @Option(names = "--package-out", required = true, description = "round-1 package (public)")
    Path packageOut;

    @Override
    public Integer call() {
      Ciphersuite suite = suite(ciphersuite);
      dev.frostgate.crypto.frost.Thresholds.check(threshold, participants);
      if (id < 1 || id > participants) {
        throw new BadInputException("--id must be between 1 and " + participants + ", got " + id);
      }
      Dkg.Part1 p =
          Dkg.part1(suite, Identifier.of(id), participants, threshold, new SecureRandom());
      try {
        DkgFiles.writeRound1Secret(secretOut, p.secret());
        DkgFiles.writeRound1Package(packageOut, p.secret(), p.broadcast());
      } finally {
        p.secret().destroy();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("participant %d of a %d-of-%d DKG (%s)%n", id, threshold, participants, suite);
      out.printf("secret state  %s (keep on this machine)%n", secretOut);
      out.printf("package       %s (give to every other participant)%n", packageOut);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "part2",
      mixinStandardHelpOptions = true,
      description =
          "Check the other participants' proofs; write one secret round-2 package per recipient.")
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

    @Option(names = "--secret-out", required = true, description = "round-2 secret (mode 0600)")
    Path secretOut;

    @Option(
        names = "--out-dir",
        required = true,
        description = "directory for the round-2 packages (secret, one per recipient)")
    Path outDir;

    @Override
    public Integer call() {
      Round1Secret s = DkgFiles.readRound1Secret(secret);
      try {
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
        byte[] transcript =
            Dkg.transcriptHash(
                s.suite(),
                s.minSigners(),
                s.maxSigners(),
                received,
                s.identifier(),
                s.commitment());
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
        CliFiles.directory(outDir, "--out-dir");
        PrintWriter out = spec.commandLine().getOut();
        try {
          for (Round2Package pkg : p2.outgoing().values()) {
            Path f =
                outDir.resolve(
                    "round2-from-"
                        + FileFields.idString(pkg.sender())
                        + "-to-"
                        + FileFields.idString(pkg.receiver())
                        + ".json");
            DkgFiles.writeRound2Package(f, s.suite(), pkg, transcript);
            out.printf("round-2 package for participant %s  %s (SECRET)%n", pkg.receiver(), f);
          }
          DkgFiles.writeRound2Secret(secretOut, p2.secret(), transcript);
        } finally {
          p2.secret().destroy();
          p2.outgoing().values().forEach(r -> r.share().destroy());
        }
        out.printf("all %d proofs of knowledge verified%n", received.size());
        out.printf("transcript hash  %s%n", CeremonyFile.hex(transcript));
        out.printf("round-2 secret   %s (keep on this machine)%n", secretOut);
        out.flush();
        return 0;
      } finally {
        s.destroy();
      }
    }
  }

  @Command(
      name = "part3",
      mixinStandardHelpOptions = true,
      description = "Verify the received shares; write the key package and public key package.")
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
            "round-2 packages addressed to this participant (files, or a directory: packages"
                + " for other participants in it are skipped)")
    List<Path> round2;

    @Option(names = "--key-out", required = true, description = "key package (mode 0600)")
    Path keyOut;

    @Option(names = "--public-out", required = true, description = "public key package")
    Path publicOut;

    @Option(
        names = "--evidence-out",
        description = "where to write evidence against a bad sender (default: next to --key-out)")
    Path evidenceOut;

    @Option(
        names = "--network",
        defaultValue = "regtest",
        converter = NetworkConverter.class,
        description = "network of the threshold xpub (default: ${DEFAULT-VALUE})")
    Network network;

    @Override
    public Integer call() {
      Round2SecretFile mine = DkgFiles.readRound2Secret(secret);
      var s = mine.secret();
      Identifier me = s.identifier();
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
      byte[] transcript =
          Dkg.transcriptHash(s.suite(), s.minSigners(), s.maxSigners(), r1, me, s.commitment());
      if (!java.util.Arrays.equals(transcript, mine.transcriptHash())) {
        throw new BadInputException(
            "--round1: these packages are not the ones given to part 2 (their transcript hash"
                + " differs from field transcript_hash of "
                + secret
                + ")");
      }
      Map<Identifier, Round2Package> r2 = new TreeMap<>();
      Map<Identifier, String> r2names = new HashMap<>();
      for (CliFiles.Input in : CliFiles.expand(round2, "--round2")) {
        if (in.fromDirectory() && !DkgFiles.round2Receiver(in.path()).equals(me)) {
          continue;
        }
        Round2PackageFile f = DkgFiles.readRound2Package(in.path(), mine);
        Identifier sender = f.pkg().sender();
        if (!r1.containsKey(sender)) {
          throw new BadInputException(
              f.file() + ": field sender: participant " + sender + " sent no round-1 package");
        }
        if (r2.put(sender, f.pkg()) != null) {
          throw new BadInputException(
              f.file()
                  + ": field sender: participant "
                  + sender
                  + " already has a package in "
                  + r2names.get(sender));
        }
        r2names.put(sender, f.file());
      }
      if (r2.size() != r1.size()) {
        List<Identifier> missing = new ArrayList<>(r1.keySet());
        missing.removeAll(r2.keySet());
        throw new BadInputException(
            "--round2: missing round-2 package(s) from participant(s) " + missing);
      }
      DkgOutput output;
      try {
        output = Dkg.part3(s, r1, r2);
      } catch (DkgException e) {
        if (e.kind() != FrostException.Kind.INVALID_SECRET_SHARE) {
          throw e;
        }
        Path ev =
            evidenceOut != null
                ? evidenceOut
                : keyOut
                    .toAbsolutePath()
                    .resolveSibling("dkg-evidence-" + FileFields.idString(me) + ".json");
        List<String> files = new ArrayList<>();
        e.evidence().forEach(x -> files.add(r2names.get(x.accused())));
        DkgFiles.writeEvidence(ev, s.suite(), e.evidence(), files);
        throw new CheckFailedException(
            "share(s) from participant(s) "
                + filesOf(e.culprits(), r2names)
                + " do not match their round-1 commitments; evidence written to "
                + ev);
      } finally {
        s.destroy();
        r2.values().forEach(p -> p.share().destroy());
      }
      KeyFiles.writeKey(
          keyOut,
          output.rawKeyPackage(),
          s.maxSigners(),
          output.transcriptHash(),
          output.chainCode());
      KeyFiles.writePublic(
          publicOut,
          output.rawPublicKeyPackage(),
          output.transcriptHash(),
          output.chainCode(),
          network);
      ThresholdXpub xpub =
          ThresholdXpub.of(output.rawKeyPackage().verifyingKey(), output.chainCode(), network);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("all %d shares verified%n", r2.size());
      out.printf("group key (internal)  %s%n", output.rawKeyPackage().verifyingKey().toHex());
      out.printf(
          "output key            %s%n",
          CeremonyFile.hex(output.publicKeyPackage().verifyingKey().xOnly()));
      out.printf("transcript hash       %s%n", CeremonyFile.hex(output.transcriptHash()));
      out.printf("xpub                  %s%n", xpub.serialize());
      out.printf(
          "test message          %s%n",
          CeremonyFile.hex(DkgAcceptance.testMessage(output.transcriptHash())));
      out.printf("key package           %s (SECRET, keep on this machine)%n", keyOut);
      out.printf("public key package    %s%n", publicOut);
      out.println(
          "Compare the transcript hash with every other participant, then make the test"
              + " signature (sign ... --message <test message>) before using the key.");
      out.flush();
      output.rawKeyPackage().destroy();
      return 0;
    }
  }
}
