package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * One validator's signing-engine settings (named apart from the node's {@code ValidatorConfig},
 * which is the whole validator's file configuration).
 *
 * @param rawKey this validator's untweaked key package (from the DKG)
 * @param leaderTimeout how long a leader has before the next one takes over
 * @param retransmitInterval how often a leader resends what is still unanswered
 * @param lifecycle when set, the engine runs the spend-lock lifecycle on its ticks (release buried
 *     and expired-unshared locks, bump stuck transactions); empty, locks are never released and
 *     nothing is bumped (the engine as it was, which the golden simulations replay)
 */
public record SigningConfig(
    Identifier me,
    KeyPackage rawKey,
    Group group,
    PolicyConfig policy,
    long leaderTimeout,
    long retransmitInterval,
    Optional<LifecycleConfig> lifecycle) {
  public SigningConfig {
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(me, "me");
    Objects.requireNonNull(rawKey, "rawKey");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(policy, "policy");
    if (!rawKey.identifier().equals(me)) {
      throw new IllegalArgumentException("key package belongs to " + rawKey.identifier());
    }
    if (!group.validators().contains(me)) {
      throw new IllegalArgumentException(me + " is not in the group");
    }
    if (leaderTimeout <= 0 || retransmitInterval <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** Settings without the spend-lock lifecycle. */
  public SigningConfig(
      Identifier me,
      KeyPackage rawKey,
      Group group,
      PolicyConfig policy,
      long leaderTimeout,
      long retransmitInterval) {
    this(me, rawKey, group, policy, leaderTimeout, retransmitInterval, Optional.empty());
  }

  /** The same settings running the spend-lock lifecycle with {@code l}. */
  public SigningConfig withLifecycle(LifecycleConfig l) {
    return new SigningConfig(
        me, rawKey, group, policy, leaderTimeout, retransmitInterval, Optional.of(l));
  }
}
