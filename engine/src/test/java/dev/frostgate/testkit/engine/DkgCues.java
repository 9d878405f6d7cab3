package dev.frostgate.testkit.engine;

import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgStep;
import java.util.function.Predicate;

/** When to crash a validator in a test: after a step that did something. */
public final class DkgCues {
  private DkgCues() {}

  /** A step that sent a message of this type. */
  public static Predicate<DkgStep> sends(Class<? extends DkgMessage> type) {
    return step -> step.messages().stream().anyMatch(o -> type.isInstance(o.message()));
  }

  /** A step that sent a message of {@code type} and none of type {@code not}. */
  public static Predicate<DkgStep> sendsWithout(
      Class<? extends DkgMessage> type, Class<? extends DkgMessage> not) {
    return step -> sends(type).test(step) && !sends(not).test(step);
  }

  /** The step in which the DKG completed. */
  public static Predicate<DkgStep> completes() {
    return step -> step.events().stream().anyMatch(e -> e instanceof DkgEvent.Completed);
  }
}
