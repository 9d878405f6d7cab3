package dev.frostgate.stacks.node;

import dev.frostgate.stacks.clarity.ClarityValue;

/**
 * A contract's print event. It is identified by its transaction and its index among that
 * transaction's events, whichever source delivered it.
 *
 * @param blockHeight the Stacks block, or -1 when the source did not say
 */
public record ContractEvent(
    String txid, int eventIndex, long blockHeight, String contractId, ClarityValue value) {

  public ContractEvent {
    txid = normalizeTxid(txid);
  }

  /** Lower-case hex without 0x, as both the node and the API variants may write it either way. */
  public static String normalizeTxid(String txid) {
    String t = txid.startsWith("0x") ? txid.substring(2) : txid;
    return t.toLowerCase(java.util.Locale.ROOT);
  }

  public EventCursor position() {
    return new EventCursor(txid, eventIndex);
  }
}
