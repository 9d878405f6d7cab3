package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which session follows an exclusion (rule R1 of the package documentation): every configured
 * validator not excluded, with the same threshold; the DKG fails if this validator was excluded or
 * fewer than t remain. Pure: no session state, no I/O.
 */
final class ExclusionRules {
  private ExclusionRules() {}

  /** What the exclusions ask of a validator in session {@code current}. */
  sealed interface Next {}

  /** The excluded set leaves the current session's participants as they are. */
  record Stay() implements Next {}

  /** Restart in {@code session}, without the excluded validators. */
  record Enter(DkgSessionId session) implements Next {}

  /** The DKG cannot complete: {@code session} would be next, {@code reason} says why not. */
  record Fail(DkgSessionId session, String reason) implements Next {}

  /**
   * R1: the next session after the exclusions {@code excluded}, for validator {@code me} now in a
   * session of {@code current} participants (null before any session).
   */
  static Next next(
      String ceremony,
      List<Identifier> validators,
      Identifier me,
      int threshold,
      Set<Identifier> excluded,
      List<Identifier> current) {
    List<Identifier> rest = new ArrayList<>(validators);
    rest.removeAll(excluded);
    if (rest.equals(current)) {
      return new Stay();
    }
    DkgSessionId next = new DkgSessionId(ceremony, rest);
    if (excluded.contains(me)) {
      return new Fail(next, "this validator was excluded");
    }
    if (rest.size() < threshold) {
      return new Fail(next, "only " + rest.size() + " participants left, threshold " + threshold);
    }
    return new Enter(next);
  }
}
