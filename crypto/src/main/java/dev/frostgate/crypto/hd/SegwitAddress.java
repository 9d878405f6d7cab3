package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A segwit output address (BIP173/BIP350): witness version 0..16 and a 2..40-byte program. Version
 * 0 must be bech32 with a 20- or 32-byte program; versions 1..16 must be bech32m.
 */
public final class SegwitAddress {
  private final String hrp;
  private final int version;
  private final byte[] program;

  private SegwitAddress(String hrp, int version, byte[] program) {
    this.hrp = hrp;
    this.version = version;
    this.program = program;
  }

  /**
   * Builds an address from its parts, checking the witness rules.
   *
   * @throws CryptoException if the version is outside 0..16 or the program length is not allowed
   */
  public static SegwitAddress of(String hrp, int version, byte[] program) {
    checkWitness(version, program.length);
    return new SegwitAddress(hrp, version, program.clone());
  }

  /** An address for the given network. */
  public static SegwitAddress of(Network network, int version, byte[] program) {
    return of(network.hrp(), version, program);
  }

  /**
   * Decodes an address and requires its HRP to be {@code expectedHrp}.
   *
   * @throws CryptoException naming what is wrong (bech32 format, HRP, version, checksum variant,
   *     padding, program length)
   */
  public static SegwitAddress decode(String address, String expectedHrp) {
    Bech32.Decoded d = Bech32.decode(address);
    if (!d.hrp().equals(expectedHrp)) {
      throw new CryptoException(
          "address HRP is '" + d.hrp() + "', expected '" + expectedHrp + "': " + address);
    }
    byte[] data = d.data();
    if (data.length == 0) {
      throw new CryptoException("segwit address has an empty data part: " + address);
    }
    int version = data[0];
    if (version > 16) {
      throw new CryptoException("witness version " + version + " is above 16: " + address);
    }
    Bech32.Encoding required = version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M;
    if (d.encoding() != required) {
      throw new CryptoException(
          "witness version "
              + version
              + " must use "
              + required.name().toLowerCase(java.util.Locale.ROOT)
              + " but the checksum is "
              + d.encoding().name().toLowerCase(java.util.Locale.ROOT)
              + ": "
              + address);
    }
    byte[] program;
    try {
      program = Bech32.convertBits(Arrays.copyOfRange(data, 1, data.length), 5, 8, false);
    } catch (CryptoException e) {
      throw new CryptoException("segwit program: " + e.getMessage() + ": " + address);
    }
    checkWitness(version, program.length);
    return new SegwitAddress(d.hrp(), version, program);
  }

  /** Decodes an address of the given network. */
  public static SegwitAddress decode(String address, Network network) {
    return decode(address, network.hrp());
  }

  /** Lowercase bech32 (v0) or bech32m (v1+) string. */
  public String encode() {
    byte[] conv = Bech32.convertBits(program, 8, 5, true);
    byte[] data = new byte[conv.length + 1];
    data[0] = (byte) version;
    System.arraycopy(conv, 0, data, 1, conv.length);
    return Bech32.encode(
        hrp, data, version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M);
  }

  /** OP_n ‖ push(len) ‖ program. */
  public byte[] scriptPubKey() {
    byte[] out = new byte[program.length + 2];
    out[0] = (byte) (version == 0 ? 0 : 0x50 + version);
    out[1] = (byte) program.length;
    System.arraycopy(program, 0, out, 2, program.length);
    return out;
  }

  public String hrp() {
    return hrp;
  }

  public int version() {
    return version;
  }

  public byte[] program() {
    return program.clone();
  }

  private static void checkWitness(int version, int programLength) {
    if (version < 0 || version > 16) {
      throw new CryptoException("witness version must be 0..16, got " + version);
    }
    if (programLength < 2 || programLength > 40) {
      throw new CryptoException(
          "witness program must be 2..40 bytes, got " + programLength + " bytes");
    }
    if (version == 0 && programLength != 20 && programLength != 32) {
      throw new CryptoException(
          "witness v0 program must be 20 or 32 bytes, got " + programLength + " bytes");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegwitAddress a
        && a.hrp.equals(hrp)
        && a.version == version
        && Arrays.equals(a.program, program);
  }

  @Override
  public int hashCode() {
    return (hrp.hashCode() * 31 + version) * 31 + Arrays.hashCode(program);
  }

  @Override
  public String toString() {
    return encode();
  }

  /** Hex of the scriptPubKey, for logs and tests. */
  public String scriptPubKeyHex() {
    return HexFormat.of().formatHex(scriptPubKey());
  }
}
