package dev.frostgate.engine.request;

import dev.frostgate.crypto.hash.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The protocol chain's identifier of a request to move coins (e.g. its transaction hash). */
public record RequestId(String value) implements Comparable<RequestId> {
  public RequestId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("request id must not be empty");
    }
  }

  /** SHA-256 of the id: the leader-election hash. */
  public byte[] hash() {
    return Hashes.sha256(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int compareTo(RequestId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
