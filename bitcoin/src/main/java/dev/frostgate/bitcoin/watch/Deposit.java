package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.BlockRef;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;

/**
 * A confirmed payment to a deposit address {@code <xpub>/0/index}.
 *
 * @param txid the paying transaction
 * @param vout the output index within it
 * @param amount the output's value (positive)
 * @param index the deposit address's derivation index on the receive branch
 * @param address the deposit address (Taproot)
 * @param block the block the transaction is confirmed in
 */
public record Deposit(
    TxId txid, int vout, Satoshi amount, long index, String address, BlockRef block) {
  public Deposit {
    Objects.requireNonNull(txid, "txid");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(block, "block");
    if (vout < 0) {
      throw new IllegalArgumentException("vout must not be negative: " + vout);
    }
    if (amount.getSat() <= 0) {
      throw new IllegalArgumentException("deposit amount must be positive: " + amount.getSat());
    }
    if (index < 0) {
      throw new IllegalArgumentException("deposit index must not be negative: " + index);
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
        + amount.getSat()
        + " sat to deposit "
        + index
        + " ("
        + address
        + ") in block "
        + block;
  }
}
