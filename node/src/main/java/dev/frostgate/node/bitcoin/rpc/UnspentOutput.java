package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Optional;

/**
 * One element of {@code listunspent}. {@code amount} is never negative. {@code spendable} is
 * deprecated and always true from Core 30 on (even in a watch-only wallet): use {@code solvable}
 * and the wallet's own settings instead.
 */
public record UnspentOutput(
    TxId txid,
    int vout,
    Optional<String> address,
    Optional<String> label,
    String scriptPubKey,
    Satoshi amount,
    long confirmations,
    boolean spendable,
    boolean solvable,
    Optional<String> desc,
    List<String> parent_descs,
    boolean safe) {

  public OutPoint outPoint() {
    return new OutPoint(txid, vout);
  }

  static UnspentOutput from(JsonView v) {
    v.object();
    long amount = v.get("amount").sats();
    if (amount < 0) {
      throw v.get("amount").fail("must not be negative");
    }
    int vout = v.int32("vout");
    if (vout < 0) {
      throw v.get("vout").fail("must not be negative");
    }
    v.get("scriptPubKey").hex();
    return new UnspentOutput(
        v.get("txid").txid(),
        vout,
        v.optStr("address"),
        v.optStr("label"),
        v.str("scriptPubKey"),
        new Satoshi(amount),
        v.nonNegative("confirmations"),
        v.get("spendable").bool(),
        v.get("solvable").bool(),
        v.optStr("desc"),
        v.strings("parent_descs"),
        v.get("safe").bool());
  }
}
