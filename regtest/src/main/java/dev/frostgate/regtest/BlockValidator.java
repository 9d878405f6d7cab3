package dev.frostgate.regtest;

import fr.acinq.bitcoin.Block;
import java.util.Objects;
import java.util.Optional;

/**
 * A fresh regtest chain state (genesis only, empty UTXO set) that blocks are submitted to with the
 * embedded node's full validation: context-free checks, BIP34 height, finality, BIP68 sequence
 * locks, input existence and amounts, the script interpreter on every input, and the coinbase
 * amount. The same code path as the node's {@code submitblock}, without a server or a mempool; for
 * benchmarks of the validation rate and offline checks of a block sequence. Not thread-safe.
 */
public final class BlockValidator {
  private final ChainState chain = new ChainState();

  private BlockValidator() {}

  /** A chain state holding only the regtest genesis block. */
  public static BlockValidator fresh() {
    return new BlockValidator();
  }

  /**
   * Validates {@code block} and, if it is valid and extends the best chain, connects it.
   *
   * @return empty if accepted, otherwise Core's reject reason (e.g. {@code
   *     bad-txns-inputs-missingorspent}, {@code block-script-verify-flag-failed (...)}, {@code
   *     prev-blk-not-found})
   */
  public Optional<String> submit(Block block) {
    Objects.requireNonNull(block, "block");
    return chain.submit(block).rejected().map(Reject::reason);
  }

  /** The height of the active chain's tip. */
  public int height() {
    return chain.height();
  }
}
