package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The 32-byte session id an envelope carries in {@code session_id}: {@link
 * dev.frostgate.engine.dkg.DkgSessionId#hash()} for a DKG session, the request's hash ({@link
 * dev.frostgate.engine.request.RequestId#hash()}) for a signing session. Immutable and usable as a
 * map key (the replay guard's). Named apart from {@code DkgSessionId}, which is the ceremony and
 * participants this hash is taken over.
 */
public record SessionHash(ByteString bytes) {
  public static final int LENGTH = 32;

  public SessionHash {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.size() != LENGTH) {
      throw new IllegalArgumentException("session id must be 32 bytes, got " + bytes.size());
    }
  }

  public static SessionHash of(byte[] bytes) {
    return new SessionHash(ByteString.copyFrom(bytes));
  }

  public static SessionHash fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] toBytes() {
    return bytes.toByteArray();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  @Override
  public String toString() {
    return toHex();
  }
}
