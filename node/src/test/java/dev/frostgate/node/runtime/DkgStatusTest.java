package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgSessionId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state a validator reports while its DKG runs, after it failed, and once it completed. */
class DkgStatusTest {
  private static final Identifier ME = Identifier.of(1);
  private static final DkgSessionId ALL =
      new DkgSessionId(
          "status-test", List.of(Identifier.of(1), Identifier.of(2), Identifier.of(3)));

  @Test
  void aRunningDkgIsDkgWithNoReason() {
    DkgStatus s = new DkgStatus(ME);
    assertThat(s.onEvent(new DkgEvent.SessionStarted(ALL))).isEmpty();
    assertThat(s.state()).isEqualTo("dkg");
    assertThat(s.failure()).isEmpty();
  }

  @Test
  void aValidatorTheOthersExcludedReportsDkgFailedWithTheReasonAndTheNextStep() {
    DkgStatus s = new DkgStatus(ME);
    s.onEvent(new DkgEvent.SessionStarted(ALL));
    assertThat(
            s.onEvent(
                new DkgEvent.Excluded(ALL, Identifier.of(2), DkgEvent.Reason.TIMEOUT, List.of())))
        .isEmpty();
    assertThat(s.state()).as("another validator's exclusion").isEqualTo("dkg");

    s.onEvent(new DkgEvent.Excluded(ALL, ME, DkgEvent.Reason.TIMEOUT, List.of()));
    String line = s.onEvent(new DkgEvent.Failed(ALL, "this validator was excluded")).orElseThrow();

    assertThat(s.state()).isEqualTo("dkg_failed");
    assertThat(s.failure())
        .hasValueSatisfying(r -> assertThat(r).contains("excluded this validator (timeout"));
    assertThat(line)
        .contains("DKG failed", "timeout", "cannot sign", "keeps serving status", "Next: ")
        .contains(DkgStatus.RUNBOOK);
  }

  @Test
  void tooFewParticipantsLeftIsAFailureNamingTheEngineReason() {
    DkgStatus s = new DkgStatus(ME);
    String line =
        s.onEvent(new DkgEvent.Failed(ALL, "only 1 participants left, threshold 2")).orElseThrow();
    assertThat(s.state()).isEqualTo("dkg_failed");
    assertThat(s.failure()).contains("only 1 participants left, threshold 2");
    assertThat(line).contains("bring the excluded validators back up");
  }
}
