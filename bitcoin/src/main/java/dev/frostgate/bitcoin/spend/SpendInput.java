package dev.frostgate.bitcoin.spend;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;

/**
 * A coin the group spends: its outpoint, its amount, and where under the threshold xpub its key
 * lives ({@code <xpub>/branch/index}). The coin's scriptPubKey is never taken from the request: it
 * is derived from the xpub, so a wrong branch or index makes the signature fail the interpreter.
 *
 * @param outpoint the previous transaction id and output index
 * @param amount the coin's value (needed for the BIP341 sighash); its range is checked when the
 *     spend is built
 * @param branch {@link Branch#DEPOSIT} or {@link Branch#CHANGE}
 * @param index the non-hardened index within the branch
 */
public record SpendInput(OutPoint outpoint, Satoshi amount, Branch branch, long index) {
  public SpendInput {
    Objects.requireNonNull(outpoint, "outpoint");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(branch, "branch");
  }

  /**
   * @param txid the previous transaction id
   * @throws SpendException INVALID_INPUT if vout is not an output index (0..2^32-1)
   */
  public static SpendInput of(TxId txid, long vout, Satoshi amount, Branch branch, long index) {
    Objects.requireNonNull(txid, "txid");
    if (vout < 0 || vout > 0xffffffffL) {
      throw new SpendException(
          SpendException.Reason.INVALID_INPUT, "vout must be 0..2^32-1, got " + vout);
    }
    return new SpendInput(new OutPoint(txid, vout), amount, branch, index);
  }

  @Override
  public String toString() {
    return outpoint.txid
        + ":"
        + outpoint.index
        + " ("
        + amount.getSat()
        + " sat, /"
        + branch.number()
        + "/"
        + index
        + ")";
  }
}
