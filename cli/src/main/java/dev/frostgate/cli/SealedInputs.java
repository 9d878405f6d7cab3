package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CeremonyException;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.ComplaintFiles;
import dev.frostgate.cli.ceremony.FileFields;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SealedShareFiles;
import dev.frostgate.cli.ceremony.SealedShareFiles.SealedShareFile;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Identifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reading the sealed share files addressed to this participant, one per dealer. */
final class SealedInputs {
  private SealedInputs() {}

  /**
   * The sealed share files for {@code me} among {@code values} (files, or directories in which
   * files for others are skipped), each signed by its dealer as the roster pins it.
   *
   * @throws BadInputException naming the file if one is for someone else, forged, or a second one
   *     from the same dealer
   */
  static Map<Identifier, SealedShareFile> forMe(
      List<Path> values, String option, Identifier me, Roster roster) {
    Map<Identifier, SealedShareFile> out = new TreeMap<>();
    for (CliFiles.Input in : CliFiles.expand(values, option)) {
      if (in.fromDirectory() && !SealedShareFiles.recipient(in.path()).equals(me)) {
        continue;
      }
      SealedShareFile f = SealedShareFiles.read(in.path(), roster);
      if (!f.recipient().equals(me)) {
        throw new BadInputException(
            f.file()
                + ": field recipient: this share is for participant "
                + f.recipient()
                + ", not for "
                + me);
      }
      SealedShareFile previous = out.put(f.dealer(), f);
      if (previous != null) {
        throw new BadInputException(
            f.file()
                + ": field dealer: participant "
                + f.dealer()
                + " already sent "
                + previous.file());
      }
    }
    return out;
  }

  /** Refuses a dealer outside {@code expected} and names the dealers whose file is missing. */
  static void requireExactly(
      Map<Identifier, SealedShareFile> files, Collection<Identifier> expected, String option) {
    for (SealedShareFile f : files.values()) {
      if (!expected.contains(f.dealer())) {
        throw new BadInputException(
            f.file()
                + ": field dealer: participant "
                + f.dealer()
                + " is not one of the senders expected here "
                + new TreeSet<>(expected));
      }
    }
    SortedSet<Identifier> missing = new TreeSet<>(expected);
    missing.removeAll(files.keySet());
    if (!missing.isEmpty()) {
      throw new BadInputException(option + ": missing file(s) from participant(s) " + missing);
    }
  }

  /**
   * Writes one complaint per culprit (the dealer-signed sealed file, the key disclosure, the
   * dealer's commitment, signed by this participant) and returns the exit-1 error that names the
   * dealers, their files and the evidence.
   */
  static CheckFailedException complain(
      List<Identifier> culprits,
      Map<Identifier, SealedShareFile> sealed,
      Map<Identifier, List<Point>> commitments,
      IdentityFile accuser,
      Path dir,
      boolean force,
      String against) {
    Outputs evidence = new Outputs(force);
    Map<Identifier, String> names = new TreeMap<>();
    List<String> written = new ArrayList<>();
    for (Identifier dealer : culprits) {
      SealedShareFile f = sealed.get(dealer);
      names.put(dealer, f.file());
      Path ev =
          dir.resolve(
              "complaint-by-"
                  + FileFields.idString(accuser.identifier())
                  + "-against-"
                  + FileFields.idString(dealer)
                  + ".json");
      try {
        ComplaintFiles.write(evidence, ev, f, commitments.get(dealer), accuser);
        written.add(ev.toString());
      } catch (CeremonyException e) {
        written.add("NOT WRITTEN: " + e.getMessage());
      }
    }
    return new CheckFailedException(
        "share(s) from participant(s) "
            + DkgCommand.filesOf(culprits, names)
            + " do not match their "
            + against
            + "; no key was written; evidence: "
            + String.join(", ", written)
            + " (anyone can check it: frostgate dkg verify-evidence --roster ROSTER FILE)");
  }
}
