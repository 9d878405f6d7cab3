package dev.frostgate.stacks.tx;

import java.util.HexFormat;

/** A signed transaction as broadcast: its bytes and its txid (SHA-512/256 of the bytes). */
public record SignedTransaction(byte[] bytes, byte[] txid) {
  public SignedTransaction {
    bytes = bytes.clone();
    txid = txid.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public byte[] txid() {
    return txid.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The txid as the node and explorers print it (hex, no prefix). */
  public String txidHex() {
    return HexFormat.of().formatHex(txid);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransaction t && java.util.Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SignedTransaction[" + txidHex() + "]";
  }
}
