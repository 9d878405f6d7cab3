package dev.frostgate.bitcoin.spv;

import fr.acinq.bitcoin.BlockHash;
import java.util.Objects;

/** A block identified by height and hash. */
public record BlockRef(int height, BlockHash hash) {
  public BlockRef {
    Objects.requireNonNull(hash, "hash");
    if (height < 0) {
      throw new IllegalArgumentException("height must be >= 0: " + height);
    }
  }

  @Override
  public String toString() {
    // BlockHash prints in internal order; show the usual (display) order.
    return height + ":" + hash.value.reversed().toHex();
  }
}
