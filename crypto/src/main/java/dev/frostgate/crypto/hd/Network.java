package dev.frostgate.crypto.hd;

import java.util.Locale;

/** The Bitcoin networks Frostgate addresses: segwit HRP and BIP32 version bytes. */
public enum Network {
  MAINNET("bc", 0x0488B21E, 0x0488ADE4),
  TESTNET("tb", 0x043587CF, 0x04358394),
  SIGNET("tb", 0x043587CF, 0x04358394),
  REGTEST("bcrt", 0x043587CF, 0x04358394);

  private final String hrp;
  private final int xpubVersion;
  private final int xprvVersion;

  Network(String hrp, int xpubVersion, int xprvVersion) {
    this.hrp = hrp;
    this.xpubVersion = xpubVersion;
    this.xprvVersion = xprvVersion;
  }

  /** Segwit address human-readable part ("bc", "tb", "bcrt"). */
  public String hrp() {
    return hrp;
  }

  /** BIP32 version of extended public keys (xpub / tpub). */
  public int xpubVersion() {
    return xpubVersion;
  }

  /** BIP32 version of extended private keys (xprv / tprv). */
  public int xprvVersion() {
    return xprvVersion;
  }

  /**
   * Parses a network name, case-insensitively: mainnet|main|bitcoin, testnet|testnet4|test, signet,
   * regtest.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static Network fromName(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "mainnet", "main", "bitcoin" -> MAINNET;
      case "testnet", "testnet4", "test" -> TESTNET;
      case "signet" -> SIGNET;
      case "regtest" -> REGTEST;
      default ->
          throw new IllegalArgumentException(
              "unknown network '"
                  + name
                  + "'; valid names: mainnet, main, bitcoin, testnet, testnet4, test, signet,"
                  + " regtest");
    };
  }
}
