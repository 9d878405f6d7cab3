package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.FileFields;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.MaintenanceFiles;
import dev.frostgate.cli.ceremony.MaintenanceFiles.RepairSecret;
import dev.frostgate.cli.ceremony.MaintenanceFiles.Session;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SealedShareFiles;
import dev.frostgate.cli.ceremony.SealedShareFiles.SealedShareFile;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.keys.Repair;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.crypto.seal.SealPurpose;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Rebuilds a lost key package with the help of at least max(2, t) other participants (RTS repair):
 * each helper deals one delta per other helper, encrypted to its identity key (part1; its delta to
 * itself stays sealed on its machine), each helper sums the deltas it received into a sigma,
 * encrypted to the participant (part2), the participant sums the sigmas and checks the result
 * against its verifying share (part3). The participant needs its identity key (kept apart from the
 * lost key package) and the roster.
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

  /** The verifying share of {@code id} in the public key package (the repair's "commitment"). */
  static Point verifyingShare(KeyFiles.PublicFile pub, Identifier id, String option) {
    return pub.raw()
        .verifyingShare(id)
        .orElseThrow(
            () ->
                new BadInputException(option + ": participant " + id + " is not in " + pub.file()));
  }

  /**
   * Reads the sealed transfers for {@code me} of one repair: from every other helper, made in this
   * group at this refresh, for the repair of {@code participant} by {@code helpers}.
   */
  static Map<Identifier, SealedShareFile> transfers(
      List<Path> values,
      String option,
      SealPurpose purpose,
      Session session,
      KeyFiles.PublicFile pub,
      Identifier participant,
      SortedSet<Identifier> helpers,
      Identifier me,
      Roster roster) {
    Map<Identifier, SealedShareFile> files = SealedInputs.forMe(values, option, me, roster);
    TreeSet<Identifier> senders = new TreeSet<>(helpers);
    senders.remove(me);
    SealedInputs.requireExactly(files, senders, option);
    for (SealedShareFile f : files.values()) {
      KeyFiles.checkEpoch(
          f.file(),
          purpose.label(),
          f.document().path("epoch").asLong(-1),
          pub.file(),
          "public key package",
          pub.epoch());
      SealedShareFiles.requireContext(
          f,
          MaintenanceFiles.repairContext(
              purpose,
              session,
              participant,
              helpers,
              f.dealer(),
              verifyingShare(pub, f.dealer(), option),
              me),
          "the repair of participant " + participant + " by helpers " + helpers,
          "verifying share in " + pub.file());
    }
    return files;
  }

  @Command(
      name = "part1",
      mixinStandardHelpOptions = true,
      description =
          "Helper: write one delta file per other helper (encrypted to its identity key), and"
              + " this helper's own delta (sealed, kept for part2).")
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
        description = "all helpers' identifiers (at least max(2, t)), this one included")
    List<Long> helpers;

    @Mixin IdentityOptions identities;

    @Option(
        names = "--secret-out",
        required = true,
        description = "this helper's own delta (sealed, for part2)")
    Path secretOut;

    @Option(names = "--out-dir", required = true, description = "directory for the delta files")
    Path outDir;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      Identifier r = id(participant, "--participant");
      verifyingShare(pub, r, "--participant");
      SortedSet<Identifier> hs = ids(helpers, "--helpers");
      hs.forEach(h -> verifyingShare(pub, h, "--helpers"));
      if (hs.contains(r)) {
        throw new BadInputException(
            "--helpers: participant " + r + " is the one being repaired, not a helper");
      }
      hs.forEach(roster::key);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
        KeyPackage raw = k.raw();
        try {
          KeyFiles.checkSameGroup(k, pub);
          Identifier self = raw.identifier();
          if (!hs.contains(self)) {
            throw new BadInputException(
                "--helpers: must include this helper (" + self + ", from " + key + ")");
          }
          Outputs outputs =
              overwrite
                  .outputs()
                  .reading(key, publicFile, identities.roster, identities.identity)
                  .expect(secretOut, MaintenanceFiles.REPAIR_SECRET);
          for (Identifier h : hs) {
            if (!h.equals(self)) {
              outputs.expect(
                  outDir.resolve(MaintenanceFiles.fileName("repair-delta", self, h)),
                  SealedShareFiles.TYPE);
            }
          }
          return identities.withIdentity(
              self,
              roster,
              secrets,
              me -> deal(outputs, Session.of(pub), pub, raw, r, hs, roster, me, secrets));
        } finally {
          raw.destroy();
        }
      }
    }

    private int deal(
        Outputs outputs,
        Session session,
        KeyFiles.PublicFile pub,
        KeyPackage raw,
        Identifier r,
        SortedSet<Identifier> hs,
        Roster roster,
        IdentityFile me,
        SecretStore secrets) {
      Identifier self = raw.identifier();
      SortedMap<Identifier, SecretScalar> deltas;
      try {
        deltas = Repair.part1(hs, raw, r, new SecureRandom());
      } catch (FrostException e) {
        throw new BadInputException("--helpers: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        for (var e : deltas.entrySet()) {
          if (e.getKey().equals(self)) {
            MaintenanceFiles.writeRepairSecret(
                outputs, secretOut, session, self, r, hs, e.getValue(), secrets);
            continue;
          }
          Path f = outDir.resolve(MaintenanceFiles.fileName("repair-delta", self, e.getKey()));
          SealedShareFiles.write(
              outputs,
              f,
              MaintenanceFiles.repairContext(
                  SealPurpose.REPAIR_DELTA, session, r, hs, self, raw.verifyingShare(), e.getKey()),
              roster.key(e.getKey()),
              e.getValue(),
              me,
              MaintenanceFiles.repairReadable(session, r, hs));
          out.printf("delta for helper %s  %s (encrypted to it)%n", e.getKey(), f);
        }
      } finally {
        deltas.values().forEach(SecretScalar::destroy);
      }
      out.printf("own delta        %s (SECRET, keep on this machine for part2)%n", secretOut);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "part2",
      mixinStandardHelpOptions = true,
      description =
          "Helper: sum the deltas received and its own into a sigma for the participant,"
              + " encrypted to its identity key.")
  static final class Part2 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "this helper's key package")
    Path key;

    @Option(names = "--public", required = true, description = "the group's public key package")
    Path publicFile;

    @Option(names = "--secret", required = true, description = "own delta from part1")
    Path secret;

    @Option(
        names = "--deltas",
        required = true,
        split = ",",
        description = "delta files addressed to this helper (or a directory)")
    List<Path> deltas;

    @Mixin IdentityOptions identities;

    @Option(names = "--out", required = true, description = "sigma file (encrypted)")
    Path outFile;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      Outputs outputs =
          overwrite
              .outputs()
              .reading(key, publicFile, secret, identities.roster, identities.identity)
              .reading(deltas)
              .expect(outFile, SealedShareFiles.TYPE);
      Session session = Session.of(pub);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
        IdentityFile me = null;
        RepairSecret own = null;
        List<SecretScalar> values = new ArrayList<>();
        try {
          KeyFiles.checkSameGroup(k, pub);
          Identifier self = k.raw().identifier();
          own =
              MaintenanceFiles.readRepairSecret(
                  secret, session, k.raw(), publicFile.toString(), secrets);
          me = identities.identity(self, roster, secrets);
          Identifier r = own.participant();
          Map<Identifier, SealedShareFile> files =
              transfers(
                  deltas,
                  "--deltas",
                  SealPurpose.REPAIR_DELTA,
                  session,
                  pub,
                  r,
                  own.helpers(),
                  self,
                  roster);
          values.add(own.delta());
          for (SealedShareFile f : files.values()) {
            try {
              values.add(f.open(me));
            } catch (SealException e) {
              throw new CheckFailedException(
                  f.file()
                      + ": does not open with this helper's identity key ("
                      + e.getMessage()
                      + "); helper "
                      + f.dealer()
                      + " sealed something wrong: repeat the repair with other helpers");
            }
          }
          SecretScalar sigma = Repair.part2(values);
          try {
            SealedShareFiles.write(
                outputs,
                outFile,
                MaintenanceFiles.repairContext(
                    SealPurpose.REPAIR_SIGMA,
                    session,
                    r,
                    own.helpers(),
                    self,
                    k.raw().verifyingShare(),
                    r),
                roster.key(r),
                sigma,
                me,
                MaintenanceFiles.repairReadable(session, r, own.helpers()));
          } finally {
            sigma.destroy();
          }
          PrintWriter out = spec.commandLine().getOut();
          out.printf(
              "sigma for participant %s  %s (encrypted to it: give it to that participant)%n",
              r, outFile);
          out.flush();
          return 0;
        } finally {
          k.raw().destroy();
          values.forEach(SecretScalar::destroy);
          if (me != null) {
            me.key().destroy();
          }
        }
      }
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

    @Mixin IdentityOptions identities;

    @Option(names = "--key-out", required = true, description = "rebuilt key package (sealed)")
    Path keyOut;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      Identifier me = id(participant, "--participant");
      verifyingShare(pub, me, "--participant");
      Outputs outputs =
          overwrite
              .outputs()
              .reading(publicFile, identities.roster, identities.identity)
              .reading(sigmas)
              .expect(keyOut, KeyFiles.KEY_TYPE);
      Session session = Session.of(pub);
      Map<Identifier, SealedShareFile> any = SealedInputs.forMe(sigmas, "--sigmas", me, roster);
      if (any.isEmpty()) {
        throw new BadInputException("--sigmas: no sigma file addressed to participant " + me);
      }
      SealedShareFile first = any.values().iterator().next();
      CeremonyFile header = CeremonyFile.read(Path.of(first.file()), SealedShareFiles.TYPE);
      SortedSet<Identifier> helpers = FileFields.ids(header, "helpers");
      if (helpers.contains(me)) {
        throw new BadInputException(
            first.file()
                + ": field helpers: "
                + helpers
                + " include participant "
                + me
                + " itself");
      }
      List<SecretScalar> values = new ArrayList<>();
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        Map<Identifier, SealedShareFile> files =
            transfers(
                sigmas,
                "--sigmas",
                SealPurpose.REPAIR_SIGMA,
                session,
                pub,
                me,
                helpers,
                me,
                roster);
        IdentityFile identity = identities.identity(me, roster, secrets);
        KeyPackage rebuilt;
        try {
          for (SealedShareFile f : files.values()) {
            try {
              values.add(f.open(identity));
            } catch (SealException e) {
              throw new CheckFailedException(
                  f.file()
                      + ": does not open with this participant's identity key; helper "
                      + f.dealer()
                      + " sealed something wrong: repeat the repair with other helpers");
            }
          }
          rebuilt = Repair.part3(values, me, pub.raw());
        } catch (FrostException e) {
          if (e.kind() == FrostException.Kind.INVALID_SECRET_SHARE) {
            throw new CheckFailedException(
                "the sigmas of helpers "
                    + helpers
                    + " do not sum to participant "
                    + me
                    + "'s verifying share in "
                    + publicFile
                    + " (some helper dealt wrong deltas or sigmas); repeat the repair with"
                    + " another set of helpers");
          }
          throw new BadInputException("--sigmas: " + e.getMessage());
        } finally {
          identity.key().destroy();
        }
        try {
          KeyFiles.writeKey(
              outputs,
              keyOut,
              rebuilt,
              pub.raw().maxSigners(),
              pub.transcriptHash(),
              pub.chainCode(),
              pub.epoch(),
              secrets);
          PrintWriter out = spec.commandLine().getOut();
          out.printf(
              "key package of participant %s rebuilt by helpers %s and verified against %s%n",
              me, helpers, publicFile);
          out.printf("verifying share  %s%n", rebuilt.verifyingShare().toHex());
          out.printf("key package      %s (SECRET, long-lived: keep it and a backup)%n", keyOut);
          out.printf("epoch            %d (%s)%n", pub.epoch(), KeyFiles.generation(pub.epoch()));
          out.printf("transcript hash  %s%n", CeremonyFile.hex(pub.transcriptHash().bytes()));
          out.flush();
        } finally {
          rebuilt.destroy();
        }
        return 0;
      } finally {
        values.forEach(SecretScalar::destroy);
      }
    }
  }
}
