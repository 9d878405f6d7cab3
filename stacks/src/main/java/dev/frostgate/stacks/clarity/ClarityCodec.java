package dev.frostgate.stacks.clarity;

import static dev.frostgate.stacks.StacksWire.writeName;
import static dev.frostgate.stacks.StacksWire.writeU32;

import dev.frostgate.stacks.clarity.ClarityDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SIP-005 serialization of Clarity values ("consensus serialization"), both ways. Decoding is
 * strict: one encoding per value (tuple fields sorted and unique), the node's limits on size (1
 * MiB) and nesting depth (32), valid names and characters, no trailing bytes.
 */
public final class ClarityCodec {
  /** The largest Clarity value, serialized (MAX_VALUE_SIZE in the Stacks node). */
  public static final int MAX_VALUE_SIZE = 1024 * 1024;

  /** The deepest nesting of a Clarity type (MAX_TYPE_DEPTH in the Stacks node). */
  public static final int MAX_DEPTH = 32;

  private ClarityCodec() {}

  public static byte[] serialize(ClarityValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  public static String serializeHex(ClarityValue value) {
    return HexFormat.of().formatHex(serialize(value));
  }

  private static void write(ClarityValue value, ByteArrayOutputStream out) {
    out.write(value.type().prefix());
    switch (value) {
      case ClarityValue.Int v -> out.writeBytes(int128(v.value()));
      case ClarityValue.UInt v -> out.writeBytes(int128(v.value()));
      case ClarityValue.Buffer v -> writeBytes32(v.bytes(), out);
      case ClarityValue.Bool v -> {}
      case ClarityValue.StandardPrincipal v -> writePrincipal(v, out);
      case ClarityValue.ContractPrincipal v -> {
        writePrincipal(v.issuer(), out);
        writeName(v.name(), out);
      }
      case ClarityValue.Ok v -> write(v.value(), out);
      case ClarityValue.Err v -> write(v.value(), out);
      case ClarityValue.None v -> {}
      case ClarityValue.Some v -> write(v.value(), out);
      case ClarityValue.ClarityList v -> {
        writeU32(v.values().size(), out);
        v.values().forEach(e -> write(e, out));
      }
      case ClarityValue.Tuple v -> {
        writeU32(v.fields().size(), out);
        v.fields()
            .forEach(
                (name, field) -> {
                  writeName(name, out);
                  write(field, out);
                });
      }
      case ClarityValue.StringAscii v ->
          writeBytes32(v.value().getBytes(StandardCharsets.US_ASCII), out);
      case ClarityValue.StringUtf8 v ->
          writeBytes32(v.value().getBytes(StandardCharsets.UTF_8), out);
    }
  }

  /** Two's complement, 16 bytes big-endian. */
  private static byte[] int128(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[16];
    byte fill = (byte) (v.signum() < 0 ? 0xff : 0x00);
    java.util.Arrays.fill(out, fill);
    int n = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - n, out, 16 - n, n);
    return out;
  }

  private static void writePrincipal(ClarityValue.StandardPrincipal p, ByteArrayOutputStream out) {
    out.write(p.version());
    out.writeBytes(p.hash160());
  }

  private static void writeBytes32(byte[] b, ByteArrayOutputStream out) {
    writeU32(b.length, out);
    out.writeBytes(b);
  }

  // ---- decoding ----

  /** Decodes exactly one value that spans all of {@code bytes}. */
  public static ClarityValue deserialize(byte[] bytes) throws ClarityDecodeException {
    if (bytes.length > MAX_VALUE_SIZE) {
      throw new ClarityDecodeException(Reason.TOO_LARGE, 0, bytes.length + " bytes");
    }
    Reader r = new Reader(bytes);
    ClarityValue v = r.value(1);
    if (r.pos != bytes.length) {
      throw new ClarityDecodeException(
          Reason.TRAILING_BYTES, r.pos, (bytes.length - r.pos) + " bytes after the value");
    }
    return v;
  }

