package dev.frostgate.bitcoin.spend;

import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.util.HexFormat;

/**
 * A fully signed spend that passed bitcoin-kmp's script interpreter with the standard (Taproot)
 * flags. Only {@link SpendFinalizer} creates one, so holding a {@code SignedSpend} means the
 * transaction may be broadcast.
 */
public final class SignedSpend {
  private final UnsignedSpend unsigned;
  private final Transaction tx;

  SignedSpend(UnsignedSpend unsigned, Transaction tx) {
    this.unsigned = unsigned;
    this.tx = tx;
  }

  public UnsignedSpend unsigned() {
    return unsigned;
  }

  public Transaction tx() {
    return tx;
  }

  /** Serialized with witnesses: what {@code sendrawtransaction} takes. */
  public byte[] bytes() {
    return Transaction.write(tx);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes());
  }

  public TxId txid() {
    return tx.txid;
  }

  /** The measured weight of the signed transaction. */
  public long weight() {
    return tx.weight();
  }

  /** ceil(weight / 4). */
  public long vsize() {
    return Math.ceilDiv(tx.weight(), 4);
  }

  public Satoshi fee() {
    return unsigned.fee();
  }

  @Override
  public String toString() {
    return "SignedSpend[" + txid() + ", " + vsize() + " vB, fee " + fee().getSat() + " sat]";
  }
}
