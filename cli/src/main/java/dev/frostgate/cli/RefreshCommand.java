package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.MaintenanceFiles;
import dev.frostgate.cli.ceremony.MaintenanceFiles.CommitmentFile;
import dev.frostgate.cli.ceremony.MaintenanceFiles.RefreshSecret;
import dev.frostgate.cli.ceremony.MaintenanceFiles.Session;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SealedShareFiles;
import dev.frostgate.cli.ceremony.SealedShareFiles.SealedShareFile;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.keys.KeyUpdate;
import dev.frostgate.crypto.frost.keys.Refresh;
import dev.frostgate.crypto.frost.keys.RefreshCommitment;
import dev.frostgate.crypto.seal.SealException;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Proactive refresh without a dealer (DKG style): every participant deals a zero-constant
 * polynomial (part1: a public commitment and one share file per other participant, encrypted to its
 * identity key and signed), then verifies what it received and adds it to its share (part2). Same
 * group key, new shares, and the refresh generation ({@code epoch}) goes up by one; old shares no
 * longer combine with new ones. Participants left out are removed from the group.
 */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = "Refresh every share of the group key (no dealer).",
    subcommands = {RefreshCommand.Part1.class, RefreshCommand.Part2.class})
final class RefreshCommand {

  /** The refresh participants: at least t, all in the group, this participant among them. */
  static SortedSet<Identifier> participants(
      List<Long> values, KeyFiles.PublicFile pub, Identifier me, int t) {
    SortedSet<Identifier> ids = RepairCommand.ids(values, "--participants");
    for (Identifier id : ids) {
      if (pub.raw().verifyingShare(id).isEmpty()) {
        throw new BadInputException(
            "--participants: participant " + id + " is not in " + pub.file());
      }
    }
    if (!ids.contains(me)) {
      throw new BadInputException(
          "--participants: must include this participant (" + me + "), who deals and refreshes");
    }
    if (t < 2) {
      throw new BadInputException(
          pub.file() + ": a 1-of-n group has no shares to refresh (every share is the key)");
    }
    if (ids.size() < t) {
      throw new BadInputException(
          "--participants: "
              + ids.size()
              + " participant(s) "
              + ids
              + " given; a refresh needs at least the threshold ("
              + t
              + ") of the group's "
              + pub.raw().maxSigners()
              + " participants");
    }
    return ids;
  }

  @Command(
      name = "part1",
      mixinStandardHelpOptions = true,
      description =
          "Deal this participant's refreshing polynomial: a commitment (public) and one share"
              + " file per other participant (encrypted to its identity key, signed with ours).")
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

    @Mixin IdentityOptions identities;

    @Option(names = "--secret-out", required = true, description = "refresh secret (sealed)")
    Path secretOut;

    @Option(names = "--commitment-out", required = true, description = "commitment (public)")
    Path commitmentOut;

