package dev.frostgate.bitcoin.spv;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import java.util.Arrays;

/** Little-endian reader over a byte array that reports every short read as {@code TRUNCATED}. */
final class ByteReader {
  private final byte[] data;
  private final String what;
  private int pos;

  ByteReader(byte[] data, String what) {
    this.data = data;
    this.what = what;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return data.length - pos;
  }

  byte[] bytes(int n, String field) {
    need(n, field);
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  long uint32(String field) {
    need(4, field);
    long v =
        (data[pos] & 0xffL)
            | (data[pos + 1] & 0xffL) << 8
            | (data[pos + 2] & 0xffL) << 16
            | (data[pos + 3] & 0xffL) << 24;
    pos += 4;
    return v;
  }

  /** Bitcoin CompactSize; non-canonical encodings are rejected as Bitcoin Core does. */
  long compactSize(String field) {
    need(1, field);
    int first = data[pos++] & 0xff;
    if (first < 0xfd) {
      return first;
    }
    int len = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    need(len, field);
    long v = 0;
    for (int i = 0; i < len; i++) {
      v |= (data[pos + i] & 0xffL) << (8 * i);
    }
    pos += len;
    long min = first == 0xfd ? 0xfd : first == 0xfe ? 0x10000L : 0x100000000L;
    if (Long.compareUnsigned(v, min) < 0) {
      throw new SpvException(
          Reason.NON_CANONICAL_VARINT,
          what
              + ": "
              + field
              + " is a non-canonical CompactSize ("
              + Long.toUnsignedString(v)
              + ")");
    }
    return v;
  }

  void end() {
    if (pos != data.length) {
      throw new SpvException(
          Reason.TRAILING_DATA,
          what + ": " + (data.length - pos) + " unexpected byte(s) after offset " + pos);
    }
  }

  private void need(int n, String field) {
    if (n < 0 || data.length - pos < n) {
      throw new SpvException(
          Reason.TRUNCATED,
          what
              + ": truncated reading "
              + field
              + " at offset "
              + pos
              + " (need "
              + n
              + " byte(s), have "
              + (data.length - pos)
              + ")");
    }
  }

  static void writeUint32(java.io.ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  static void writeCompactSize(java.io.ByteArrayOutputStream out, long v) {
    if (v < 0xfd) {
      out.write((int) v);
    } else if (v <= 0xffff) {
      out.write(0xfd);
      out.write((int) v & 0xff);
      out.write((int) (v >>> 8) & 0xff);
    } else {
      out.write(0xfe);
      writeUint32(out, v);
    }
  }
}
