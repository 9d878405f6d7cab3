package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import java.util.Objects;

/**
 * One validator's signing-engine settings (named apart from the node's {@code ValidatorConfig},
 * which is the whole validator's file configuration).
 *
 * @param rawKey this validator's untweaked key package (from the DKG)
 * @param leaderTimeout how long a leader has before the next one takes over
 * @param retransmitInterval how often a leader resends what is still unanswered
 */
public record SigningConfig(
    Identifier me,
    KeyPackage rawKey,
    Group group,
    PolicyConfig policy,
    long leaderTimeout,
    long retransmitInterval) {
  public SigningConfig {
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
}
