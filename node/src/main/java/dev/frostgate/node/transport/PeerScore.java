package dev.frostgate.node.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer's misbehaviour score and ban, as an immutable value: {@link #after} is the pure rule of
 * {@link ScorePolicy}. While banned, further offenses change nothing; when the ban ends the peer
 * starts again from zero.
 */
public record PeerScore(double points, Instant updated, Optional<Instant> bannedUntil) {
  public PeerScore {
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(bannedUntil, "bannedUntil");
    if (!(points >= 0)) {
      throw new IllegalArgumentException("points must be >= 0, got " + points);
    }
  }

  /** A peer with a clean record at {@code now}. */
  public static PeerScore clean(Instant now) {
    return new PeerScore(0, now, Optional.empty());
  }

  public boolean isBanned(Instant now) {
    return bannedUntil.map(now::isBefore).orElse(false);
  }

  /** The score at {@code now}: decayed, and reset once a ban is over. */
  public PeerScore at(Instant now, ScorePolicy policy) {
    if (bannedUntil.isPresent()) {
      return isBanned(now) ? this : clean(now);
    }
    if (!now.isAfter(updated)) {
      return this;
    }
    double seconds = Duration.between(updated, now).toNanos() / 1e9;
    return new PeerScore(
        Math.max(0, points - seconds * policy.decayPerSecond()), now, Optional.empty());
  }

  /** The score after {@code offense} at {@code now}; banned past the threshold. */
  public PeerScore after(Offense offense, Instant now, ScorePolicy policy) {
    PeerScore current = at(now, policy);
    if (current.isBanned(now)) {
      return current;
    }
    double points = current.points + policy.penalty(offense);
    Optional<Instant> ban =
        points >= policy.banThreshold()
            ? Optional.of(now.plus(policy.banPeriod()))
            : Optional.empty();
    return new PeerScore(points, now, ban);
  }
}
