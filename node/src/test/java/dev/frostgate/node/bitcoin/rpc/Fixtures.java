package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;

/** Real Bitcoin data for Core-shaped answers. */
final class Fixtures {
  private Fixtures() {}

  static Block genesis() {
    return Block.RegtestGenesisBlock;
  }

  /** The genesis hash as Core writes it (display order, {@code 0f9188f1...}). */
  static String genesisHash() {
    return genesis().blockId.toString();
  }

  static String genesisHex() {
    return new ByteVector(Block.write(genesis())).toHex();
  }

  static String genesisHeaderHex() {
    return new ByteVector(BlockHeader.write(genesis().header)).toHex();
  }

  static Transaction coinbase() {
    return genesis().tx.get(0);
  }

  static String coinbaseHex() {
    return new ByteVector(Transaction.write(coinbase())).toHex();
  }

  static String coinbaseTxid() {
    return coinbase().txid.toString();
  }

  static final String H1 = "1".repeat(64);
  static final String H2 = "2".repeat(64);
  static final String H3 = "3".repeat(64);
}
