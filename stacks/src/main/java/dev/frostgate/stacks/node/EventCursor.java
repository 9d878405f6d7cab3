package dev.frostgate.stacks.node;

/**
 * The last event an event source delivered: the consumer stores it and hands it back after a
 * restart, and the source resumes after it.
 */
public record EventCursor(String txid, int eventIndex) {
  /** Before the first event. */
  public static final EventCursor START = new EventCursor("", -1);

  public EventCursor {
    txid = txid.isEmpty() ? txid : ContractEvent.normalizeTxid(txid);
  }

  public boolean isStart() {
    return txid.isEmpty();
  }
}
