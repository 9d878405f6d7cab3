package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.List;
import java.util.Objects;

/**
 * The validator group's public facts: members, threshold, the untweaked public key package from the
 * DKG and the threshold xpub every coin key derives from.
 */
public record Group(
    List<Identifier> validators, int threshold, PublicKeyPackage rawPublic, ThresholdXpub xpub) {
  public Group {
    validators = validators.stream().sorted().toList();
    Objects.requireNonNull(rawPublic, "rawPublic");
    Objects.requireNonNull(xpub, "xpub");
    if (threshold < 1 || threshold > validators.size()) {
      throw new IllegalArgumentException("threshold must be 1..n, got " + threshold);
    }
    if (!rawPublic.verifyingShares().keySet().containsAll(validators)) {
      throw new IllegalArgumentException("a validator has no verifying share");
    }
    if (rawPublic.minSigners() != threshold) {
      throw new IllegalArgumentException("threshold differs from the key package's");
    }
  }

  public int size() {
    return validators.size();
  }
}
