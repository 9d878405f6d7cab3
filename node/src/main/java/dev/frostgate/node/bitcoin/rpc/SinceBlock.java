package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.BlockHash;
import java.util.List;

/**
 * {@code listsinceblock}: wallet transactions since a block, those removed by a reorg, and the
 * block to pass next time.
 */
public record SinceBlock(
    List<WalletTransaction> transactions, List<WalletTransaction> removed, BlockHash lastblock) {

  static SinceBlock from(JsonView v) {
    v.object();
    return new SinceBlock(
        v.get("transactions").arrayOf(WalletTransaction::from),
        v.opt("removed").map(r -> r.arrayOf(WalletTransaction::from)).orElse(List.of()),
        v.get("lastblock").blockHash());
  }
}
