package dev.frostgate.node.runtime;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgEvent;
import java.util.Locale;
import java.util.Optional;

/**
 * The DKG's part of the status a validator reports, followed from its DKG events (pure state, the
 * written on the event loop's thread; read on the API's when the status is built). A validator the
 * others excluded, or one left with too few participants, reports {@code dkg_failed} with the
 * reason instead of {@code dkg} forever.
 *
 * <p>The process keeps running after a failure: it still serves status and metrics (the {@code
 * DkgFailed} alert reads {@code frostgate_dkg_state{state="failed"}}), a late certificate of a
 * session it signed can still complete it (rule R6), and a restart would resume the same failed
 * ceremony from the state database, so exiting would only turn a clear state into a restart loop.
 */
final class DkgStatus {
  static final String RUNBOOK = "docs/runbook.md#p1-dkg-failed";

  private final Identifier me;
  private Optional<DkgEvent.Excluded> excludedMe = Optional.empty();
  private volatile Optional<String> failure = Optional.empty();

  DkgStatus(Identifier me) {
    this.me = me;
  }

  /**
   * Follows one DKG event; for a failure, returns the line the operator reads in the log: what
   * happened, what the process does now, and what to do next.
   */
  Optional<String> onEvent(DkgEvent event) {
    switch (event) {
      case DkgEvent.Excluded x when x.accused().equals(me) -> excludedMe = Optional.of(x);
      case DkgEvent.Failed f -> {
        failure = Optional.of(reason(f));
        return Optional.of(
            "DKG failed: "
                + failure.get()
                + ". This validator holds no key share and cannot sign; it keeps serving status"
                + " (state dkg_failed) and metrics. Next: "
                + nextStep()
                + " (see "
                + RUNBOOK
                + ")");
      }
      case DkgEvent.Completed c -> failure = Optional.empty();
      default -> {}
    }
    return Optional.empty();
  }

  /** {@code dkg_failed} after a failure, else {@code dkg} (the caller reports ready once keyed). */
  String state() {
    return failure.isPresent() ? "dkg_failed" : "dkg";
  }

  /** Why the DKG failed, while it is failed. */
  Optional<String> failure() {
    return failure;
  }

  private String reason(DkgEvent.Failed f) {
    return excludedMe
        .map(
            x ->
                "the other validators excluded this validator ("
                    + x.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ", proven by "
                    + x.proof().size()
                    + " signed message(s))")
        .orElse(f.reason());
  }

  private String nextStep() {
    if (excludedMe.isPresent()) {
      return "find in this log why it was late or faulty (slow start, connectivity, clock) and fix"
          + " that; the others formed the group without it and sign without it; to bring it back"
          + " before the group key holds funds, restart the whole group on fresh state databases";
    }
    return "bring the excluded validators back up (their logs say why), then restart the whole"
        + " group on fresh state databases";
  }
}
