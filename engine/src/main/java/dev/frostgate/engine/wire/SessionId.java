package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Objects;

/** A 32-byte session id (DKG or signing session), immutable and usable as a map key. */
public record SessionId(ByteString bytes) {
  public static final int LENGTH = 32;

  public SessionId {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.size() != LENGTH) {
      throw new IllegalArgumentException("session id must be 32 bytes, got " + bytes.size());
    }
  }

  public static SessionId of(byte[] bytes) {
    return new SessionId(ByteString.copyFrom(bytes));
  }

  public static SessionId fromHex(String hex) {
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
