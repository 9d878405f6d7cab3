package dev.frostgate.node.transport;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every peer's token bucket and score, read from an injected clock. The decisions are the pure
 * rules of {@link TokenBucket} and {@link PeerScore}; this class only keeps their latest state per
 * peer (calls come from gRPC's threads, hence synchronized). Bans are saved in {@link PeerBans} as
 * they happen and loaded back when a guard starts, so a restart does not let a banned peer in.
 */
final class PeerGuard {
  private static final Logger log = LoggerFactory.getLogger(PeerGuard.class);

  /** What to do with one inbound frame. */
  enum Verdict {
    /** Hand it to the runtime. */
    ADMIT,
    /** Drop it: the peer is banned. */
    DROP_BANNED,
    /** Drop it: the token bucket is empty (scored as {@link Offense#RATE_LIMITED}). */
    DROP_RATE_LIMITED,
    /** Drop it: over the rate limit, and that offense banned the peer just now. */
    DROP_AND_BAN
  }

  private final TokenBucket.Rate rate;
  private final ScorePolicy policy;
  private final InstantSource clock;
  private final Map<Integer, TokenBucket> buckets = new HashMap<>();
  private final Map<Integer, PeerScore> scores = new HashMap<>();
  private final PeerBans bans;

  /** A guard whose bans last until the process ends. */
  PeerGuard(TokenBucket.Rate rate, ScorePolicy policy, InstantSource clock) {
    this(rate, policy, clock, PeerBans.inMemory());
  }

  /** A guard that starts with the bans still running in {@code bans} and saves new ones there. */
  PeerGuard(TokenBucket.Rate rate, ScorePolicy policy, InstantSource clock, PeerBans bans) {
    this.rate = Objects.requireNonNull(rate, "rate");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.bans = Objects.requireNonNull(bans, "bans");
    Instant now = clock.instant();
    bans.load(now)
        .forEach(
            (peer, ban) ->
                scores.put(
                    peer, new PeerScore(policy.banThreshold(), now, Optional.of(ban.until()))));
  }

  synchronized Verdict admit(int peer) {
    Instant now = clock.instant();
    if (score(peer, now).isBanned(now)) {
      return Verdict.DROP_BANNED;
    }
    TokenBucket bucket = buckets.computeIfAbsent(peer, p -> TokenBucket.full(rate, now));
    Optional<TokenBucket> taken = bucket.take(now);
    if (taken.isPresent()) {
      buckets.put(peer, taken.get());
      return Verdict.ADMIT;
    }
    return record(peer, Offense.RATE_LIMITED, now)
        ? Verdict.DROP_AND_BAN
        : Verdict.DROP_RATE_LIMITED;
  }

  /** Scores an offense; true if it banned the peer (it was not banned before). */
  synchronized boolean report(int peer, Offense offense) {
    return record(peer, offense, clock.instant());
  }

  synchronized boolean isBanned(int peer) {
    Instant now = clock.instant();
    return score(peer, now).isBanned(now);
  }

  /** The peer's current score (decayed to now). */
  synchronized PeerScore score(int peer) {
    return score(peer, clock.instant());
  }

  private PeerScore score(int peer, Instant now) {
    PeerScore current = scores.getOrDefault(peer, PeerScore.clean(now)).at(now, policy);
    scores.put(peer, current);
    return current;
  }

  private boolean record(int peer, Offense offense, Instant now) {
    PeerScore before = score(peer, now);
    PeerScore after = before.after(offense, now, policy);
    scores.put(peer, after);
    boolean banned = !before.isBanned(now) && after.isBanned(now);
    if (banned) {
      try {
        bans.save(peer, new PeerBans.Ban(after.bannedUntil().orElseThrow(), offense));
      } catch (RuntimeException e) {
        // The ban holds in memory; only a restart within the ban period would forget it.
        log.warn("ban of peer {} not saved, it ends with this process: {}", peer, e.getMessage());
      }
    }
    return banned;
  }
}
