package dev.frostgate.node.storage;

import java.util.Objects;

/** A transaction output being spent: txid (64 hex digits, RPC display order) and index. */
public record Outpoint(String txid, long vout) implements Comparable<Outpoint> {
  public Outpoint {
    Objects.requireNonNull(txid, "txid");
    if (!txid.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("txid must be 64 lowercase hex digits, got " + txid);
    }
    if (vout < 0 || vout > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("vout must be a 32-bit unsigned integer, got " + vout);
    }
  }

  /** Parses {@code txid:vout}. */
  public static Outpoint parse(String s) {
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("outpoint must be txid:vout, got " + s);
    }
    try {
      return new Outpoint(s.substring(0, colon), Long.parseLong(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("outpoint must be txid:vout, got " + s);
    }
  }

  @Override
  public int compareTo(Outpoint o) {
    int c = txid.compareTo(o.txid);
    return c != 0 ? c : Long.compare(vout, o.vout);
  }

  @Override
  public String toString() {
    return txid + ":" + vout;
  }
}
