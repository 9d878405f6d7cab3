package dev.frostgate.stacks.tx;

import dev.frostgate.crypto.hash.Hash32;
import java.util.HexFormat;

/** A signed transaction as broadcast: its bytes and its txid (SHA-512/256 of the bytes). */
public record SignedTransaction(byte[] bytes, Hash32 txid) {
  public SignedTransaction {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The txid as the node and explorers print it (hex, no prefix). */
  public String txidHex() {
    return txid.toString();
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
