package dev.frostgate.bitcoin.spv;

import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import java.util.Optional;

/**
 * Looks up a block header by hash (for example {@code getblockheader <hash> false} over RPC, or a
 * {@link HeaderChain}). Asking by hash, not by height, keeps a walk consistent while the node
 * reorganizes underneath.
 */
@FunctionalInterface
public interface HeaderSource {
  Optional<BlockHeader> header(BlockHash hash);
}
