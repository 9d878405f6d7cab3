package dev.frostgate.bitcoin.spend;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;

/**
 * A coin the group spends: its outpoint, its amount, and where under the threshold xpub its key
 * lives ({@code <xpub>/branch/index}). The coin's scriptPubKey is never taken from the request: it
 * is derived from the xpub, so a wrong branch or index makes the signature fail the interpreter.
 *
 * @param outpoint the previous transaction id and output index
 * @param amountSat the coin's value in satoshis (needed for the BIP341 sighash)
 * @param branch {@link Branch#DEPOSIT} or {@link Branch#CHANGE}
 * @param index the non-hardened index within the branch
 */
public record SpendInput(OutPoint outpoint, long amountSat, Branch branch, long index) {
  public SpendInput {
    Objects.requireNonNull(outpoint, "outpoint");
    Objects.requireNonNull(branch, "branch");
  }

  /**
   * @param txid the previous transaction id in display (RPC) hex order
   * @throws SpendException INVALID_INPUT if the txid is not 64 hex characters or vout is negative
   */
  public static SpendInput of(String txid, long vout, long amountSat, Branch branch, long index) {
    if (txid == null || !txid.matches("[0-9a-fA-F]{64}")) {
      throw new SpendException(
          SpendException.Reason.INVALID_INPUT,
          "txid must be 64 hex characters, got '" + txid + "'");
    }
    if (vout < 0 || vout > 0xffffffffL) {
      throw new SpendException(
          SpendException.Reason.INVALID_INPUT, "vout must be 0..2^32-1, got " + vout);
    }
    return new SpendInput(new OutPoint(new TxId(txid), vout), amountSat, branch, index);
  }

  @Override
  public String toString() {
    return outpoint.txid
        + ":"
        + outpoint.index
        + " ("
        + amountSat
        + " sat, /"
        + branch.number()
        + "/"
        + index
        + ")";
  }
}
