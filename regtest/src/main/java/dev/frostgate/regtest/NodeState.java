package dev.frostgate.regtest;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the RPC groups of one node share: the chain, the mempool, the wallets (loaded and unloaded),
 * the transactions seen, the configuration and the clock. Not thread-safe: {@link RegtestNode}
 * serializes every call (Core's {@code cs_main}).
 */
final class NodeState {
  final ChainState chain = new ChainState();
  final Mempool mempool;
  final Map<String, Wallet> wallets = new LinkedHashMap<>();

  /** Wallets created here and unloaded since (in memory: they come back with loadwallet). */
  final Map<String, Wallet> unloaded = new LinkedHashMap<>();

  /** Every transaction submitted or mined here, for prevout lookups (Core's txindex). */
  private final Map<TxId, Transaction> seen = new HashMap<>();

  private final Map<TxId, Long> firstSeen = new HashMap<>();

  /** Submitted here and not yet mined: with no peers, Core reports these as unbroadcast. */
  private final Set<TxId> unbroadcast = new HashSet<>();

  final EmbeddedRegtestNode.Config config;
  private final Clock clock;
  private final long startedAt;

  NodeState(EmbeddedRegtestNode.Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.mempool = new Mempool(config.minRelayFeeSatPerKvB(), config.minRelayFeeSatPerKvB());
    this.startedAt = now();
    Transaction genesisCb = Block.RegtestGenesisBlock.tx.get(0);
    seen.put(genesisCb.txid, genesisCb);
    if (!config.defaultWallet().isEmpty()) {
      wallets.put(config.defaultWallet(), new Wallet(config.defaultWallet(), true, now()));
    }
  }

  /** The clock in Unix seconds, as block and mempool times are kept. */
  long now() {
    return clock.millis() / 1000;
  }

  long uptimeSeconds() {
    return now() - startedAt;
  }

  /** {@code tx} entered the mempool through this node: unbroadcast until a block holds it. */
  void submitted(Transaction tx) {
    remember(tx);
    unbroadcast.add(tx.txid);
  }

  /** {@code tx} is in a block this node mined or was given. */
  void inBlock(Transaction tx) {
    remember(tx);
    unbroadcast.remove(tx.txid);
  }

  boolean isUnbroadcast(TxId txid) {
    return unbroadcast.contains(txid);
  }

  /** When this node first saw {@code txid}, in Unix seconds, else {@code otherwise}. */
  long firstSeen(TxId txid, long otherwise) {
    return firstSeen.getOrDefault(txid, otherwise);
  }

  /**
   * The wallet a wallet RPC addresses: the one named in the URI path, else the only one loaded
   * (Core's {@code GetWalletForJSONRPCRequest}).
   */
  Wallet wallet(Optional<String> name) throws RpcErrorReply {
    if (name.isPresent()) {
      Wallet w = wallets.get(name.get());
      if (w == null) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
      }
      return w;
    }
    if (wallets.size() == 1) {
      return wallets.values().iterator().next();
    }
    if (wallets.isEmpty()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_NOT_FOUND,
          "No wallet is loaded. Load a wallet using loadwallet or create a new one with"
              + " createwallet. (Note: A default wallet is no longer automatically created)");
    }
    throw new RpcErrorReply(
        RpcErrorCode.RPC_WALLET_NOT_SPECIFIED,
        "Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).");
  }

  /** A known block (any branch) by its hash given as a parameter. */
  ChainState.BlockIndex block(String hash) throws RpcErrorReply {
    RpcParams.checkHash(hash, "blockhash");
    return chain
        .byHash(hash.toLowerCase(Locale.ROOT))
        .orElseThrow(
            () -> new RpcErrorReply(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Block not found"));
  }

  /** Spent coins of the i-th transaction of a block (from undo data, or from the tx store). */
  Optional<List<Coin>> prevoutsInBlock(ChainState.BlockIndex b, int i) {
    if (i == 0) {
      return Optional.empty();
    }
    if (b.undo != null) {
      return Optional.of(b.undo.get(i - 1));
    }
    return lookupPrevouts(b.block.tx.get(i));
  }

  /**
   * The coins {@code tx} spends, from the transactions this node has seen; empty if one is missing.
   */
  Optional<List<Coin>> lookupPrevouts(Transaction tx) {
    List<Coin> coins = new ArrayList<>();
    for (TxIn in : tx.txIn) {
      Transaction prev = seen.get(in.outPoint.txid);
      if (prev == null || in.outPoint.index >= prev.txOut.size()) {
        return Optional.empty();
      }
      int h = chain.findTx(prev.txid).map(l -> l.block().height).orElse(Coin.MEMPOOL_HEIGHT);
      coins.add(new Coin(prev.txOut.get((int) in.outPoint.index), h, prev.isCoinbase()));
    }
    return Optional.of(coins);
  }

  /** Keeps {@code tx} for prevout lookups and its first-seen time for wallet history. */
  private void remember(Transaction tx) {
    seen.put(tx.txid, tx);
    firstSeen.putIfAbsent(tx.txid, now());
  }
}
