package dev.frostgate.node.cli;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.keys.KeyUpdate;
import dev.frostgate.crypto.frost.keys.Refresh;
import dev.frostgate.crypto.frost.keys.RefreshCommitment;
import dev.frostgate.node.ceremony.CeremonyFile;
import dev.frostgate.node.ceremony.FileFields;
import dev.frostgate.node.ceremony.KeyFiles;
import dev.frostgate.node.ceremony.MaintenanceFiles;
import dev.frostgate.node.ceremony.MaintenanceFiles.CommitmentFile;
import dev.frostgate.node.ceremony.MaintenanceFiles.RefreshSecret;
import dev.frostgate.node.ceremony.MaintenanceFiles.Session;
import dev.frostgate.node.ceremony.MaintenanceFiles.Transfer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Proactive refresh without a dealer (DKG style): every participant deals a zero-constant
 * polynomial (part1: a public commitment and one secret share file per other participant), then
 * verifies what it received and adds it to its share (part2). Same group key, new shares; old
 * shares no longer combine with new ones. Participants left out are removed from the group.
 */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Refresh every share of the group key (no dealer).",
    subcommands = {RefreshCommand.Part1.class, RefreshCommand.Part2.class})
final class RefreshCommand {

  @Command(
      name = "part1",
      mixinStandardHelpOptions = true,
      description =
          "Deal this participant's refreshing polynomial: a commitment (public) and one share"
              + " file per other participant (secret).")
  static final class Part1 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "current key package")
    Path key;

    @Option(names = "--public", required = true, description = "current public key package")
    Path publicFile;

    @Option(
        names = "--participants",
        required = true,
        split = ",",
        description = "everyone taking part (at least t; others are removed from the group)")
    List<Long> participants;

    @Option(names = "--secret-out", required = true, description = "refresh secret (0600)")
    Path secretOut;

    @Option(names = "--commitment-out", required = true, description = "commitment (public)")
    Path commitmentOut;

    @Option(names = "--out-dir", required = true, description = "directory for the share files")
    Path outDir;

    @Override
    public Integer call() {
      KeyFiles.KeyFile k = KeyFiles.readKey(key);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      KeyFiles.checkSameGroup(k, pub);
      KeyPackage raw = k.raw();
      SortedSet<Identifier> ids = RepairCommand.ids(participants, "--participants");
      for (Identifier id : ids) {
        if (pub.raw().verifyingShare(id).isEmpty()) {
          throw new BadInputException(
              "--participants: participant " + id + " is not in " + publicFile);
        }
      }
      Session session = Session.of(pub.raw());
      SecureRandom rnd = new SecureRandom();
      List<SecretScalar> coefficients = new ArrayList<>();
      for (int i = 1; i < raw.minSigners(); i++) {
        coefficients.add(SecretScalar.random(rnd));
      }
      Refresh.DkgRound1 r1;
      try {
        r1 = Refresh.dkgPart1WithPolynomial(raw, ids, copies(coefficients));
      } catch (FrostException e) {
        coefficients.forEach(SecretScalar::destroy);
        raw.destroy();
        throw new BadInputException("--participants: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        MaintenanceFiles.writeRefreshSecret(secretOut, session, raw, ids, coefficients);
        MaintenanceFiles.writeRefreshCommitment(
            commitmentOut, session, raw.identifier(), ids, r1.commitment());
        SortedMap<Identifier, SecretScalar> shares = Refresh.dkgPart2(r1.secret());
        CliFiles.directory(outDir, "--out-dir");
        try {
          for (var e : shares.entrySet()) {
            Path f =
                outDir.resolve(
                    "refresh-share-from-"
                        + FileFields.idString(raw.identifier())
                        + "-to-"
                        + FileFields.idString(e.getKey())
                        + ".json");
            MaintenanceFiles.writeRefreshShare(
                f, session, ids, raw.identifier(), e.getKey(), e.getValue());
            out.printf("share for participant %s  %s (SECRET)%n", e.getKey(), f);
          }
        } finally {
          shares.values().forEach(SecretScalar::destroy);
        }
      } finally {
        r1.secret().destroy();
        coefficients.forEach(SecretScalar::destroy);
        raw.destroy();
      }
      out.printf("commitment  %s (give to every participant)%n", commitmentOut);
      out.printf("secret      %s (keep on this machine)%n", secretOut);
      out.flush();
      return 0;
    }
  }

  static List<SecretScalar> copies(List<SecretScalar> in) {
    List<SecretScalar> out = new ArrayList<>();
    in.forEach(s -> out.add(s.copy()));
    return out;
  }

  @Command(
      name = "part2",
      mixinStandardHelpOptions = true,
      description =
          "Verify every commitment and share received; write the refreshed key package and the"
              + " group's new public key package.")
  static final class Part2 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--secret", required = true, description = "refresh secret from part1")
    Path secret;

    @Option(names = "--key", required = true, description = "current key package")
    Path key;

    @Option(names = "--public", required = true, description = "current public key package")
    Path publicFile;

    @Option(
        names = "--commitments",
        required = true,
        split = ",",
        description = "every participant's commitment (or a directory)")
    List<Path> commitments;

    @Option(
        names = "--shares",
        required = true,
        split = ",",
        description =
            "share files addressed to this participant (or a directory: others' are skipped)")
    List<Path> shares;

    @Option(names = "--key-out", required = true, description = "refreshed key package (0600)")
    Path keyOut;

    @Option(names = "--public-out", required = true, description = "new public key package")
    Path publicOut;

    @Override
    public Integer call() {
      KeyFiles.KeyFile k = KeyFiles.readKey(key);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      KeyFiles.checkSameGroup(k, pub);
      KeyPackage raw = k.raw();
      Identifier me = raw.identifier();
      Session session = Session.of(pub.raw());
      RefreshSecret rs =
          MaintenanceFiles.readRefreshSecret(secret, session, raw, publicFile.toString());
      SortedSet<Identifier> ids = rs.participants();
      Refresh.DkgRound1 r1 = Refresh.dkgPart1WithPolynomial(raw, ids, rs.coefficients());

      Map<Identifier, RefreshCommitment> cs = new TreeMap<>();
      Map<Identifier, String> names = new HashMap<>();
      for (Path p : CliFiles.paths(commitments, "--commitments")) {
        CommitmentFile c =
            MaintenanceFiles.readRefreshCommitment(p, session, ids, secret.toString());
        if (c.sender().equals(me)) {
          if (!c.commitment().equals(r1.commitment())) {
            throw new BadInputException(
                p + ": field commitment: carries our identifier but not our commitment");
          }
          continue;
        }
        if (cs.put(c.sender(), c.commitment()) != null) {
          throw new BadInputException(
              p
                  + ": field sender: participant "
                  + c.sender()
                  + " already committed in "
                  + names.get(c.sender()));
        }
        names.put(c.sender(), p.toString());
      }
      Map<Identifier, SecretScalar> received = new TreeMap<>();
      Map<Identifier, String> shareNames = new HashMap<>();
      for (CliFiles.Input in : CliFiles.expand(shares, "--shares")) {
        if (in.fromDirectory()
            && !MaintenanceFiles.receiver(in.path(), MaintenanceFiles.REFRESH_SHARE).equals(me)) {
          continue;
        }
        Transfer t =
            MaintenanceFiles.readRefreshShare(in.path(), session, me, ids, secret.toString());
        if (received.put(t.sender(), t.value()) != null) {
          throw new BadInputException(
              t.file()
                  + ": field sender: participant "
                  + t.sender()
                  + " already sent "
                  + shareNames.get(t.sender()));
        }
        shareNames.put(t.sender(), t.file());
      }
      TreeSet<Identifier> others = new TreeSet<>(ids);
      others.remove(me);
      TreeSet<Identifier> missingC = new TreeSet<>(others);
      missingC.removeAll(cs.keySet());
      if (!missingC.isEmpty()) {
        throw new BadInputException("--commitments: missing from participant(s) " + missingC);
      }
      TreeSet<Identifier> missingS = new TreeSet<>(others);
      missingS.removeAll(received.keySet());
      if (!missingS.isEmpty()) {
        throw new BadInputException("--shares: missing from participant(s) " + missingS);
      }
      KeyUpdate update;
      try {
        update = Refresh.dkgPart3(r1.secret(), cs, received, raw, pub.raw());
      } catch (FrostException e) {
        if (!e.culprits().isEmpty()) {
          Map<Identifier, String> files = new HashMap<>(shareNames);
          throw new CheckFailedException(
              e.getMessage()
                  + "; files: "
                  + DkgCommand.filesOf(e.culprits(), files)
                  + "; nothing was written, restart the refresh without them");
        }
        throw new BadInputException(e.getMessage());
      } finally {
        received.values().forEach(SecretScalar::destroy);
        raw.destroy();
      }
      KeyFiles.writeKey(
          keyOut,
          update.keyPackage(),
          update.publicKeys().maxSigners(),
          pub.transcriptHash(),
          pub.chainCode());
      KeyFiles.writePublic(
          publicOut, update.publicKeys(), pub.transcriptHash(), pub.chainCode(), pub.network());
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "participant %s refreshed with %s; group key unchanged %s%n",
          me, ids, update.publicKeys().verifyingKey().toHex());
      out.printf(
          "new epoch   %s (compare with every participant)%n",
          CeremonyFile.hex(MaintenanceFiles.epoch(update.publicKeys())));
      out.printf("key package %s (SECRET; destroy %s once all have refreshed)%n", keyOut, key);
      out.printf("public      %s%n", publicOut);
      out.flush();
      update.keyPackage().destroy();
      return 0;
    }
  }
}
