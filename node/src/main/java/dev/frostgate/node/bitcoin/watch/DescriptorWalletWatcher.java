package dev.frostgate.node.bitcoin.watch;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.bitcoin.spv.BlockRef;
import dev.frostgate.bitcoin.watch.Deposit;
import dev.frostgate.bitcoin.watch.DepositScripts;
import dev.frostgate.bitcoin.watch.DepositWatcher;
import dev.frostgate.bitcoin.watch.WatchException;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.DescriptorImport;
import dev.frostgate.node.bitcoin.rpc.ImportDescriptorResult;
import dev.frostgate.node.bitcoin.rpc.RpcException;
import dev.frostgate.node.bitcoin.rpc.SinceBlock;
import dev.frostgate.node.bitcoin.rpc.WalletTransaction;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.OutPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Watches scripts through a watch-only descriptor wallet of the node: the group's {@code
 * tr(<xpub>/0/*)#checksum} is imported with the range {@code 0 .. lookahead-1}; {@link #poll} reads
 * {@code listsinceblock} from the last block seen and keeps confirmed receives to deposit
 * addresses.
 */
public final class DescriptorWalletWatcher implements DepositWatcher {
  private final BitcoinRpcClient wallet;
  private final DepositScripts scripts;
  private Optional<BlockHash> lastBlock = Optional.empty();
  private final Map<OutPoint, Deposit> seen = new HashMap<>();

  private DescriptorWalletWatcher(BitcoinRpcClient wallet, DepositScripts scripts) {
    this.wallet = wallet;
    this.scripts = scripts;
  }

  /**
   * Creates (or loads) the watch-only wallet {@code walletName} and imports the deposit descriptor.
   *
   * @param rescanFrom UNIX time from which the node rescans for old deposits; empty for "now" (no
   *     rescan: for a wallet created before any deposit)
   * @throws WatchException if the wallet cannot be created or the node rejects the import
   * @throws dev.frostgate.node.bitcoin.rpc.RpcFailure if the node cannot be asked
   */
  public static DescriptorWalletWatcher create(
      BitcoinRpcClient node, String walletName, DepositScripts scripts, OptionalLong rescanFrom) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(walletName, "walletName");
    Objects.requireNonNull(scripts, "scripts");
    try {
      node.createWallet(walletName, true, true);
    } catch (RpcException e) {
      if (!e.coreMessage().contains("already exists")) {
        throw new WatchException(
            "cannot create watch-only wallet '" + walletName + "': " + e.getMessage(), e);
      }
      try {
        node.loadWallet(walletName);
      } catch (RpcException loaded) {
        if (!loaded.is(RpcErrorCode.RPC_WALLET_ALREADY_LOADED)) {
          throw new WatchException(
              "cannot load watch-only wallet '" + walletName + "': " + loaded.getMessage(), loaded);
        }
      }
    }
    BitcoinRpcClient wallet = node.forWallet(walletName).withRequestTimeout(Duration.ofMinutes(10));
    List<ImportDescriptorResult> results =
        wallet.importDescriptors(
            List.of(
                DescriptorImport.watchRanged(
                    scripts.descriptor(), 0, scripts.lookahead() - 1, rescanFrom)));
    ImportDescriptorResult r = results.get(0);
    if (!r.success()) {
      throw new WatchException(
          "the node rejected the descriptor "
              + scripts.descriptor()
              + ": "
              + r.error().map(ImportDescriptorResult.Error::message).orElse("no reason given"));
    }
    return new DescriptorWalletWatcher(node.forWallet(walletName), scripts);
  }

  @Override
  public DepositScripts scripts() {
    return scripts;
  }

  @Override
  public List<Deposit> poll() {
    SinceBlock since = wallet.listSinceBlock(lastBlock, 1);
    List<Deposit> found = new ArrayList<>();
    for (WalletTransaction t : since.transactions()) {
      if (t.category() != WalletTransaction.Category.RECEIVE
          || t.confirmations() < 1
          || t.blockhash().isEmpty()
          || t.address().isEmpty()) {
        continue;
      }
      OptionalLong index = scripts.indexOfAddress(t.address().get());
      if (index.isEmpty()) {
        continue;
      }
      BlockHash hash = t.blockhash().get();
      long height =
          t.blockheight().isPresent()
              ? t.blockheight().getAsLong()
              : wallet.getBlockHeader(hash).height();
      Deposit d =
          new Deposit(
              t.txid(),
              t.vout(),
              t.amount(),
              index.getAsLong(),
              t.address().get(),
              new BlockRef(Math.toIntExact(height), hash));
      if (seen.putIfAbsent(d.outPoint(), d) == null) {
        found.add(d);
      }
    }
    lastBlock = Optional.of(since.lastblock());
    return found;
  }

  @Override
  public void rewind(BlockRef forkPoint) {
    seen.values().removeIf(d -> d.block().height() > forkPoint.height());
    lastBlock = Optional.of(forkPoint.hash());
  }
}
