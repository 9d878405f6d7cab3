package dev.frostgate.node.live;

import java.util.Locale;
import java.util.Optional;

/** A WebSocket topic a client subscribes to (spec 9.3). */
public enum Topic {
  /** Signing sessions: started, completed (with the txid), failed. */
  SIGNATURES,
  /** Deposits detected; no deposit source runs in this runtime yet, so nothing is published. */
  DEPOSITS,
  /** Peers connecting, disconnecting and being excluded. */
  NETWORK;

  /** The name on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The topic named {@code name} on the wire, if any. */
  public static Optional<Topic> ofWireName(String name) {
    for (Topic t : values()) {
      if (t.wireName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
