package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.request.RequestId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Leader per request (seed 001): validators sorted by id, the leader of attempt 0 is the one at
 * {@code H(request id) mod n}; each leader timeout moves to the next one (attempt a: index + a mod
 * n). Pure.
 */
public final class LeaderSchedule {
  private final List<Identifier> validators;
  private final long leaderTimeout;

  public LeaderSchedule(List<Identifier> validators, long leaderTimeout) {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("no validators");
    }
    if (leaderTimeout <= 0) {
      throw new IllegalArgumentException("leader timeout must be positive");
    }
    List<Identifier> sorted = new ArrayList<>(validators);
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).equals(sorted.get(i - 1))) {
        throw new IllegalArgumentException("duplicate validator " + sorted.get(i));
      }
    }
    this.validators = List.copyOf(sorted);
    this.leaderTimeout = leaderTimeout;
  }

  public List<Identifier> validators() {
    return validators;
  }

  public long leaderTimeout() {
    return leaderTimeout;
  }

  /** Index of attempt 0's leader: H(request id) mod n. */
  public int firstLeaderIndex(RequestId request) {
    return new BigInteger(1, request.hash())
        .mod(BigInteger.valueOf(validators.size()))
        .intValueExact();
  }

  public Identifier leader(RequestId request, int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0");
    }
    int n = validators.size();
    return validators.get((int) ((firstLeaderIndex(request) + (long) attempt) % n));
  }

  /** The attempt that is current at {@code now} for a request created at {@code createdAt}. */
  public int attemptAt(long createdAt, long now) {
    if (now <= createdAt) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, (now - createdAt) / leaderTimeout);
  }

  /**
   * Whether {@code sender} may lead {@code attempt} at {@code now}: it is that attempt's leader and
   * the attempt is the current one or a neighbour (clocks differ a little between validators).
   */
  public boolean mayLead(
      Identifier sender, RequestId request, int attempt, long createdAt, long now) {
    int current = attemptAt(createdAt, now);
    return attempt >= 0
        && Math.abs((long) attempt - current) <= 1
        && leader(request, attempt).equals(sender);
  }
}
