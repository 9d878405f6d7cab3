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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Acceptance state for verified envelopes of signing and DKG sessions (pure logic; time comes from
 * the engine's {@link Clock}, in milliseconds like {@code sent_at_ms}). Rejects:
 *
 * <ul>
 *   <li>STALE: {@code sent_at_ms} outside [now − maxAge, now + maxFutureSkew], or the session has
 *       finished;
 *   <li>WRONG_SESSION: a session that is neither open nor being opened by a body in {@link
 *       Config#sessionOpeners()} (for signing any engine body, which the engine then judges; for
 *       the DKG any DKG body: {@link DkgMessages#replayGuardConfig()});
 *   <li>WRONG_ROUND: a round more than {@link Config#maxRoundLead()} ahead of the local round of an
 *       open session;
 *   <li>REPLAYED: a (sender, session, sequence) already accepted;
 *   <li>OUT_OF_ORDER: a round below the highest round already accepted from the same sender in the
 *       same session; rounds are compared in steps of {@link Config#roundsPerStep()} (the rounds of
 *       one step may arrive in any order).
 * </ul>
 *
 * <p>What was accepted is remembered per sender, not per session, so one sender's flood (of
 * sequences or of distinct sessions) never pushes out what another sender sent. Each sender's
 * entries expire by the clock: an entry accepted at {@code now} is kept until {@code now + maxAge +
 * maxFutureSkew}, after which any copy of that envelope is STALE anyway (its {@code sent_at_ms} is
 * at most {@code now + maxFutureSkew}). A sender holds at most {@link Config#maxEntriesPerSender()}
 * sequences and as many session round marks; past the cap its oldest are forgotten first (a replay
 * of those reaches the engine, which answers duplicates idempotently). Finished sessions are
 * remembered up to {@link Config#maxFinishedSessions()}; open sessions are the ones this node
 * opened. Memory is therefore bounded by (pinned senders × maxEntriesPerSender) plus the two
 * session sets. Thread-safe (synchronized); the runtime normally calls it from one thread.
 */
public final class ReplayGuard {

  /**
   * @param maxAge how old {@code sent_at_ms} may be
   * @param maxFutureSkew how far ahead of the local clock {@code sent_at_ms} may be
   * @param maxRoundLead how many rounds ahead of the local round a message may be
   * @param maxEntriesPerSender accepted sequences (and session round marks) remembered per sender
   *     within the time window; the oldest are forgotten first beyond it
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
      int maxEntriesPerSender,
      int maxFinishedSessions,
      Set<Envelope.BodyCase> sessionOpeners,
      int roundsPerStep) {

    public static final Config DEFAULT =
        new Config(
            Duration.ofMinutes(10),
            Duration.ofSeconds(30),
            1,
            32_768,
            65_536,
            EnumSet.of(Envelope.BodyCase.SIGNING_PROPOSAL),
            1);

    /** Every round in order (roundsPerStep 1). */
    public Config(
        Duration maxAge,
        Duration maxFutureSkew,
        int maxRoundLead,
        int maxEntriesPerSender,
        int maxFinishedSessions,
        Set<Envelope.BodyCase> sessionOpeners) {
      this(
          maxAge,
          maxFutureSkew,
          maxRoundLead,
          maxEntriesPerSender,
          maxFinishedSessions,
          sessionOpeners,
          1);
    }

    public Config {
      if (maxAge.isNegative() || maxFutureSkew.isNegative()) {
        throw new IllegalArgumentException("time windows must not be negative");
      }
      if (maxRoundLead < 0 || maxFinishedSessions < 0) {
        throw new IllegalArgumentException("limits must not be negative");
      }
      if (maxEntriesPerSender < 1) {
        throw new IllegalArgumentException("maxEntriesPerSender must be at least 1");
      }
      if (roundsPerStep < 1) {
        throw new IllegalArgumentException("roundsPerStep must be at least 1");
      }
      sessionOpeners = Set.copyOf(sessionOpeners);
    }

    /** This configuration with more body types that may open a session (e.g. signing and DKG). */
    public Config withOpeners(Set<Envelope.BodyCase> more) {
      Set<Envelope.BodyCase> all = EnumSet.noneOf(Envelope.BodyCase.class);
      all.addAll(sessionOpeners);
      all.addAll(more);
      return new Config(
          maxAge,
          maxFutureSkew,
          maxRoundLead,
          maxEntriesPerSender,
          maxFinishedSessions,
          all,
          roundsPerStep);
    }

    /** How long an accepted entry is remembered: after that every copy of it is STALE. */
    long retentionMs() {
      return maxAge.toMillis() + maxFutureSkew.toMillis();
    }
  }

  /** One accepted (session, sequence) of a sender. */
  private record Seen(SessionHash session, long sequence) {}

  /**
   * The highest round a sender used in a session, and when that may be forgotten. Holds the session
   * id that the sender's {@link Seen} entries of the session share (one copy per session, not one
   * per entry).
   */
  private static final class RoundMark {
    final SessionHash session;
    long maxRound = -1;
    long forgetAt;

    RoundMark(SessionHash session) {
      this.session = session;
    }
  }

  /** What one sender had accepted within the window, oldest first. */
  private static final class SenderLog {
    final LinkedHashMap<Seen, Long> seen = new LinkedHashMap<>();
    // Oldest acceptance first: a session is moved to the young end each time it accepts.
    final LinkedHashMap<SessionHash, RoundMark> rounds = new LinkedHashMap<>();

    void forgetBefore(long now) {
      Iterator<Map.Entry<Seen, Long>> s = seen.entrySet().iterator();
      while (s.hasNext() && s.next().getValue() < now) {
        s.remove();
      }
      Iterator<RoundMark> r = rounds.values().iterator();
      while (r.hasNext() && r.next().forgetAt < now) {
        r.remove();
      }
    }

    void capAt(int max) {
      trim(seen.keySet().iterator(), seen.size() - max);
      trim(rounds.keySet().iterator(), rounds.size() - max);
    }

    private static void trim(Iterator<?> oldestFirst, int excess) {
      for (int i = 0; i < excess; i++) {
        oldestFirst.next();
        oldestFirst.remove();
      }
    }

    boolean isEmpty() {
      return seen.isEmpty() && rounds.isEmpty();
    }
  }

  private final Config config;
  private final Clock clock;
  private final Map<SessionHash, Long> openSessions = new HashMap<>();
  private final LinkedHashSet<SessionHash> finished = new LinkedHashSet<>();
  private final Map<Integer, SenderLog> senders = new HashMap<>();

  public ReplayGuard(Config config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts accepting messages of a session, at the given local round (keeps what was seen). */
  public synchronized void openSession(SessionHash id, int localRound) {
    if (finished.contains(id)) {
      throw new IllegalStateException("session " + id + " has finished");
    }
    openSessions.merge(id, Integer.toUnsignedLong(localRound), Math::max);
  }

  /** Moves the local round of an open session forward (never back). */
  public synchronized void advanceRound(SessionHash id, int localRound) {
    if (!openSessions.containsKey(id)) {
      throw new IllegalStateException("session " + id + " is not open");
    }
    openSessions.merge(id, Integer.toUnsignedLong(localRound), Math::max);
  }

  /** Ends a session: later messages for it are STALE. */
  public synchronized void finishSession(SessionHash id) {
    openSessions.remove(id);
    finished.remove(id);
    finished.add(id);
    while (finished.size() > config.maxFinishedSessions()) {
      Iterator<SessionHash> it = finished.iterator();
      it.next();
      it.remove();
    }
  }

  public synchronized boolean isOpen(SessionHash id) {
    return openSessions.containsKey(id);
  }

  public synchronized boolean isFinished(SessionHash id) {
    return finished.contains(id);
  }

  /**
   * How many (session, sequence) entries the guard remembers for {@code sender} now (after expiry);
   * bounded by {@link Config#maxEntriesPerSender()}.
   */
  public synchronized int entries(int sender) {
    expire(clock.now());
    SenderLog log = senders.get(sender);
    return log == null ? 0 : log.seen.size();
  }

  /** How many senders the guard holds any state for now (after expiry). */
  public synchronized int senders() {
    expire(clock.now());
    return senders.size();
  }

  /** Checks a verified envelope and, if accepted, records it. */
  public synchronized Decoded<VerifiedEnvelope> check(VerifiedEnvelope e) {
    long now = clock.now();
    expire(now);
    SessionHash id = e.sessionId();
    if (finished.contains(id)) {
      return Decoded.reject(STALE, "session " + id + " has finished");
    }
    long sentAt = e.sentAtMs();
    if (sentAt < now - config.maxAge().toMillis()
        || sentAt > now + config.maxFutureSkew().toMillis()) {
      return Decoded.reject(STALE, "sent at " + sentAt + ", now " + now);
    }
    Long localRound = openSessions.get(id);
    if (localRound == null && !config.sessionOpeners().contains(e.bodyCase())) {
      return Decoded.reject(WRONG_SESSION, "session " + id + " is not open");
    }
    long round = Integer.toUnsignedLong(e.round());
    if (localRound != null && round > localRound + config.maxRoundLead()) {
      return Decoded.reject(WRONG_ROUND, "round " + round + ", local round " + localRound);
    }
    SenderLog log = senders.computeIfAbsent(e.sender(), k -> new SenderLog());
    if (log.seen.containsKey(new Seen(id, e.sequence()))) {
      return Decoded.reject(REPLAYED, "sequence " + Long.toUnsignedString(e.sequence()));
    }
    RoundMark mark = log.rounds.get(id);
    long step = config.roundsPerStep();
    if (mark != null && round / step < mark.maxRound / step) {
      return Decoded.reject(
          OUT_OF_ORDER, "round " + round + " after round " + mark.maxRound + " from this sender");
    }
    if (mark == null) {
      mark = new RoundMark(id);
    } else {
      log.rounds.remove(id);
    }
    log.rounds.put(id, mark);
    long forgetAt = now + config.retentionMs();
    mark.maxRound = Math.max(mark.maxRound, round);
    mark.forgetAt = forgetAt;
    log.seen.put(new Seen(mark.session, e.sequence()), forgetAt);
    log.capAt(config.maxEntriesPerSender());
    return new Decoded.Accepted<>(e);
  }

  /** Drops every sender's entries whose time has passed, and senders left with none. */
  private void expire(long now) {
    Iterator<SenderLog> it = senders.values().iterator();
    while (it.hasNext()) {
      SenderLog log = it.next();
      log.forgetBefore(now);
      if (log.isEmpty()) {
        it.remove();
      }
    }
  }
}
