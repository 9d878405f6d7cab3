package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One element of {@code listsinceblock}'s {@code transactions} or {@code removed}. {@code amount}
 * and {@code fee} are negative for sends, as Core reports them. {@code confirmations} is negative
 * for a transaction that conflicts with the chain.
 */
public record WalletTransaction(
    Optional<String> address,
    Category category,
    Satoshi amount,
    int vout,
    Optional<Satoshi> fee,
    long confirmations,
    Optional<BlockHash> blockhash,
    OptionalLong blockheight,
    OptionalLong blockindex,
    OptionalLong blocktime,
    TxId txid,
    List<TxId> walletconflicts,
    long time,
    OptionalLong timereceived,
    Optional<String> bip125_replaceable,
    Optional<Boolean> abandoned,
    Optional<String> label,
    List<String> parent_descs) {

  /** Core's {@code category}. */
  public enum Category {
    SEND,
    RECEIVE,
    GENERATE,
    IMMATURE,
    ORPHAN
  }

  static WalletTransaction from(JsonView v) {
    v.object();
    JsonView cat = v.get("category");
    Category category;
    try {
      category = Category.valueOf(cat.string().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw cat.fail("unknown category \"" + JsonView.abbreviate(cat.string()) + "\"");
    }
    return new WalletTransaction(
        v.optStr("address"),
        category,
        new Satoshi(v.get("amount").sats()),
        v.int32("vout"),
        v.optSats("fee"),
        v.int64("confirmations"),
        v.opt("blockhash").map(JsonView::blockHash),
        v.optInt64("blockheight"),
        v.optInt64("blockindex"),
        v.optInt64("blocktime"),
        v.get("txid").txid(),
        v.opt("walletconflicts").map(w -> w.arrayOf(JsonView::txid)).orElse(List.of()),
        v.int64("time"),
        v.optInt64("timereceived"),
        v.optStr("bip125-replaceable"),
        v.opt("abandoned").map(JsonView::bool),
        v.optStr("label"),
        v.strings("parent_descs"));
  }
}
