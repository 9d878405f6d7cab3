package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.frost.Identifier;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Third-party check of an exclusion: does its proof, on its own, show that the accused misbehaved?
 * Used when a restarted validator reloads its exclusions from disk, and by the simulation's
 * invariant checks.
 */
public final class DkgProofs {
  private DkgProofs() {}

  /**
   * Why {@code x}'s proof does not prove it, or empty if it does.
   *
   * @param identityKeys every configured validator's x-only identity key
   * @param threshold the DKG threshold t (a timeout needs |session| − t + 1 distinct votes)
   * @param suite the DKG's ciphersuite (sealed shares are bound to it)
   */
  public static Optional<String> problem(
      DkgEvent.Excluded x,
      Map<Identifier, Bip340PublicKey> identityKeys,
      int threshold,
      dev.frostgate.crypto.frost.Ciphersuite suite) {
    if (!x.session().participants().contains(x.accused())) {
      return Optional.of(x.accused() + " is not a participant of " + x.session());
    }
    switch (x.reason()) {
      case INVALID_SHARE, FALSE_COMPLAINT -> {
        if (x.proof().size() != 1 || !(x.proof().get(0) instanceof DkgMessage.Complaint c)) {
          return Optional.of("a share exclusion needs exactly one complaint");
        }
        if (!c.session().equals(x.session())) {
          return Optional.of("the complaint is from another session");
        }
        Optional<Identifier> culprit = DkgSignatures.culprit(c, identityKeys, suite);
        if (culprit.isEmpty()) {
          return Optional.of("the complaint is not authentic");
        }
        if (!culprit.get().equals(x.accused())) {
          return Optional.of("the complaint proves " + culprit.get() + " guilty, not the accused");
        }
        boolean dealerGuilty = culprit.get().equals(c.dealer());
        if (dealerGuilty != (x.reason() == DkgEvent.Reason.INVALID_SHARE)) {
          return Optional.of("the complaint proves another reason than " + x.reason());
        }
        return Optional.empty();
      }
      case TIMEOUT -> {
        TreeSet<Identifier> voters = new TreeSet<>();
        for (DkgMessage m : x.proof()) {
          if (!(m instanceof DkgMessage.TimeoutVote v)) {
            return Optional.of("a timeout exclusion holds only timeout votes");
          }
          if (!v.session().equals(x.session()) || !v.accused().equals(x.accused())) {
            return Optional.of("a vote of " + v.voter() + " is about another session or accused");
          }
          if (!DkgSignatures.voteIsAuthentic(v, identityKeys)) {
            return Optional.of("the vote of " + v.voter() + " is not authentic");
          }
          voters.add(v.voter());
        }
        int quorum = x.session().voteQuorum(threshold);
        if (voters.size() < quorum) {
          return Optional.of(voters.size() + " distinct voters, " + quorum + " needed");
        }
        return Optional.empty();
      }
      case EQUIVOCATION -> {
        if (x.proof().size() != 1 || !(x.proof().get(0) instanceof DkgMessage.Equivocation e)) {
          return Optional.of("an equivocation exclusion needs exactly one equivocation proof");
        }
        if (!e.session().equals(x.session())) {
          return Optional.of("the equivocation proof is from another session");
        }
        Optional<Identifier> author = DkgSignatures.equivocator(e, identityKeys);
        if (author.isEmpty() || !author.get().equals(x.accused())) {
          return Optional.of("the equivocation proof does not convict the accused");
        }
        return Optional.empty();
      }
      default -> {
        return Optional.of("no independent check for reason " + x.reason());
      }
    }
  }
}
