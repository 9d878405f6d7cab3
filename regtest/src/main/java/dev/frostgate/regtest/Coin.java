package dev.frostgate.regtest;

import fr.acinq.bitcoin.TxOut;

/** An unspent output with the height of the block that created it (MEMPOOL_HEIGHT if none). */
record Coin(TxOut out, int height, boolean coinbase) {
  static final int MEMPOOL_HEIGHT = 0x7fffffff;
}
