package dev.frostgate.engine.dkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule R1 without a session: which session follows a set of exclusions. */
class ExclusionRulesTest {
  private static final List<Identifier> FIVE = Identifier.range(5);

  private static Identifier v(int i) {
    return FIVE.get(i - 1);
  }

  private static ExclusionRules.Next next(Set<Identifier> excluded, List<Identifier> current) {
    return ExclusionRules.next("c", FIVE, v(1), 3, excluded, current);
  }

  @Test
  void noNewExclusionKeepsTheSession() {
    assertThat(next(Set.of(), FIVE)).isEqualTo(new ExclusionRules.Stay());
    assertThat(next(Set.of(v(5)), List.of(v(1), v(2), v(3), v(4))))
        .isEqualTo(new ExclusionRules.Stay());
  }

  @Test
  void anExclusionRestartsWithoutTheExcludedAndTheSameThreshold() {
    assertThat(next(Set.of(v(4)), FIVE))
        .isEqualTo(
            new ExclusionRules.Enter(new DkgSessionId("c", List.of(v(1), v(2), v(3), v(5)))));
  }

  @Test
  void beforeAnySessionTheFirstSessionIsEntered() {
    assertThat(next(Set.of(), null))
        .isEqualTo(new ExclusionRules.Enter(new DkgSessionId("c", FIVE)));
  }

  @Test
  void thisValidatorExcludedFails() {
    assertThat(next(Set.of(v(1)), FIVE))
        .isEqualTo(
            new ExclusionRules.Fail(
                new DkgSessionId("c", List.of(v(2), v(3), v(4), v(5))),
                "this validator was excluded"));
  }

  @Test
  void fewerThanThresholdLeftFails() {
    assertThat(next(Set.of(v(2), v(3), v(4)), FIVE))
        .isEqualTo(
            new ExclusionRules.Fail(
                new DkgSessionId("c", List.of(v(1), v(5))),
                "only 2 participants left, threshold 3"));
  }

  @Test
  void exactlyThresholdLeftRestarts() {
    assertThat(next(Set.of(v(2), v(3)), FIVE))
        .isEqualTo(new ExclusionRules.Enter(new DkgSessionId("c", List.of(v(1), v(4), v(5)))));
  }
}
