package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pinned BIP340 identity keys (x-only, 32 bytes) of the validators, by validator id. Immutable.
 */
public final class IdentityKeys {
  private final Map<Integer, ByteString> keys;

  private IdentityKeys(Map<Integer, ByteString> keys) {
    this.keys = Collections.unmodifiableMap(keys);
  }

  /**
   * Pins x-only keys.
   *
   * @throws IllegalArgumentException for a non-positive id, a key that is not 32 bytes, or not the
   *     x coordinate of a curve point
   */
  public static IdentityKeys ofXOnly(Map<Integer, byte[]> xonlyKeys) {
    TreeMap<Integer, ByteString> m = new TreeMap<>();
    xonlyKeys.forEach(
        (id, key) -> {
          if (id == null || id <= 0) {
            throw new IllegalArgumentException("validator id must be positive: " + id);
          }
          if (key == null || key.length != 32) {
            throw new IllegalArgumentException("identity key of " + id + " must be 32 bytes");
          }
          try {
            Point.liftX(key);
          } catch (CryptoException e) {
            throw new IllegalArgumentException("identity key of " + id + " is not on the curve");
          }
          m.put(id, ByteString.copyFrom(key));
        });
    return new IdentityKeys(m);
  }

  /** Pins the x-only form of each point. */
  public static IdentityKeys ofPoints(Map<Integer, Point> points) {
    TreeMap<Integer, byte[]> m = new TreeMap<>();
    points.forEach((id, p) -> m.put(id, p.xOnly()));
    return ofXOnly(m);
  }

  /** The x-only key of a validator (a fresh copy), if pinned. */
  public Optional<byte[]> xOnly(int validatorId) {
    ByteString k = keys.get(validatorId);
    return k == null ? Optional.empty() : Optional.of(k.toByteArray());
  }

  public boolean contains(int validatorId) {
    return keys.containsKey(validatorId);
  }

  /** Validator ids, ascending. */
  public java.util.Set<Integer> ids() {
    return keys.keySet();
  }

  public int size() {
    return keys.size();
  }
}
