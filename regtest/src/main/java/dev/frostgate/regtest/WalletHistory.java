package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.Optional;

/**
 * A wallet's history as Core's {@code listsinceblock} reports it: send and receive entries of the
 * active chain since a block and of the mempool, and those of blocks a reorganization removed.
 */
final class WalletHistory {
  private final NodeState state;

  WalletHistory(NodeState state) {
    this.state = state;
  }

  JsonNode listSinceBlock(Wallet w, RpcParams p) throws RpcErrorReply {
    ChainState.BlockIndex since = null;
    if (p.has(0) && !p.str(0).isEmpty()) {
      since = state.block(p.str(0));
    }
    int target = p.intOr(1, 1);
    if (target < 1) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid parameter");
    }
    boolean includeRemoved = p.boolOr(3, true);
    boolean includeChange = p.boolOr(4, false);
    Optional<String> labelFilter = p.has(5) ? Optional.of(p.str(5)) : Optional.empty();
    ArrayNode txs = F.arrayNode();
    ArrayNode removed = F.arrayNode();
    int fromHeight = 0;
    if (since != null) {
      ChainState.BlockIndex fork = since;
      while (!state.chain.isActive(fork)) {
        if (includeRemoved) {
          for (int i = 0; i < fork.block.tx.size(); i++) {
            walletEntries(
                w, fork.block.tx.get(i), Optional.of(fork), i, includeChange, labelFilter, removed);
          }
        }
        fork = fork.prev;
      }
      fromHeight = fork.height + 1;
    }
    for (int h = fromHeight; h <= state.chain.height(); h++) {
      ChainState.BlockIndex b = state.chain.atHeight(h).get();
      for (int i = 0; i < b.block.tx.size(); i++) {
        walletEntries(w, b.block.tx.get(i), Optional.of(b), i, includeChange, labelFilter, txs);
      }
    }
    for (Mempool.Entry e : state.mempool.entries()) {
      walletEntries(w, e.tx(), Optional.empty(), 0, includeChange, labelFilter, txs);
    }
    ObjectNode o = F.objectNode();
    o.set("transactions", txs);
    if (includeRemoved) {
      o.set("removed", removed);
    }
    o.put(
        "lastblock",
        state.chain.atHeight(Math.max(0, state.chain.height() + 1 - target)).get().hash);
    return o;
  }

  /** Core's {@code ListTransactions} entries (send and receive) for one transaction. */
  private void walletEntries(
      Wallet w,
      Transaction tx,
      Optional<ChainState.BlockIndex> block,
      int position,
      boolean includeChange,
      Optional<String> labelFilter,
      ArrayNode out) {
    long debit = 0;
    boolean allFromMe = !tx.isCoinbase();
    if (!tx.isCoinbase()) {
      Optional<List<Coin>> prevouts =
          block.isPresent()
              ? state.prevoutsInBlock(block.get(), position)
              : state.mempool.get(tx.txid).map(Mempool.Entry::coins);
      if (prevouts.isEmpty()) {
        prevouts = state.lookupPrevouts(tx);
      }
      if (prevouts.isPresent()) {
        for (Coin c : prevouts.get()) {
          if (w.isMine(c.out().publicKeyScript.toByteArray())) {
            debit += c.out().amount.getSat();
          } else {
            allFromMe = false;
          }
        }
      } else {
        allFromMe = false;
      }
    }
    int confirmations =
        block.map(b -> state.chain.isActive(b) ? state.chain.confirmations(b) : 0).orElse(0);
    long fee = debit > 0 ? debit - Consensus.valueOut(tx) : 0;
    if (debit > 0 && labelFilter.isEmpty()) {
      for (int n = 0; n < tx.txOut.size(); n++) {
        TxOut txo = tx.txOut.get(n);
        Optional<Wallet.Owned> owner = w.owned(txo.publicKeyScript.toByteArray());
        if (owner.isPresent() && owner.get().internal() && !includeChange) {
          continue;
        }
        ObjectNode o = out.addObject();
        ScriptInfo.of(txo.publicKeyScript.toByteArray())
            .address()
            .ifPresent(a -> o.put("address", a));
        o.put("category", "send");
        o.put("amount", Amounts.satToBtc(-txo.amount.getSat()));
        o.put("vout", n);
        o.put("fee", Amounts.satToBtc(allFromMe ? -fee : 0));
        o.put("abandoned", false);
        txCommon(o, tx, block, position, confirmations);
      }
    }
    for (int n = 0; n < tx.txOut.size(); n++) {
      TxOut txo = tx.txOut.get(n);
      Optional<Wallet.Owned> owner = w.owned(txo.publicKeyScript.toByteArray());
      if (owner.isEmpty() || (owner.get().internal() && debit > 0 && !includeChange)) {
        continue;
      }
      if (labelFilter.isPresent() && !owner.get().label().equals(labelFilter)) {
        continue;
      }
      ObjectNode o = out.addObject();
      owner.get().address().ifPresent(a -> o.put("address", a));
      ArrayNode parents = o.putArray("parent_descs");
      owner.get().parentDesc().ifPresent(parents::add);
      String category = "receive";
      if (tx.isCoinbase()) {
        category =
            confirmations < 1
                ? "orphan"
                : confirmations < Consensus.COINBASE_MATURITY + 1 ? "immature" : "generate";
      }
      o.put("category", category);
      o.put("amount", Amounts.satToBtc(txo.amount.getSat()));
      owner.get().label().ifPresent(l -> o.put("label", l));
      o.put("vout", n);
      o.put("abandoned", false);
      txCommon(o, tx, block, position, confirmations);
    }
  }

  private void txCommon(
      ObjectNode o,
      Transaction tx,
      Optional<ChainState.BlockIndex> block,
      int position,
      int confirmations) {
    o.put("confirmations", confirmations);
    if (tx.isCoinbase()) {
      o.put("generated", true);
    }
    if (block.isPresent() && confirmations > 0) {
      ChainState.BlockIndex b = block.get();
      o.put("blockhash", b.hash);
      o.put("blockheight", b.height);
      o.put("blockindex", position);
      o.put("blocktime", b.header().time);
    } else {
      Optional<Mempool.Entry> e = state.mempool.get(tx.txid);
      o.put("trusted", e.isPresent());
    }
    o.put("txid", tx.txid.toString());
    o.put("wtxid", Consensus.wtxid(tx));
    o.putArray("alternate_wtxids");
    o.putArray("walletconflicts");
    o.putArray("mempoolconflicts");
    long t = state.firstSeen(tx.txid, block.map(b -> b.header().time).orElse(state.now()));
    o.put("time", t);
    o.put("timereceived", t);
  }
}
