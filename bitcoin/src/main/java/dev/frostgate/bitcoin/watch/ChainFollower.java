package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.bitcoin.rpc.RpcErrorCode;
import dev.frostgate.bitcoin.rpc.RpcException;
import dev.frostgate.bitcoin.spv.HeaderSource;
import dev.frostgate.bitcoin.spv.ReorgTracker;
import fr.acinq.bitcoin.BlockHash;
import java.util.Optional;

/** Moves a {@link ReorgTracker} to a node's current tip. The only I/O is the RPC client. */
public final class ChainFollower {
  private ChainFollower() {}

  /** Headers by hash from the node ({@code getblockheader <hash> false}); empty if unknown. */
  public static HeaderSource headers(BitcoinRpcClient node) {
    return hash -> {
      try {
        return Optional.of(node.getBlockHeaderRaw(hash));
      } catch (RpcException e) {
        if (e.is(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY)) {
          return Optional.empty();
        }
        throw e;
      }
    };
  }

  /** Reads the node's tip and moves the tracker there, with the report of what changed. */
  public static ReorgTracker.Update advance(ReorgTracker tracker, BitcoinRpcClient node) {
    long height = node.getBlockCount();
    BlockHash hash = node.getBlockHash(height);
    return tracker.onNewTip(Math.toIntExact(height), hash, headers(node));
  }
}
