package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.BlockRef;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Finds the outputs of a block that pay a deposit address. Pure. */
public final class BlockScanner {
  private BlockScanner() {}

  /**
   * Every output of {@code block} whose script is a deposit address's P2TR script within the
   * lookahead, in block order.
   *
   * @param ref the block's height and hash (the caller's view of where it is in the chain)
   */
  public static List<Deposit> scan(Block block, BlockRef ref, DepositScripts scripts) {
    if (!block.hash.equals(ref.hash())) {
      throw new IllegalArgumentException(
          "block hashes to " + block.hash + ", not to " + ref.hash() + " as given");
    }
    List<Deposit> out = new ArrayList<>();
    for (Transaction tx : block.tx) {
      for (int i = 0; i < tx.txOut.size(); i++) {
        TxOut o = tx.txOut.get(i);
        byte[] script = o.publicKeyScript.toByteArray();
        if (script.length != 34) { // OP_1 <32 bytes>: the only shape a deposit script has
          continue;
        }
        OptionalLong index = scripts.indexOf(script);
        if (index.isPresent() && o.amount.getSat() > 0) {
          out.add(
              new Deposit(
                  tx.txid,
                  i,
                  o.amount,
                  index.getAsLong(),
                  scripts.address(index.getAsLong()),
                  ref));
        }
      }
    }
    return out;
  }
}
