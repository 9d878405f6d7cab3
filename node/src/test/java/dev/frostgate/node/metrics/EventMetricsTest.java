package dev.frostgate.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.TxId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The events a validator sees become the metrics the alert rules and the dashboard read. */
class EventMetricsTest {
  private static final Identifier PEER = Identifier.of(3);

  private final ValidatorMetrics metrics = new ValidatorMetrics();
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-07T00:00:00Z"));
  private final EventMetrics events = new EventMetrics(metrics, now::get);

  @Test
  void aSignedRequestCountsOnceAndObservesItsSigningTime() {
    RequestId r = new RequestId("loan-7-release");
    events.onEngineEvent(new EngineEvent.CommitmentIssued(r, 0, List.of()));
    now.updateAndGet(t -> t.plusSeconds(42));
    // A second attempt's commitment is the same request: not a second start.
    events.onEngineEvent(new EngineEvent.CommitmentIssued(r, 1, List.of()));
    events.onEngineEvent(
        new EngineEvent.RequestSigned(r, new TxId("00".repeat(32)), new byte[0], List.of()));

    String text = metrics.scrape();
    assertThat(value(text, "frostgate_signing_sessions_started_total")).isEqualTo(1);
    assertThat(value(text, "frostgate_signing_sessions_completed_total")).isEqualTo(1);
    assertThat(value(text, "frostgate_signing_duration_seconds_sum")).isEqualTo(42);
    assertThat(value(text, "frostgate_signing_duration_seconds_bucket{le=\"30.0\"}")).isZero();
    assertThat(value(text, "frostgate_signing_duration_seconds_bucket{le=\"60.0\"}")).isEqualTo(1);
    assertThat(events.openRequests()).isZero();
  }

  @Test
  void forgeriesAndEquivocationAreSecurityIncidentsOtherMisbehaviourIsNot() {
    events.onEngineEvent(
        new EngineEvent.Misbehaviour(PEER, EngineEvent.Misbehaviour.Kind.BAD_MESSAGE, "x"));
    events.onEngineEvent(
        new EngineEvent.Misbehaviour(PEER, EngineEvent.Misbehaviour.Kind.FORGED_ENVELOPE, "x"));
    events.onEngineEvent(
        new EngineEvent.Misbehaviour(PEER, EngineEvent.Misbehaviour.Kind.EQUIVOCATION, "x"));

    String text = metrics.scrape();
    assertThat(
            value(
                text,
                "frostgate_peer_invalid_messages_total{kind=\"bad_message\",peer=\""
                    + PEER
                    + "\"}"))
        .isEqualTo(1);
    assertThat(
            value(text, "frostgate_security_incidents_total{kind=\"forged_envelope\"}")
                + value(text, "frostgate_security_incidents_total{kind=\"equivocation\"}"))
        .isEqualTo(2);
    assertThat(text).doesNotContain("frostgate_security_incidents_total{kind=\"bad_message\"}");
  }

  @Test
  void refusalsFailuresAndPeerTimingsAreLabelled() {
    RequestId r = new RequestId("r1");
    events.onEngineEvent(
        new EngineEvent.Refused(
            r, PEER, new PolicyVerdict.Reject(PolicyVerdict.Reason.values()[0], "detail")));
    events.onEngineEvent(new EngineEvent.PeerAnswered(PEER, 250));
    events.onEngineEvent(new EngineEvent.PeerSilent(PEER));
    events.requestFailed(r, "expired");

    String text = metrics.scrape();
    String reason = PolicyVerdict.Reason.values()[0].name().toLowerCase(java.util.Locale.ROOT);
    assertThat(value(text, "frostgate_signing_refusals_total{reason=\"" + reason + "\"}"))
        .isEqualTo(1);
    assertThat(value(text, "frostgate_signing_sessions_failed_total{reason=\"expired\"}"))
        .isEqualTo(1);
    assertThat(value(text, "frostgate_peer_response_seconds_sum{peer=\"" + PEER + "\"}"))
        .isEqualTo(0.25);
    assertThat(value(text, "frostgate_peer_timeouts_total{peer=\"" + PEER + "\"}")).isEqualTo(1);
  }

  @Test
  void theDkgPhaseIsOneGaugeSetAtATime() {
    DkgSessionId session = new DkgSessionId("metrics-test", List.of(PEER, Identifier.of(1)));
    events.onDkgEvent(new DkgEvent.SessionStarted(session));
    events.onDkgEvent(
        new DkgEvent.Excluded(session, PEER, DkgEvent.Reason.EQUIVOCATION, List.of()));
    events.onDkgEvent(new DkgEvent.Failed(session, "too few left"));

    String text = metrics.scrape();
    assertThat(value(text, "frostgate_dkg_state{state=\"failed\"}")).isEqualTo(1);
    assertThat(value(text, "frostgate_dkg_state{state=\"running\"}")).isZero();
    assertThat(
            value(
                text, "frostgate_exclusions_total{peer=\"" + PEER + "\",reason=\"equivocation\"}"))
        .isEqualTo(1);
    assertThat(value(text, "frostgate_security_incidents_total{kind=\"dkg_equivocation\"}"))
        .isEqualTo(1);
  }

  @Test
  void requestsThatNeverCompleteHereAreForgottenBeyondTheBound() {
    for (int i = 0; i < EventMetrics.MAX_OPEN_REQUESTS + 500; i++) {
      events.onEngineEvent(new EngineEvent.CommitmentIssued(new RequestId("r" + i), 0, List.of()));
    }
    assertThat(events.openRequests()).isEqualTo(EventMetrics.MAX_OPEN_REQUESTS);
  }

  @Test
  void chainAndStateGaugesUseTheAlertRulesUnits() {
    metrics.mempoolFeeRate(FeeRate.satPerVb(45));
    metrics.group(14, 10, 15);
    metrics.depositsPending(2, Duration.ofHours(7));
    String text = metrics.scrape();
    assertThat(value(text, "frostgate_bitcoin_mempool_fee_rate_sat_per_vbyte")).isEqualTo(45);
    assertThat(value(text, "frostgate_validators_online")).isEqualTo(14);
    assertThat(value(text, "frostgate_validators_threshold")).isEqualTo(10);
    assertThat(value(text, "frostgate_deposit_oldest_pending_seconds")).isEqualTo(7 * 3600);
    assertThat(text).startsWith("# HELP");
  }

  /** The value of one sample line of the text format, e.g. {@code name{label="v"} 1.0}. */
  private static double value(String text, String sample) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([-+0-9.eE]+|NaN)$").matcher(text);
    assertThat(m.find()).as("sample %s in%n%s", sample, text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
