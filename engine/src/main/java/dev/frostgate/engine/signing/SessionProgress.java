package dev.frostgate.engine.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.request.RequestId;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only picture of one request's signing as this validator sees it at one instant (for an
 * operator; nothing here decides anything): the current attempt and its leader, whether the request
 * is complete and, when this validator leads the current attempt, its coordinator's counts.
 *
 * @param attempt the attempt that is current now (leadership rotates per leader timeout)
 * @param leader that attempt's leader
 * @param signed whether this validator knows the request complete (in memory or in its journal)
 * @param expired whether the request expired unsigned
 * @param coordinator present when this validator runs the coordinator of {@code attempt}
 */
public record SessionProgress(
    RequestId request,
    int attempt,
    Identifier leader,
    int threshold,
    boolean signed,
    boolean expired,
    Optional<Coordinator> coordinator) {
  public SessionProgress {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(coordinator, "coordinator");
  }

  /**
   * What the leader's ROAST coordinator holds.
   *
   * @param idleReason why the coordinator sits its attempt out, empty while it runs
   * @param commitmentsReceived signers whose commitment the coordinator holds or has placed
   * @param sessionsOpened ROAST sessions opened (each asks one t-subset for shares)
   * @param sharesReceived shares received over all sessions
   * @param bestSessionShares the most shares any one session holds (t of them complete it)
   * @param excluded signers excluded for an invalid share
   * @param refused signers that refused the proposal
   */
  public record Coordinator(
      Optional<String> idleReason,
      int commitmentsReceived,
      int sessionsOpened,
      int sharesReceived,
      int bestSessionShares,
      int excluded,
      int refused) {
    public Coordinator {
      Objects.requireNonNull(idleReason, "idleReason");
    }
  }

  /** Shares of the best session against the threshold, in percent (100 once signed). */
  public int progressPercent() {
    if (signed) {
      return 100;
    }
    return coordinator.map(c -> Math.min(100, c.bestSessionShares() * 100 / threshold)).orElse(0);
  }
}