  /** Decodes a hex string, with or without a 0x prefix. */
  public static ClarityValue deserializeHex(String hex) throws ClarityDecodeException {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new ClarityDecodeException(Reason.TRUNCATED, 0, "not hex");
    }
    return deserialize(bytes);
  }

  private static final class Reader {
    private final byte[] in;
    private int pos;

    Reader(byte[] in) {
      this.in = in;
    }

    private byte[] take(int n) throws ClarityDecodeException {
      if (n < 0 || in.length - pos < n) {
        throw new ClarityDecodeException(
            Reason.TRUNCATED, pos, "need " + n + " bytes, " + (in.length - pos) + " left");
      }
      byte[] out = java.util.Arrays.copyOfRange(in, pos, pos + n);
      pos += n;
      return out;
    }

    private int u8() throws ClarityDecodeException {
      return take(1)[0] & 0xff;
    }

    private int u32() throws ClarityDecodeException {
      int at = pos;
      long v = new BigInteger(1, take(4)).longValueExact();
      if (v > MAX_VALUE_SIZE) {
        throw new ClarityDecodeException(Reason.TOO_LARGE, at, "length " + v);
      }
      return (int) v;
    }

    private String name(boolean contract) throws ClarityDecodeException {
      int at = pos;
      int n = u8();
      byte[] b = take(n);
      String s = new String(b, StandardCharsets.ISO_8859_1);
      boolean ok = contract ? Names.isContractName(s) : Names.isClarityName(s);
      if (!ok) {
        throw new ClarityDecodeException(
            Reason.BAD_NAME,
            at,
            (contract ? "contract" : "Clarity") + " name '" + Names.printable(s) + "'");
      }
      return s;
    }

    private ClarityValue.StandardPrincipal principal() throws ClarityDecodeException {
      int at = pos;
      int version = u8();
      if (version > 31) {
        throw new ClarityDecodeException(Reason.BAD_PRINCIPAL, at, "version " + version);
      }
      return new ClarityValue.StandardPrincipal(version, take(20));
    }

    ClarityValue value(int depth) throws ClarityDecodeException {
      int at = pos;
      if (depth > MAX_DEPTH) {
        throw new ClarityDecodeException(Reason.TOO_DEEP, at, "nesting deeper than " + MAX_DEPTH);
      }
      int prefix = u8();
      ClarityType type = ClarityType.ofPrefix(prefix);
      if (type == null) {
        throw new ClarityDecodeException(Reason.UNKNOWN_TYPE, at, "type prefix " + prefix);
      }
      return switch (type) {
        case INT -> new ClarityValue.Int(new BigInteger(take(16)));
        case UINT -> new ClarityValue.UInt(new BigInteger(1, take(16)));
        case BUFFER -> new ClarityValue.Buffer(take(u32()));
        case TRUE -> new ClarityValue.Bool(true);
        case FALSE -> new ClarityValue.Bool(false);
        case PRINCIPAL_STANDARD -> principal();
        case PRINCIPAL_CONTRACT -> new ClarityValue.ContractPrincipal(principal(), name(true));
        case RESPONSE_OK -> new ClarityValue.Ok(value(depth + 1));
        case RESPONSE_ERR -> new ClarityValue.Err(value(depth + 1));
        case OPTIONAL_NONE -> new ClarityValue.None();
        case OPTIONAL_SOME -> new ClarityValue.Some(value(depth + 1));
        case LIST -> list(at, depth);
        case TUPLE -> tuple(depth);
        case STRING_ASCII -> ascii();
        case STRING_UTF8 -> utf8();
      };
    }

    private ClarityValue list(int at, int depth) throws ClarityDecodeException {
      int n = u32();
      List<ClarityValue> values = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        int elementAt = pos;
        ClarityValue v = value(depth + 1);
        if (!values.isEmpty() && values.get(0).type().kind() != v.type().kind()) {
          throw new ClarityDecodeException(
              Reason.MIXED_LIST,
              elementAt,
              "element " + i + " is " + v.type().kind() + ", not " + values.get(0).type().kind());
        }
        values.add(v);
      }
      return new ClarityValue.ClarityList(values);
    }

    private ClarityValue tuple(int depth) throws ClarityDecodeException {
      int n = u32();
      Map<String, ClarityValue> fields = new TreeMap<>();
      String previous = null;
      for (int i = 0; i < n; i++) {
        int at = pos;
        String name = name(false);
        if (previous != null) {
          int cmp = previous.compareTo(name);
          if (cmp == 0) {
            throw new ClarityDecodeException(Reason.DUPLICATE_FIELD, at, "field '" + name + "'");
          }
          if (cmp > 0) {
            throw new ClarityDecodeException(
                Reason.UNSORTED_TUPLE, at, "field '" + name + "' after '" + previous + "'");
          }
        }
        previous = name;
        fields.put(name, value(depth + 1));
      }
      return ClarityValue.Tuple.of(fields);
    }

    private ClarityValue ascii() throws ClarityDecodeException {
      int n = u32();
      int at = pos;
      byte[] b = take(n);
      for (int i = 0; i < b.length; i++) {
        if (!Names.isClarityAscii(b[i] & 0xff)) {
          throw new ClarityDecodeException(Reason.BAD_ASCII, at + i, "byte " + (b[i] & 0xff));
        }
      }
      return new ClarityValue.StringAscii(new String(b, StandardCharsets.US_ASCII));
    }

    private ClarityValue utf8() throws ClarityDecodeException {
      int n = u32();
      int at = pos;
      byte[] b = take(n);
      try {
        String s =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b))
                .toString();
        return new ClarityValue.StringUtf8(s);
      } catch (CharacterCodingException e) {
        throw new ClarityDecodeException(Reason.BAD_UTF8, at, "malformed UTF-8");
      }
    }
  }
}