    @Option(names = "--out-dir", required = true, description = "directory for the share files")
    Path outDir;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
        KeyPackage raw = k.raw();
        try {
          KeyFiles.checkSameGroup(k, pub);
          return identities.withIdentity(
              raw.identifier(), roster, secrets, me -> run(k, pub, roster, me, secrets));
        } finally {
          raw.destroy();
        }
      }
    }

    private int run(
        KeyFiles.KeyFile k,
        KeyFiles.PublicFile pub,
        Roster roster,
        IdentityFile me,
        SecretStore secrets) {
      KeyPackage raw = k.raw();
      Identifier self = raw.identifier();
      SortedSet<Identifier> ids = participants(participants, pub, self, raw.minSigners());
      ids.forEach(roster::key);
      Outputs outputs =
          overwrite
              .outputs()
              .reading(key, publicFile, identities.roster, identities.identity)
              .expect(secretOut, MaintenanceFiles.REFRESH_SECRET)
              .expect(commitmentOut, MaintenanceFiles.REFRESH_COMMITMENT);
      for (Identifier j : ids) {
        if (!j.equals(self)) {
          outputs.expect(
              outDir.resolve(MaintenanceFiles.fileName("refresh-share", self, j)),
              SealedShareFiles.TYPE);
        }
      }
      Session session = Session.of(pub);
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
        throw new BadInputException("--participants: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        MaintenanceFiles.writeRefreshSecret(
            outputs, secretOut, session, raw, ids, coefficients, secrets);
        MaintenanceFiles.writeRefreshCommitment(
            outputs, commitmentOut, session, self, ids, r1.commitment());
        SortedMap<Identifier, SecretScalar> shares = Refresh.dkgPart2(r1.secret());
        try {
          for (var e : shares.entrySet()) {
            Path f = outDir.resolve(MaintenanceFiles.fileName("refresh-share", self, e.getKey()));
            SealedShareFiles.write(
                outputs,
                f,
                MaintenanceFiles.refreshContext(session, ids, self, e.getKey(), r1.commitment()),
                roster.key(e.getKey()),
                e.getValue(),
                me,
                session.readable(ids, "participants"));
            out.printf("share for participant %s  %s (encrypted to it)%n", e.getKey(), f);
          }
        } finally {
          shares.values().forEach(SecretScalar::destroy);
        }
      } finally {
        r1.secret().destroy();
        coefficients.forEach(SecretScalar::destroy);
      }
      out.printf("commitment  %s (give to every participant)%n", commitmentOut);
      out.printf("secret      %s (SECRET, keep on this machine for part2)%n", secretOut);
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
      description = {
        "Verify every commitment and share received; write the refreshed key package (sealed) and"
            + " the group's new public key package (epoch + 1).",
        "A share that does not match its dealer's commitment becomes evidence against the dealer"
            + " ('dkg verify-evidence'); exit 1."
      })
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

    @Mixin IdentityOptions identities;

    @Option(
        names = "--key-out",
        required = true,
        description = "refreshed key package (sealed; a new file, never the current one)")
    Path keyOut;

    @Option(names = "--public-out", required = true, description = "new public key package")
    Path publicOut;

    @Option(
        names = "--evidence-dir",
        description = "where to write evidence against bad dealers (default: beside --key-out)")
    Path evidenceDir;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      Roster roster = identities.roster();
      KeyFiles.PublicFile pub = KeyFiles.readPublic(publicFile);
      Outputs outputs =
          overwrite
              .outputs()
              .reading(secret, key, publicFile, identities.roster, identities.identity)
              .reading(commitments)
              .reading(shares)
              .expect(keyOut, KeyFiles.KEY_TYPE)
              .expect(publicOut, KeyFiles.PUBLIC_TYPE);
      try (SecretStore secrets = secretOptions.open(spec, false)) {
        KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
        try {
          KeyFiles.checkSameGroup(k, pub);
          return identities.withIdentity(
              k.raw().identifier(),
              roster,
              secrets,
              me -> run(outputs, k, pub, roster, me, secrets));
        } finally {
          k.raw().destroy();
        }
      }
    }

    private int run(
        Outputs outputs,
        KeyFiles.KeyFile k,
        KeyFiles.PublicFile pub,
        Roster roster,
        IdentityFile identity,
        SecretStore secrets) {
      KeyPackage raw = k.raw();
      Identifier me = raw.identifier();
      Session session = Session.of(pub);
      RefreshSecret rs =
          MaintenanceFiles.readRefreshSecret(secret, session, raw, publicFile.toString(), secrets);
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
      TreeSet<Identifier> others = new TreeSet<>(ids);
      others.remove(me);
      TreeSet<Identifier> missingC = new TreeSet<>(others);
      missingC.removeAll(cs.keySet());
      if (!missingC.isEmpty()) {
        r1.secret().destroy();
        throw new BadInputException("--commitments: missing from participant(s) " + missingC);
      }
      Map<Identifier, SealedShareFile> sealed = SealedInputs.forMe(shares, "--shares", me, roster);
      SealedInputs.requireExactly(sealed, others, "--shares");
      for (SealedShareFile f : sealed.values()) {
        KeyFiles.checkEpoch(
            f.file(),
            "refresh share",
            f.document().path("epoch").asLong(-1),
            publicFile.toString(),
            "public key package",
            pub.epoch());
        SealedShareFiles.requireContext(
            f,
            MaintenanceFiles.refreshContext(session, ids, f.dealer(), me, cs.get(f.dealer())),
            "this refresh (" + secret + ")",
            "refresh commitment " + names.get(f.dealer()));
      }
      Map<Identifier, SecretScalar> received = new TreeMap<>();
      List<Identifier> culprits = new ArrayList<>();
      KeyUpdate update = null;
      try {
        for (SealedShareFile f : sealed.values()) {
          try {
            SecretScalar share = f.open(identity);
            received.put(f.dealer(), share);
            if (!new Refresh.RefreshShare(me, share, cs.get(f.dealer())).isValid()) {
              culprits.add(f.dealer());
            }
          } catch (SealException | FrostException e) {
            culprits.add(f.dealer());
          }
        }
        if (culprits.isEmpty()) {
          try {
            update = Refresh.dkgPart3(r1.secret(), cs, received, raw, pub.raw());
          } catch (FrostException e) {
            if (e.culprits().isEmpty()) {
              throw new BadInputException(e.getMessage());
            }
            culprits.addAll(e.culprits());
          }
        }
      } finally {
        r1.secret().destroy();
        received.values().forEach(SecretScalar::destroy);
      }
      if (!culprits.isEmpty()) {
        Map<Identifier, List<Point>> points = new TreeMap<>();
        cs.forEach((id, c) -> points.put(id, c.coefficients()));
        throw SealedInputs.complain(
            culprits,
            sealed,
            points,
            identity,
            evidenceDir != null ? evidenceDir : keyOut.toAbsolutePath().getParent(),
            overwrite.force,
            "refresh commitments");
      }
      long epoch = pub.epoch() + 1;
      try {
        KeyFiles.writeKey(
            outputs,
            keyOut,
            update.keyPackage(),
            update.publicKeys().maxSigners(),
            pub.transcriptHash(),
            pub.chainCode(),
            epoch,
            secrets);
      } finally {
        update.keyPackage().destroy();
      }
      KeyFiles.writePublic(
          outputs,
          publicOut,
          update.publicKeys(),
          pub.transcriptHash(),
          pub.chainCode(),
          pub.network(),
          epoch);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "participant %s refreshed with %s; group key unchanged %s%n",
          me, ids, update.publicKeys().verifyingKey().toHex());
      out.printf("refresh     %d (epoch of the new key and public key packages)%n", epoch);
      out.printf(
          "shares hash %s (compare with every participant)%n",
          CeremonyFile.hex(MaintenanceFiles.sharesHash(update.publicKeys())));
      out.printf("key package %s (SECRET, long-lived: keep it and a backup)%n", keyOut);
      out.printf("public      %s%n", publicOut);
      out.flush();
      spec.commandLine()
          .getErr()
          .printf(
              "%s: warning: until every participant has refreshed, the old key package %s and"
                  + " its backups (backup pieces included) still sign together with the other"
                  + " participants' old ones. Keep it until the group has signed with the"
                  + " refreshed keys, then delete it and every backup of it, and back up %s.%n",
              spec.qualifiedName(), key, keyOut);
      spec.commandLine().getErr().flush();
      return 0;
    }
  }
}
