package dev.frostgate.node.keystore;

import java.time.Instant;
import java.util.Objects;

/**
 * Public facts stored in clear in a key file's header (and authenticated with the ciphertext).
 *
 * @param validatorId this validator's id (as in {@code config.toml}), at least 1
 * @param createdAt when the key package was produced (whole seconds are kept)
 */
public record KeyMetadata(int validatorId, Instant createdAt) {
  public KeyMetadata {
    if (validatorId < 1) {
      throw new IllegalArgumentException("validator id must be at least 1, got " + validatorId);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    if (createdAt.getEpochSecond() < 0 || createdAt.getEpochSecond() > KeyFile.MAX_CREATED_AT) {
      throw new IllegalArgumentException("createdAt must be within 1970..9999");
    }
  }
}
