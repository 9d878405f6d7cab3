package dev.frostgate.regtest;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A coin of a wallet (confirmed or in the mempool), not spent by a mempool transaction. */
record WalletCoin(
    OutPoint outPoint,
    TxOut out,
    Wallet.Owned owner,
    int confirmations,
    boolean coinbase,
    boolean trusted) {
  long amount() {
    return out.amount.getSat();
  }

  boolean immature() {
    return coinbase && confirmations < Consensus.COINBASE_MATURITY + 1;
  }

  /**
   * The coins of {@code w}: confirmed ones, then mempool ones (trusted when every input is the
   * wallet's own), none spent in the mempool; most confirmations first, then by outpoint.
   */
  static List<WalletCoin> of(NodeState state, Wallet w) {
    List<WalletCoin> out = new ArrayList<>();
    for (Map.Entry<OutPoint, Coin> e : state.chain.utxoView().entrySet()) {
      byte[] spk = e.getValue().out().publicKeyScript.toByteArray();
      Optional<Wallet.Owned> owner = w.owned(spk);
      if (owner.isPresent() && state.mempool.spender(e.getKey()).isEmpty()) {
        Coin c = e.getValue();
        out.add(
            new WalletCoin(
                e.getKey(),
                c.out(),
                owner.get(),
                state.chain.height() - c.height() + 1,
                c.coinbase(),
                true));
      }
    }
    for (Mempool.Entry e : state.mempool.entries()) {
      boolean fromMe =
          e.coins().stream().allMatch(c -> w.isMine(c.out().publicKeyScript.toByteArray()));
      for (int o = 0; o < e.tx().txOut.size(); o++) {
        TxOut txo = e.tx().txOut.get(o);
        Optional<Wallet.Owned> owner = w.owned(txo.publicKeyScript.toByteArray());
        OutPoint op = new OutPoint(e.tx(), o);
        if (owner.isPresent() && state.mempool.spender(op).isEmpty()) {
          out.add(new WalletCoin(op, txo, owner.get(), 0, false, fromMe));
        }
      }
    }
    out.sort(
        Comparator.comparingInt((WalletCoin c) -> -c.confirmations())
            .thenComparing(c -> c.outPoint().txid.toString())
            .thenComparingLong(c -> c.outPoint().index));
    return out;
  }
}
