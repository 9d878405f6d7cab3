package dev.frostgate.node.live;

/** This validator's Bitcoin node as last read: its block height and best header height. */
public record BitcoinTip(long height, long headers) {
  /** Synced when the node has every block it has a header for. */
  public boolean synced() {
    return height >= headers;
  }
}
