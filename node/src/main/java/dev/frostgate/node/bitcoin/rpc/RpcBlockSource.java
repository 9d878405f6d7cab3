package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.bitcoin.watch.BlockSource;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import java.util.Objects;
import java.util.Optional;

/** The watchers' {@link BlockSource} over a Bitcoin Core (or embedded regtest) RPC client. */
public final class RpcBlockSource implements BlockSource {
  private final BitcoinRpcClient node;

  public RpcBlockSource(BitcoinRpcClient node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  @Override
  public long tipHeight() {
    return node.getBlockCount();
  }

  @Override
  public BlockHash hashAt(long height) {
    return node.getBlockHash(height);
  }

  @Override
  public Block block(BlockHash hash) {
    return node.getBlockRaw(hash);
  }

  /** {@code getblockheader <hash> false}; empty if the node does not know the hash. */
  @Override
  public Optional<BlockHeader> header(BlockHash hash) {
    try {
      return Optional.of(node.getBlockHeaderRaw(hash));
    } catch (RpcException e) {
      if (e.is(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY)) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
