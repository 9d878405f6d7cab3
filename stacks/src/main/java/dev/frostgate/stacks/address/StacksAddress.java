package dev.frostgate.stacks.address;

import dev.frostgate.crypto.hash.Hash160;
import dev.frostgate.stacks.clarity.ClarityValue;
import java.util.Arrays;
import java.util.HexFormat;

/** A Stacks account address: version and hash160, written as c32check ("SP…", "ST…"). */
public final class StacksAddress {
  private final AddressVersion version;
  private final byte[] hash160;

  private StacksAddress(AddressVersion version, byte[] hash160) {
    this.version = version;
    this.hash160 = hash160;
  }

  public static StacksAddress of(AddressVersion version, byte[] hash160) {
    if (hash160.length != 20) {
      throw new StacksAddressException("address hash must be 20 bytes, got " + hash160.length);
    }
    return new StacksAddress(version, hash160.clone());
  }

  /** The single-signature (P2PKH) address of a public key, hash160 of its encoding as given. */
  public static StacksAddress ofPublicKey(byte[] publicKey, boolean mainnet) {
    if (publicKey.length != 33 && publicKey.length != 65) {
      throw new StacksAddressException("public key must be 33 or 65 bytes");
    }
    return of(
        mainnet ? AddressVersion.MAINNET_SINGLE_SIG : AddressVersion.TESTNET_SINGLE_SIG,
        Hash160.of(publicKey));
  }

  /**
   * Parses "S" + c32check(version, hash160).
   *
   * @throws StacksAddressException naming what is wrong (prefix, characters, checksum, version,
   *     length)
   */
  public static StacksAddress parse(String text) {
    if (text.length() < 3 || text.charAt(0) != 'S') {
      throw new StacksAddressException("Stacks address must start with 'S': '" + text + "'");
    }
    C32.Decoded d = C32.checkDecode(text.substring(1));
    if (d.data().length != 20) {
      throw new StacksAddressException(
          "Stacks address hash must be 20 bytes, got " + d.data().length + " in '" + text + "'");
    }
    return of(AddressVersion.of(d.version()), d.data());
  }

  public AddressVersion version() {
    return version;
  }

  public byte[] hash160() {
    return hash160.clone();
  }

  public ClarityValue.StandardPrincipal toPrincipal() {
    return new ClarityValue.StandardPrincipal(version.value(), hash160);
  }

  public static StacksAddress of(ClarityValue.StandardPrincipal principal) {
    return of(AddressVersion.of(principal.version()), principal.hash160());
  }

  @Override
  public String toString() {
    return "S" + C32.checkEncode(version.value(), hash160);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StacksAddress a
        && version == a.version
        && Arrays.equals(hash160, a.hash160);
  }

  @Override
  public int hashCode() {
    return version.hashCode() * 31 + Arrays.hashCode(hash160);
  }

  /** The hash as hex (for logs and JSON). */
  public String hashHex() {
    return HexFormat.of().formatHex(hash160);
  }
}
