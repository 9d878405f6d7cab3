package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.hash.Hash32;
import java.util.Objects;

/**
 * The 32-byte session id an envelope carries in {@code session_id}: {@link
 * dev.frostgate.engine.dkg.DkgSessionId#hash()} for a DKG session, the request's hash ({@link
 * dev.frostgate.engine.request.RequestId#hash()}) for a signing session. Immutable and usable as a
 * map key (the replay guard's). Named apart from {@code DkgSessionId}, which is the ceremony and
 * participants this hash is taken over. The wire carries the 32 bytes as they are ({@link
 * #toByteString()}).
 */
public record SessionHash(Hash32 hash) {
  public SessionHash {
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static SessionHash of(byte[] bytes) {
    return new SessionHash(Hash32.of(bytes));
  }

  /** The session id of an envelope whose structure was validated (so it is 32 bytes). */
  static SessionHash fromWire(ByteString bytes) {
    return of(bytes.toByteArray());
  }

  /** The bytes for the envelope's {@code session_id}. */
  public ByteString toByteString() {
    return ByteString.copyFrom(hash.bytes());
  }

  /** The bytes as lowercase hex. */
  @Override
  public String toString() {
    return hash.toString();
  }
}
