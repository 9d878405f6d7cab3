package dev.frostgate.crypto.hash;

/** Bitcoin's HASH160: RIPEMD-160 of SHA-256 (key identifiers, P2PKH/P2WPKH programs). */
public final class Hash160 {
  private Hash160() {}

  /** RIPEMD160(SHA256(data)), 20 bytes. */
  public static byte[] of(byte[] data) {
    return Ripemd160.hash(Hashes.sha256(data));
  }
}
