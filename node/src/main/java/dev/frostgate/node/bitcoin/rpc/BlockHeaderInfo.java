package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.BlockHash;
import java.util.Optional;

/**
 * {@code getblockheader <hash> true}; also the header part of {@code getblock <hash> 1}. {@code
 * confirmations} is -1 for a block that is not on the active chain (after {@code invalidateblock}
 * or a reorg).
 */
public record BlockHeaderInfo(
    BlockHash hash,
    long confirmations,
    long height,
    long version,
    String versionHex,
    String merkleroot,
    long time,
    long mediantime,
    long nonce,
    String bits,
    double difficulty,
    String chainwork,
    long nTx,
    Optional<BlockHash> previousblockhash,
    Optional<BlockHash> nextblockhash) {

  /** Whether the block is on the node's active chain. */
  public boolean inActiveChain() {
    return confirmations >= 0;
  }

  static BlockHeaderInfo from(JsonView v) {
    v.object();
    return new BlockHeaderInfo(
        v.get("hash").blockHash(),
        v.int64("confirmations"),
        v.nonNegative("height"),
        v.int64("version"),
        v.str("versionHex"),
        v.str("merkleroot"),
        v.int64("time"),
        v.int64("mediantime"),
        v.nonNegative("nonce"),
        v.str("bits"),
        v.get("difficulty").dbl(),
        v.str("chainwork"),
        v.nonNegative("nTx"),
        v.opt("previousblockhash").map(JsonView::blockHash),
        v.opt("nextblockhash").map(JsonView::blockHash));
  }
}
