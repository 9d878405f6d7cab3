package dev.frostgate.engine.spendlock;

import fr.acinq.bitcoin.OutPoint;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of outpoints wherever it is visible (the locks of a transaction, the journal export):
 * txid in display (RPC) byte order, unsigned, then output index. bitcoin-kmp's {@link OutPoint} is
 * not comparable; this is the order of the {@code txid:vout} text, so exports keep their order.
 */
public final class OutPointOrder {
  /** By txid (display order, as its lowercase hex sorts), then index. */
  public static final Comparator<OutPoint> TXID_THEN_INDEX =
      Comparator.<OutPoint, byte[]>comparing(
              o -> o.txid.value.toByteArray(), Arrays::compareUnsigned)
          .thenComparingLong(o -> o.index);

  private OutPointOrder() {}
}
