package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.BlockRef;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;

/**
 * A confirmed payment to a loan address {@code <xpub>/0/loanIndex}.
 *
 * @param txid the paying transaction
 * @param vout the output index within it
 * @param amountSat the output's value
 * @param loanIndex the loan (derivation index on the receive branch)
 * @param address the loan's Taproot address
 * @param block the block the transaction is confirmed in
 */
public record Deposit(
    TxId txid, int vout, long amountSat, long loanIndex, String address, BlockRef block) {
  public Deposit {
    Objects.requireNonNull(txid, "txid");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(block, "block");
    if (vout < 0) {
      throw new IllegalArgumentException("vout must not be negative: " + vout);
    }
    if (amountSat <= 0) {
      throw new IllegalArgumentException("deposit amount must be positive: " + amountSat);
    }
    if (loanIndex < 0) {
      throw new IllegalArgumentException("loan index must not be negative: " + loanIndex);
    }
  }

  public OutPoint outPoint() {
    return new OutPoint(txid, vout);
  }

  @Override
  public String toString() {
    return txid
        + ":"
        + vout
        + " "
        + amountSat
        + " sat to loan "
        + loanIndex
        + " ("
        + address
        + ") in block "
        + block;
  }
}
