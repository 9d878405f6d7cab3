package dev.frostgate.stacks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian integers and length-prefixed names, as SIP-005 writes them. */
public final class StacksWire {
  private StacksWire() {}

  public static void writeU32(int v, ByteArrayOutputStream out) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  public static void writeU64(long v, ByteArrayOutputStream out) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
  }

  /** A name already checked to be ASCII and at most 128 characters: one length byte, the bytes. */
  public static void writeName(String name, ByteArrayOutputStream out) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    out.write(b.length);
    out.writeBytes(b);
  }
}
