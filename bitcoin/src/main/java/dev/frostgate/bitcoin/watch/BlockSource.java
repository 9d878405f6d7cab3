package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.HeaderSource;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;

/**
 * The chain as the watchers read it: the tip height, block hashes by height, blocks and headers by
 * hash. The watch logic stays pure behind this port; the Bitcoin Core RPC adapter implements it in
 * the node.
 */
public interface BlockSource extends HeaderSource {
  /** The height of the best chain's tip ({@code getblockcount}). */
  long tipHeight();

  /** The hash of the best chain's block at {@code height} ({@code getblockhash}). */
  BlockHash hashAt(long height);

  /** The block with this hash ({@code getblock <hash> 0}). */
  Block block(BlockHash hash);
}
