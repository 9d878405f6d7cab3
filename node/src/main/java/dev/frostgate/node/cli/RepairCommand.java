package dev.frostgate.node.cli;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.keys.Repair;
import dev.frostgate.node.ceremony.CeremonyFile;
import dev.frostgate.node.ceremony.FileFields;
import dev.frostgate.node.ceremony.KeyFiles;
import dev.frostgate.node.ceremony.MaintenanceFiles;
import dev.frostgate.node.ceremony.MaintenanceFiles.Session;
import dev.frostgate.node.ceremony.MaintenanceFiles.Transfer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
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
 * Rebuilds a lost key package with the help of at least max(2, t) other participants (RTS repair):
 * each helper writes one delta per helper (part1), each helper sums the deltas it received into a
 * sigma for the participant (part2), the participant sums the sigmas and checks the result against
 * its verifying share (part3). Deltas and sigmas are secret.
 */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = "Rebuild a participant's lost key package with helpers.",
    subcommands = {RepairCommand.Part1.class, RepairCommand.Part2.class, RepairCommand.Part3.class})
final class RepairCommand {

  static Identifier id(long v, String option) {
    try {
      return Identifier.of(v);
    } catch (FrostException e) {
      throw new BadInputException(option + ": " + e.getMessage());
    }
  }

  static SortedSet<Identifier> ids(List<Long> values, String option) {
    TreeSet<Identifier> out = new TreeSet<>();
    for (long v : values) {
      if (!out.add(id(v, option))) {
        throw new BadInputException(option + ": participant " + v + " is listed twice");
      }
    }
    return out;
  }

  /** Reads the transfers addressed to {@code me}: one from every helper. */
  static List<Transfer> transfers(
      List<Path> values,
      String option,
      String type,
      Session session,
      Identifier me,
      String reference) {
    Map<Identifier, Transfer> bySender = new TreeMap<>();
    Transfer first = null;
    for (CliFiles.Input in : CliFiles.expand(values, option)) {
      if (in.fromDirectory() && !MaintenanceFiles.receiver(in.path(), type).equals(me)) {
        continue;
      }
      Transfer t = MaintenanceFiles.readRepair(in.path(), type, session, me, reference);
      if (first == null) {
        first = t;
      } else if (!t.participant().equals(first.participant())) {
        throw new BadInputException(
            t.file()
                + ": field participant: is "
                + t.participant()
                + " but "
                + first.file()
                + " repairs "
                + first.participant());
      } else if (!t.members().equals(first.members())) {
        throw new BadInputException(
            t.file()
                + ": field helpers: is "
                + t.members()
                + " but "
                + first.file()
                + " has "
                + first.members());
      }
      Transfer prev = bySender.put(t.sender(), t);
      if (prev != null) {
        throw new BadInputException(
            t.file()
                + ": field sender: participant "
                + t.sender()
                + " already sent "
                + prev.file());
      }
    }
    if (first == null) {
      throw new BadInputException(option + ": no file addressed to participant " + me);
    }
    TreeSet<Identifier> missing = new TreeSet<>(first.members());
    missing.removeAll(bySender.keySet());
    if (!missing.isEmpty()) {
      throw new BadInputException(option + ": missing file(s) from helper(s) " + missing);
    }
    return new ArrayList<>(bySender.values());
  }

