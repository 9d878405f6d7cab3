package dev.frostgate.crypto.codec;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Appends the fields of one {@link FrostCodec} encoding. The buffer may hold secret bytes (a
 * signing share): it is wiped whenever it grows and after {@link #finish()}.
 */
final class CodecWriter {
  private byte[] buf;
  private int len;

  CodecWriter(FrostCodec.Type type, int suiteTag, int expectedSize) {
    buf = new byte[Math.max(16, expectedSize)];
    u8(FrostCodec.MAGIC[0]);
    u8(FrostCodec.MAGIC[1]);
    u8(FrostCodec.VERSION);
    u8(type.tag());
    u8(suiteTag);
  }

  private void ensure(int extra) {
    if (len + extra <= buf.length) {
      return;
    }
    byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    Arrays.fill(buf, (byte) 0);
    buf = bigger;
  }

  void u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
  }

  void u16(int v) {
    u8(v >>> 8);
    u8(v);
  }

  void u32(int v) {
    u16(v >>> 16);
    u16(v & 0xffff);
  }

  void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  void identifier(Identifier id) {
    bytes(id.toBytes());
  }

  void point(Point p) {
    bytes(p.compressed());
  }

  void scalar(Scalar s) {
    bytes(s.toBytes());
  }

  /** Writes a secret scalar, wiping the temporary copy. */
  void secret(SecretScalar s) {
    byte[] b = s.toBytes();
    try {
      bytes(b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /** Appends the checksum and returns the encoding; the internal buffer is wiped. */
  byte[] finish() {
    MessageDigest d = Hashes.sha256Digest();
    d.update(buf, 0, len);
    byte[] digest = d.digest();
    try {
      bytes(Arrays.copyOf(digest, FrostCodec.CHECKSUM_LENGTH));
      return Arrays.copyOf(buf, len);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }
}
