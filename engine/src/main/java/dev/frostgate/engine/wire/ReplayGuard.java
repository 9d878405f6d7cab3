package dev.frostgate.engine.wire;

import static dev.frostgate.engine.wire.RejectReason.OUT_OF_ORDER;
import static dev.frostgate.engine.wire.RejectReason.REPLAYED;
import static dev.frostgate.engine.wire.RejectReason.STALE;
import static dev.frostgate.engine.wire.RejectReason.WRONG_ROUND;
import static dev.frostgate.engine.wire.RejectReason.WRONG_SESSION;

import dev.frostgate.engine.Clock;
import dev.frostgate.engine.wire.proto.Envelope;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-session acceptance state for verified envelopes (pure logic; time comes from the engine's
 * {@link Clock}, in milliseconds like {@code sent_at_ms}). Rejects:
 *
 * <ul>
 *   <li>STALE: {@code sent_at_ms} outside [now − maxAge, now + maxFutureSkew], or the session has
 *       finished;
 *   <li>WRONG_SESSION: a session that is neither open nor being opened by a body in {@link
 *       Config#sessionOpeners()} (by default a signing proposal, which the engine then judges);
 *   <li>WRONG_ROUND: a round more than {@link Config#maxRoundLead()} ahead of the local round of an
 *       open session;
 *   <li>REPLAYED: a (sender, session, sequence) already accepted;
 *   <li>OUT_OF_ORDER: a round below the highest round already accepted from the same sender in the
 *       same session; rounds are compared in steps of {@link Config#roundsPerStep()} (the rounds of
 *       one step may arrive in any order).
 * </ul>
 *
 * Accepting a message records its sequence and round. Memory is bounded: finished sessions are
 * remembered up to {@link Config#maxFinishedSessions()} (older ones fall to the time window), and
 * sessions only being opened up to {@link Config#maxPendingSessions()} (oldest evicted first).
 * Thread-safe (synchronized); the engine normally calls it from one thread.
 */
public final class ReplayGuard {

  /**
   * @param maxAge how old {@code sent_at_ms} may be
   * @param maxFutureSkew how far ahead of the local clock {@code sent_at_ms} may be
   * @param maxRoundLead how many rounds ahead of the local round a message may be
   * @param maxPendingSessions sessions tracked because an opener arrived, before the engine opens
   *     them
   * @param maxFinishedSessions finished sessions remembered (keep it above the sessions finishing
   *     within {@code maxAge})
   * @param sessionOpeners body types accepted for a session that is not open yet
   * @param roundsPerStep rounds per ordering step: 1 when every round follows the previous one (the
   *     DKG); the signing engine's round is {@code attempt * KINDS + kind} and a signer may answer
   *     a retransmitted proposal after it sent a share, so only attempts are ordered there
   */
  public record Config(
      Duration maxAge,
      Duration maxFutureSkew,
      int maxRoundLead,
      int maxPendingSessions,
      int maxFinishedSessions,
      Set<Envelope.BodyCase> sessionOpeners,
      int roundsPerStep) {

    public static final Config DEFAULT =
        new Config(
            Duration.ofMinutes(10),
            Duration.ofSeconds(30),
            1,
            1024,
            65_536,
            EnumSet.of(Envelope.BodyCase.SIGNING_PROPOSAL),
            1);

    /** Every round in order (roundsPerStep 1). */
    public Config(
        Duration maxAge,
        Duration maxFutureSkew,
        int maxRoundLead,
        int maxPendingSessions,
        int maxFinishedSessions,
        Set<Envelope.BodyCase> sessionOpeners) {
      this(
          maxAge,
          maxFutureSkew,
          maxRoundLead,
          maxPendingSessions,
          maxFinishedSessions,
          sessionOpeners,
          1);
    }

    public Config {
      if (maxAge.isNegative() || maxFutureSkew.isNegative()) {
        throw new IllegalArgumentException("time windows must not be negative");
      }
      if (maxRoundLead < 0 || maxPendingSessions < 0 || maxFinishedSessions < 0) {
        throw new IllegalArgumentException("limits must not be negative");
      }
      if (roundsPerStep < 1) {
        throw new IllegalArgumentException("roundsPerStep must be at least 1");
      }
      sessionOpeners = Set.copyOf(sessionOpeners);
    }
  }

  private static final class SenderState {
    long maxRound = -1;
    final Set<Long> seen = new HashSet<>();
  }

  private static final class SessionState {
    boolean open;
    long localRound;
    final Map<Integer, SenderState> senders = new HashMap<>();
  }

  private final Config config;
  private final Clock clock;
  private final Map<SessionHash, SessionState> sessions = new HashMap<>();
  private final LinkedHashMap<SessionHash, SessionState> pending = new LinkedHashMap<>();
  private final LinkedHashSet<SessionHash> finished = new LinkedHashSet<>();

  public ReplayGuard(Config config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts accepting messages of a session, at the given local round (keeps what was seen). */
  public synchronized void openSession(SessionHash id, int localRound) {
    if (finished.contains(id)) {
      throw new IllegalStateException("session " + id + " has finished");
    }
    SessionState s = pending.remove(id);
    if (s == null) {
      s = sessions.computeIfAbsent(id, k -> new SessionState());
    } else {
      sessions.put(id, s);
    }
    s.open = true;
    s.localRound = Integer.toUnsignedLong(localRound);
  }

  /** Moves the local round of an open session forward (never back). */
  public synchronized void advanceRound(SessionHash id, int localRound) {
    SessionState s = sessions.get(id);
    if (s == null) {
      throw new IllegalStateException("session " + id + " is not open");
    }
    s.localRound = Math.max(s.localRound, Integer.toUnsignedLong(localRound));
  }

  /** Ends a session: its state is dropped and later messages for it are STALE. */
  public synchronized void finishSession(SessionHash id) {
    sessions.remove(id);
    pending.remove(id);
    finished.remove(id);
    finished.add(id);
    while (finished.size() > config.maxFinishedSessions()) {
      Iterator<SessionHash> it = finished.iterator();
      it.next();
      it.remove();
    }
  }

  public synchronized boolean isOpen(SessionHash id) {
    return sessions.containsKey(id);
  }

  public synchronized boolean isFinished(SessionHash id) {
    return finished.contains(id);
  }

  /** Checks a verified envelope and, if accepted, records it. */
  public synchronized Decoded<VerifiedEnvelope> check(VerifiedEnvelope e) {
    SessionHash id = e.sessionId();
    if (finished.contains(id)) {
      return Decoded.reject(STALE, "session " + id + " has finished");
    }
    long now = clock.now();
    long sentAt = e.sentAtMs();
    if (sentAt < now - config.maxAge().toMillis()
        || sentAt > now + config.maxFutureSkew().toMillis()) {
      return Decoded.reject(STALE, "sent at " + sentAt + ", now " + now);
    }
    SessionState s = sessions.get(id);
    boolean newPending = false;
    if (s == null) {
      s = pending.get(id);
      if (!config.sessionOpeners().contains(e.bodyCase())) {
        return Decoded.reject(WRONG_SESSION, "session " + id + " is not open");
      }
      if (s == null) {
        s = new SessionState();
        newPending = true;
      }
    }
    long round = Integer.toUnsignedLong(e.round());
    if (s.open && round > s.localRound + config.maxRoundLead()) {
      return Decoded.reject(WRONG_ROUND, "round " + round + ", local round " + s.localRound);
    }
    SenderState from = s.senders.get(e.sender());
    if (from != null) {
      if (from.seen.contains(e.sequence())) {
        return Decoded.reject(REPLAYED, "sequence " + Long.toUnsignedString(e.sequence()));
      }
      long step = config.roundsPerStep();
      if (round / step < from.maxRound / step) {
        return Decoded.reject(
            OUT_OF_ORDER, "round " + round + " after round " + from.maxRound + " from this sender");
      }
    } else {
      from = new SenderState();
      s.senders.put(e.sender(), from);
    }
    from.seen.add(e.sequence());
    from.maxRound = Math.max(from.maxRound, round);
    if (newPending) {
      pending.put(id, s);
      while (pending.size() > config.maxPendingSessions()) {
        Iterator<SessionHash> it = pending.keySet().iterator();
        it.next();
        it.remove();
      }
    }
    return new Decoded.Accepted<>(e);
  }
}
