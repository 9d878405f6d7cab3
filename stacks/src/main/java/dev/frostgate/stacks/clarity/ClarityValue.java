package dev.frostgate.stacks.clarity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Clarity value, one record per SIP-005 type. Every factory validates its input the way a Stacks
 * node does (ranges, names, characters), so a value that exists here can be serialized and will be
 * accepted by the chain. Byte arrays are copied in and out.
 */
public sealed interface ClarityValue {

  /** The SIP-005 type prefix. */
  ClarityType type();

  /** 128-bit signed integer. */
  record Int(BigInteger value) implements ClarityValue {
    static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
    static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    public Int {
      if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
        throw new IllegalArgumentException("Clarity int out of the 128-bit signed range: " + value);
      }
    }

    @Override
    public ClarityType type() {
      return ClarityType.INT;
    }
  }

  /** 128-bit unsigned integer. */
  record UInt(BigInteger value) implements ClarityValue {
    static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public UInt {
      if (value.signum() < 0 || value.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(
            "Clarity uint out of the 128-bit unsigned range: " + value);
      }
    }

    public static UInt of(long value) {
      return new UInt(BigInteger.valueOf(value));
    }

    /** The value as a long; fails when it does not fit. */
    public long longValueExact() {
      return value.longValueExact();
    }

    @Override
    public ClarityType type() {
      return ClarityType.UINT;
    }
  }

  /** A byte buffer (at most 1 MiB, the size of any Clarity value). */
  record Buffer(byte[] bytes) implements ClarityValue {
    public Buffer {
      if (bytes.length > ClarityCodec.MAX_VALUE_SIZE) {
        throw new IllegalArgumentException("Clarity buffer longer than 1 MiB");
      }
      bytes = bytes.clone();
    }

    public static Buffer ofHex(String hex) {
      return new Buffer(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    public String hex() {
      return HexFormat.of().formatHex(bytes);
    }

    @Override
    public ClarityType type() {
      return ClarityType.BUFFER;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Buffer b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "0x" + hex();
    }
  }

  record Bool(boolean value) implements ClarityValue {
    @Override
    public ClarityType type() {
      return value ? ClarityType.TRUE : ClarityType.FALSE;
    }
  }

  /** A standard principal: address version (0..31) and hash160. */
  record StandardPrincipal(int version, byte[] hash160) implements ClarityValue {
    public StandardPrincipal {
      if (version < 0 || version > 31) {
        throw new IllegalArgumentException("principal version must be 0..31, got " + version);
      }
      if (hash160.length != 20) {
        throw new IllegalArgumentException(
            "principal hash must be 20 bytes, got " + hash160.length);
      }
      hash160 = hash160.clone();
    }

    @Override
    public byte[] hash160() {
      return hash160.clone();
    }

    @Override
    public ClarityType type() {
      return ClarityType.PRINCIPAL_STANDARD;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StandardPrincipal p
          && version == p.version
          && Arrays.equals(hash160, p.hash160);
    }

    @Override
    public int hashCode() {
      return 31 * version + Arrays.hashCode(hash160);
    }

    @Override
    public String toString() {
      return "StandardPrincipal[" + version + ", " + HexFormat.of().formatHex(hash160) + "]";
    }
  }

  /** A contract principal: its deployer and its name. */
  record ContractPrincipal(StandardPrincipal issuer, String name) implements ClarityValue {
    public ContractPrincipal {
      Names.requireContractName(name);
    }

    @Override
    public ClarityType type() {
      return ClarityType.PRINCIPAL_CONTRACT;
    }
  }

  record Ok(ClarityValue value) implements ClarityValue {
    @Override
    public ClarityType type() {
      return ClarityType.RESPONSE_OK;
    }
  }

  record Err(ClarityValue value) implements ClarityValue {
    @Override
    public ClarityType type() {
      return ClarityType.RESPONSE_ERR;
    }
  }

  record None() implements ClarityValue {
    @Override
    public ClarityType type() {
      return ClarityType.OPTIONAL_NONE;
    }
  }

  record Some(ClarityValue value) implements ClarityValue {
    @Override
    public ClarityType type() {
      return ClarityType.OPTIONAL_SOME;
    }
  }

  /** A list; its elements share one kind (all integers, all optionals, ...). */
  record ClarityList(List<ClarityValue> values) implements ClarityValue {
    public ClarityList {
      values = List.copyOf(values);
      if (!values.isEmpty()) {
        ClarityType.Kind kind = values.get(0).type().kind();
        for (ClarityValue v : values) {
          if (v.type().kind() != kind) {
            throw new IllegalArgumentException(
                "Clarity list mixes " + kind + " and " + v.type().kind());
          }
        }
      }
    }

    @Override
    public ClarityType type() {
      return ClarityType.LIST;
    }
  }

  /** A tuple; fields are kept (and serialized) in name order. */
  record Tuple(SortedMap<String, ClarityValue> fields) implements ClarityValue {
    public Tuple {
      for (String name : fields.keySet()) {
        Names.requireClarityName(name);
      }
      fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    public static Tuple of(Map<String, ClarityValue> fields) {
      return new Tuple(new TreeMap<>(fields));
    }

    /** The field, or an {@link IllegalArgumentException} naming it when absent. */
    public ClarityValue get(String name) {
      ClarityValue v = fields.get(name);
      if (v == null) {
        throw new IllegalArgumentException("tuple has no field '" + name + "'");
      }
      return v;
    }

    @Override
    public ClarityType type() {
      return ClarityType.TUPLE;
    }
  }

  /** An ASCII string: printable characters and whitespace, as Clarity accepts them. */
  record StringAscii(String value) implements ClarityValue {
    public StringAscii {
      for (int i = 0; i < value.length(); i++) {
        if (!Names.isClarityAscii(value.charAt(i))) {
          throw new IllegalArgumentException(
              "character "
                  + (int) value.charAt(i)
                  + " at "
                  + i
                  + " is not allowed in string-ascii");
        }
      }
      if (value.length() > ClarityCodec.MAX_VALUE_SIZE) {
        throw new IllegalArgumentException("Clarity string longer than 1 MiB");
      }
    }

    @Override
    public ClarityType type() {
      return ClarityType.STRING_ASCII;
    }
  }

  record StringUtf8(String value) implements ClarityValue {
    public StringUtf8 {
      if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
        throw new IllegalArgumentException("string-utf8 holds an unpaired surrogate");
      }
      if (value.getBytes(StandardCharsets.UTF_8).length > ClarityCodec.MAX_VALUE_SIZE) {
        throw new IllegalArgumentException("Clarity string longer than 1 MiB");
      }
    }

    @Override
    public ClarityType type() {
      return ClarityType.STRING_UTF8;
    }
  }
}
