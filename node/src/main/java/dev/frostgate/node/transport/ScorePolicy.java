package dev.frostgate.node.transport;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How offenses turn into a ban: each {@link Offense} adds its penalty to the peer's score, the
 * score decays by {@code decayPerSecond} (so an occasional bad frame is forgiven), and a score at
 * or above {@code banThreshold} bans the peer for {@code banPeriod}.
 */
public record ScorePolicy(
    Map<Offense, Integer> penalties, int banThreshold, Duration banPeriod, double decayPerSecond) {

  /**
   * A forged envelope costs half a ban, an invalid or oversized frame a tenth or a fifth, a replay
   * (also the honest result of a retransmission race) a twentieth, and a frame over the rate limit
   * one point: a sustained flood is banned after about a hundred dropped frames. A relayed or
   * impersonated envelope costs as much as a forged one; an incompatible wire version costs nothing
   * (a peer that was not upgraded yet is not an attacker, and a ban would outlive the upgrade). The
   * score decays by one point a second; a ban lasts ten minutes. The signing engine's proven
   * misbehaviour: an equivocation (two signed proposals) costs half a ban, an invalid share a third
   * (the engine already leaves the signer out of the session; three in quick succession are no
   * accident), a proposal out of turn a tenth (clock skew can cause one).
   */
  public static final ScorePolicy DEFAULT =
      new ScorePolicy(
          Map.of(
              Offense.INVALID, 10,
              Offense.FORGED, 50,
              Offense.OVERSIZED, 20,
              Offense.REPLAYED, 5,
              Offense.RATE_LIMITED, 1,
              Offense.WRONG_SENDER, 50,
              Offense.INCOMPATIBLE_VERSION, 0,
              Offense.INVALID_SHARE, 34,
              Offense.EQUIVOCATION, 50,
              Offense.NOT_LEADER, 10),
          100,
          Duration.ofMinutes(10),
          1.0);

  public ScorePolicy {
    Objects.requireNonNull(banPeriod, "banPeriod");
    EnumMap<Offense, Integer> all = new EnumMap<>(Offense.class);
    for (Offense offense : Offense.values()) {
      Integer penalty = penalties.get(offense);
      if (penalty == null || penalty < 0) {
        throw new IllegalArgumentException("penalty of " + offense + " must be given and >= 0");
      }
      all.put(offense, penalty);
    }
    penalties = Map.copyOf(all);
    if (banThreshold < 1) {
      throw new IllegalArgumentException("ban threshold must be >= 1, got " + banThreshold);
    }
    if (banPeriod.isNegative() || banPeriod.isZero()) {
      throw new IllegalArgumentException("ban period must be positive, got " + banPeriod);
    }
    if (!(decayPerSecond >= 0) || Double.isInfinite(decayPerSecond)) {
      throw new IllegalArgumentException("score decay must be finite and >= 0");
    }
  }

  public int penalty(Offense offense) {
    return penalties.get(offense);
  }
}