  @Command(
      name = "part1",
      mixinStandardHelpOptions = true,
      description = "Helper: write one secret delta file per helper (this one included).")
  static final class Part1 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "this helper's key package")
    Path key;

    @Option(names = "--public", required = true, description = "the group's public key package")
    Path publicFile;

    @Option(names = "--participant", required = true, description = "whose share is rebuilt")
    long participant;

    @Option(
        names = "--helpers",
        required = true,
        split = ",",
        description = "all helpers' identifiers (at least max(2, t))")
    List<Long> helpers;

    @Option(names = "--out-dir", required = true, description = "directory for the delta files")
    Path outDir;

    @Override
    public Integer call() {
      KeyFiles.KeyFile k = KeyFiles.readKey(key);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      KeyFiles.checkSameGroup(k, pub);
      Identifier r = id(participant, "--participant");
      if (pub.raw().verifyingShare(r).isEmpty()) {
        throw new BadInputException("--participant: participant " + r + " is not in " + publicFile);
      }
      SortedSet<Identifier> hs = ids(helpers, "--helpers");
      for (Identifier h : hs) {
        if (pub.raw().verifyingShare(h).isEmpty()) {
          throw new BadInputException("--helpers: participant " + h + " is not in " + publicFile);
        }
      }
      Session session = Session.of(pub.raw());
      KeyPackage raw = k.raw();
      SortedMap<Identifier, SecretScalar> deltas;
      try {
        deltas = Repair.part1(hs, raw, r, new SecureRandom());
      } catch (FrostException e) {
        throw new BadInputException("--helpers: " + e.getMessage());
      } finally {
        raw.destroy();
      }
      CliFiles.directory(outDir, "--out-dir");
      PrintWriter out = spec.commandLine().getOut();
      try {
        for (var e : deltas.entrySet()) {
          Path f =
              outDir.resolve(
                  "repair-delta-from-"
                      + FileFields.idString(raw.identifier())
                      + "-to-"
                      + FileFields.idString(e.getKey())
                      + ".json");
          MaintenanceFiles.writeRepair(
              f,
              MaintenanceFiles.REPAIR_DELTA,
              session,
              r,
              hs,
              raw.identifier(),
              e.getKey(),
              e.getValue());
          out.printf("delta for helper %s  %s (SECRET)%n", e.getKey(), f);
        }
      } finally {
        deltas.values().forEach(SecretScalar::destroy);
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "part2",
      mixinStandardHelpOptions = true,
      description = "Helper: sum the deltas received into a sigma for the participant.")
  static final class Part2 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "this helper's key package")
    Path key;

    @Option(names = "--public", required = true, description = "the group's public key package")
    Path publicFile;

    @Option(
        names = "--deltas",
        required = true,
        split = ",",
        description = "delta files addressed to this helper (or a directory)")
    List<Path> deltas;

    @Option(names = "--out", required = true, description = "sigma file (secret)")
    Path outFile;

    @Override
    public Integer call() {
      KeyFiles.KeyFile k = KeyFiles.readKey(key);
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      KeyFiles.checkSameGroup(k, pub);
      Identifier me = k.raw().identifier();
      k.raw().destroy();
      Session session = Session.of(pub.raw());
      List<Transfer> ts =
          transfers(
              deltas,
              "--deltas",
              MaintenanceFiles.REPAIR_DELTA,
              session,
              me,
              publicFile.toString());
      Transfer first = ts.get(0);
      if (!first.members().contains(me)) {
        throw new BadInputException(
            first.file() + ": field helpers: this helper (" + me + ") is not among them");
      }
      List<SecretScalar> values = new ArrayList<>();
      ts.forEach(t -> values.add(t.value()));
      SecretScalar sigma = Repair.part2(values);
      try {
        MaintenanceFiles.writeRepair(
            outFile,
            MaintenanceFiles.REPAIR_SIGMA,
            session,
            first.participant(),
            first.members(),
            me,
            first.participant(),
            sigma);
      } finally {
        sigma.destroy();
        values.forEach(SecretScalar::destroy);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "sigma for participant %s  %s (SECRET, give only to that participant)%n",
          first.participant(), outFile);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "part3",
      mixinStandardHelpOptions = true,
      description = "Participant: rebuild the key package from the helpers' sigmas.")
  static final class Part3 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--public", required = true, description = "the group's public key package")
    Path publicFile;

    @Option(names = "--participant", required = true, description = "this participant")
    long participant;

    @Option(
        names = "--sigmas",
        required = true,
        split = ",",
        description = "sigma files from every helper (or a directory)")
    List<Path> sigmas;

    @Option(names = "--key-out", required = true, description = "rebuilt key package (secret)")
    Path keyOut;

    @Override
    public Integer call() {
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      Identifier me = id(participant, "--participant");
      Session session = Session.of(pub.raw());
      List<Transfer> ts =
          transfers(
              sigmas,
              "--sigmas",
              MaintenanceFiles.REPAIR_SIGMA,
              session,
              me,
              publicFile.toString());
      List<SecretScalar> values = new ArrayList<>();
      ts.forEach(t -> values.add(t.value()));
      KeyPackage rebuilt;
      try {
        rebuilt = Repair.part3(values, me, pub.raw());
      } catch (FrostException e) {
        if (e.kind() == FrostException.Kind.INVALID_SECRET_SHARE) {
          throw new CheckFailedException(
              e.getMessage() + "; repeat the repair with another set of helpers");
        }
        throw new BadInputException("--sigmas: " + e.getMessage());
      } finally {
        values.forEach(SecretScalar::destroy);
      }
      KeyFiles.writeKey(
          keyOut, rebuilt, pub.raw().maxSigners(), pub.transcriptHash(), pub.chainCode());
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "key package of participant %s rebuilt by helpers %s and verified against %s%n",
          me, ts.get(0).members(), publicFile);
      out.printf("verifying share  %s%n", rebuilt.verifyingShare().toHex());
      out.printf("key package      %s (SECRET)%n", keyOut);
      out.printf("transcript hash  %s%n", CeremonyFile.hex(pub.transcriptHash()));
      out.flush();
      rebuilt.destroy();
      return 0;
    }
  }
}
