package dev.frostgate.node.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.frostgate.bitcoin.fee.EstimateMode;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for Bitcoin Core's JSON-RPC (Core 27 up to the current v31 development branch, checked
 * against the one in {@code ../shared/bitcoin-core}), used unchanged against a real bitcoind and
 * against the embedded regtest node.
 *
 * <p>Requests are JSON-RPC 1.0 over HTTP POST (the framing every Core version accepts); answers in
 * both Core's 1.0 style (HTTP 500/404 with an {@code error} object) and 2.0 style (HTTP 200) are
 * understood. Authentication is by cookie file (re-read when the node answers 401, since bitcoind
 * writes a new cookie on every start) or user/password. Transient failures (connection refused,
 * HTTP 502/503, {@code RPC_IN_WARMUP}; a connection closed mid-answer only for methods that are
 * safe to repeat) are retried with exponential backoff; nothing else is. Every failure is a {@link
 * RpcFailure} naming the method: {@link RpcException} (Core's error code), {@link
 * RpcTimeoutException}, {@link RpcConnectionException}, {@link RpcHttpStatusException}, {@link
 * RpcAuthException} or {@link RpcMalformedResponseException}. Every field of an answer is checked;
 * BTC amounts become satoshis exactly.
 *
 * <p>Result records keep Core's field names ({@code -} becomes {@code _}). Thread-safe. {@link
 * #forWallet} and {@link #withRequestTimeout} return views sharing this client's connection pool;
 * closing any of them closes the transport.
 */
public final class BitcoinRpcClient implements AutoCloseable {
  private static final int MAX_CONF_TARGET = 1008;

  private final JsonRpcEndpoint endpoint;
  private final Optional<String> wallet;
  private final Duration requestTimeout;

  /** A client over {@link HttpClientTransport}. */
  public static BitcoinRpcClient create(RpcClientConfig config) {
    return new BitcoinRpcClient(
        config, new HttpClientTransport(config.connectTimeout()), Thread::sleep);
  }

  /** A client over the given transport. */
  public static BitcoinRpcClient create(RpcClientConfig config, RpcTransport transport) {
    return new BitcoinRpcClient(config, transport, Thread::sleep);
  }

  BitcoinRpcClient(
      RpcClientConfig config, RpcTransport transport, JsonRpcEndpoint.Sleeper sleeper) {
    this(
        new JsonRpcEndpoint(
            Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(transport, "transport"),
            Objects.requireNonNull(sleeper, "sleeper")),
        Optional.empty(),
        config.requestTimeout());
  }

  private BitcoinRpcClient(
      JsonRpcEndpoint endpoint, Optional<String> wallet, Duration requestTimeout) {
    this.endpoint = endpoint;
    this.wallet = wallet;
    this.requestTimeout = requestTimeout;
  }

  /**
   * A view whose wallet methods go to {@code /wallet/<name>} (needed as soon as the node has more
   * than one wallet loaded). {@code ""} is Core's default wallet.
   */
  public BitcoinRpcClient forWallet(String name) {
    Objects.requireNonNull(name, "wallet name");
    return new BitcoinRpcClient(endpoint, Optional.of(name), requestTimeout);
  }

  /** A view with another request timeout (e.g. for {@code importdescriptors} with a rescan). */
  public BitcoinRpcClient withRequestTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (!timeout.isPositive()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new BitcoinRpcClient(endpoint, wallet, timeout);
  }

  /** The wallet this view addresses, empty for the node's root endpoint. */
  public Optional<String> wallet() {
    return wallet;
  }

  @Override
  public void close() {
    endpoint.close();
  }

  // ---------------------------------------------------------------- raw

  /**
   * Calls any method with positional parameters (String, Boolean, Integer, Long, BigDecimal or
   * JsonNode) and returns Core's {@code result}. Not retried after a closed connection.
   */
  public JsonNode call(String method, List<?> params) {
    Objects.requireNonNull(method, "method");
    ArrayNode array = JsonRpcEndpoint.MAPPER.createArrayNode();
    for (Object p : params) {
      switch (p) {
        case null -> throw new IllegalArgumentException("null parameter; use NullNode");
        case String s -> array.add(s);
        case Boolean b -> array.add(b);
        case Integer i -> array.add(i);
        case Long l -> array.add(l);
        case BigDecimal d -> array.add(d);
        case JsonNode n -> array.add(n);
        default -> throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
      }
    }
    return rootCall(method, array, false);
  }

  private JsonNode rootCall(String method, ArrayNode params, boolean idempotent) {
    return endpoint.call(Optional.empty(), requestTimeout, method, params, idempotent);
  }

  private JsonNode walletCall(String method, ArrayNode params, boolean idempotent) {
    return endpoint.call(wallet, requestTimeout, method, params, idempotent);
  }

  private static ArrayNode params() {
    return JsonRpcEndpoint.MAPPER.createArrayNode();
  }

  private static JsonView view(String method, JsonNode result) {
    return JsonView.root(method, result);
  }

  /**
   * A block hash as Core prints it (byte-reversed). bitcoin-kmp's {@link BlockHash} holds the
   * internal byte order (what {@code BlockHeader.hash} and {@code hashPreviousBlock} hold), so its
   * {@code toString()} is not the RPC form.
   */
  public static String displayHex(BlockHash hash) {
    return hash.value.reversed().toHex();
  }

  /** Parses a block hash as Core prints it (byte-reversed) into bitcoin-kmp's internal order. */
  public static BlockHash blockHashFromDisplay(String displayHex) {
    return new BlockHash(new fr.acinq.bitcoin.ByteVector32(displayHex).reversed());
  }

  private static String hex(Transaction tx) {
    return new ByteVector(Transaction.write(tx)).toHex();
  }

  // ---------------------------------------------------------------- chain

  /** {@code getblockchaininfo}. */
  public BlockchainInfo getBlockchainInfo() {
    String m = "getblockchaininfo";
    return BlockchainInfo.from(view(m, rootCall(m, params(), true)));
  }

  /** {@code getblockcount}: the height of the active chain's tip. */
  public long getBlockCount() {
    String m = "getblockcount";
    long h = view(m, rootCall(m, params(), true)).int64();
    if (h < 0) {
      throw new RpcMalformedResponseException(m, "negative block count " + h);
    }
    return h;
  }

  /** {@code getblockhash}: the hash of the active chain's block at {@code height}. */
  public BlockHash getBlockHash(long height) {
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative: " + height);
    }
    String m = "getblockhash";
    return view(m, rootCall(m, params().add(height), true)).blockHash();
  }

  /** {@code getblockheader <hash> true}. */
  public BlockHeaderInfo getBlockHeader(BlockHash hash) {
    String m = "getblockheader";
    BlockHeaderInfo info =
        BlockHeaderInfo.from(view(m, rootCall(m, params().add(displayHex(hash)).add(true), true)));
    if (!info.hash().equals(hash)) {
      throw new RpcMalformedResponseException(
          m, "asked for " + displayHex(hash) + ", got " + displayHex(info.hash()));
    }
    return info;
  }

  /** {@code getblockheader <hash> false}: the 80-byte header, checked to hash to {@code hash}. */
  public BlockHeader getBlockHeaderRaw(BlockHash hash) {
    String m = "getblockheader";
    BlockHeader header =
        view(m, rootCall(m, params().add(displayHex(hash)).add(false), true))
            .decode("block header", BlockHeader::read);
    requireAskedFor(m, hash, header.hash, "the header hashes to");
    return header;
  }

  /** {@code getblock <hash> 1}: header fields and txids. */
  public BlockInfo getBlock(BlockHash hash) {
    String m = "getblock";
    BlockInfo info =
        BlockInfo.from(view(m, rootCall(m, params().add(displayHex(hash)).add(1), true)));
    requireAskedFor(m, hash, info.header().hash(), "got");
    return info;
  }

  /** {@code getblock <hash> 0}: the full block, checked to hash to {@code hash}. */
  public Block getBlockRaw(BlockHash hash) {
    String m = "getblock";
    Block block =
        view(m, rootCall(m, params().add(displayHex(hash)).add(0), true))
            .decode("block", Block::read);
    requireAskedFor(m, hash, block.hash, "the block hashes to");
    return block;
  }

  /** An answer about another block than the one asked for is malformed (a lying or buggy node). */
  private static void requireAskedFor(String method, BlockHash asked, BlockHash got, String what) {
    if (!got.equals(asked)) {
      throw new RpcMalformedResponseException(
          method, "asked for " + displayHex(asked) + ", " + what + " " + displayHex(got));
    }
  }

  /** {@code invalidateblock}: marks the block and its descendants invalid (reorg tests). */
  public void invalidateBlock(BlockHash hash) {
    String m = "invalidateblock";
    rootCall(m, params().add(displayHex(hash)), true);
  }

  /** {@code generatetoaddress}: mines blocks (regtest) and returns their hashes. */
  public List<BlockHash> generateToAddress(int nblocks, String address) {
    if (nblocks < 0) {
      throw new IllegalArgumentException("nblocks must not be negative: " + nblocks);
    }
    Objects.requireNonNull(address, "address");
    String m = "generatetoaddress";
    List<BlockHash> hashes =
        view(m, rootCall(m, params().add(nblocks).add(address), false))
            .arrayOf(JsonView::blockHash);
    if (hashes.size() != nblocks) {
      throw new RpcMalformedResponseException(
          m, "asked for " + nblocks + " blocks, got " + hashes.size() + " hashes");
    }
    return hashes;
  }

  // ---------------------------------------------------------------- transactions

  /** {@code getrawtransaction <txid> false}; needs {@code -txindex} or the tx in the mempool. */
  public Transaction getRawTransaction(TxId txid) {
    return getRawTransaction(txid, Optional.empty());
  }

  /** {@code getrawtransaction <txid> false <blockhash>}, checked to have {@code txid}. */
  public Transaction getRawTransaction(TxId txid, Optional<BlockHash> block) {
    String m = "getrawtransaction";
    ArrayNode p = params().add(txid.toString()).add(false);
    block.ifPresent(b -> p.add(displayHex(b)));
    Transaction tx = view(m, rootCall(m, p, true)).decode("transaction", Transaction::read);
    if (!tx.txid.equals(txid)) {
      throw new RpcMalformedResponseException(m, "asked for " + txid + ", got " + tx.txid);
    }
    return tx;
  }

  /** {@code getrawtransaction <txid> 1 [blockhash]}. */
  public RawTransactionInfo getRawTransactionVerbose(TxId txid, Optional<BlockHash> block) {
    String m = "getrawtransaction";
    ArrayNode p = params().add(txid.toString()).add(1);
    block.ifPresent(b -> p.add(displayHex(b)));
    RawTransactionInfo info = RawTransactionInfo.from(view(m, rootCall(m, p, true)));
    if (!info.txid().equals(txid)) {
      throw new RpcMalformedResponseException(m, "asked for " + txid + ", got " + info.txid());
    }
    return info;
  }

  /** {@code gettxout}: the unspent output, empty if it is spent or unknown. */
  public Optional<TxOutInfo> getTxOut(TxId txid, int n, boolean includeMempool) {
    if (n < 0) {
      throw new IllegalArgumentException("output index must not be negative: " + n);
    }
    String m = "gettxout";
    JsonNode r = rootCall(m, params().add(txid.toString()).add(n).add(includeMempool), true);
    if (r == null || r.isNull()) {
      return Optional.empty();
    }
    return Optional.of(TxOutInfo.from(view(m, r)));
  }

  /** {@code gettxoutproof}: a serialized merkle block proving the txids are in a block. */
  public ByteVector getTxOutProof(List<TxId> txids, Optional<BlockHash> block) {
    if (txids.isEmpty()) {
      throw new IllegalArgumentException("at least one txid is needed");
    }
    String m = "gettxoutproof";
    ArrayNode ids = params();
    txids.forEach(t -> ids.add(t.toString()));
    ArrayNode p = params().add(ids);
    block.ifPresent(b -> p.add(displayHex(b)));
    ByteVector proof = view(m, rootCall(m, p, true)).hex();
    if (proof.size() < 80) {
      throw new RpcMalformedResponseException(m, "proof shorter than a block header");
    }
    return proof;
  }

  /**
   * {@code verifytxoutproof}: the txids the proof commits to, empty if the proof is invalid; Core
   * answers {@code RPC_INVALID_ADDRESS_OR_KEY} if the block is not in its active chain.
   */
  public List<TxId> verifyTxOutProof(ByteVector proof) {
    String m = "verifytxoutproof";
    return view(m, rootCall(m, params().add(proof.toHex()), true)).arrayOf(JsonView::txid);
  }

  /**
   * {@code testmempoolaccept}: whether the node would accept the transactions, without
   * broadcasting. {@code maxfeerate} empty uses Core's default (0.10 BTC/kvB).
   */
  public List<MempoolAcceptResult> testMempoolAccept(
      List<Transaction> txs, Optional<FeeRate> maxfeerate) {
    if (txs.isEmpty()) {
      throw new IllegalArgumentException("at least one transaction is needed");
    }
    String m = "testmempoolaccept";
    ArrayNode raw = params();
    txs.forEach(t -> raw.add(hex(t)));
    ArrayNode p = params().add(raw);
    maxfeerate.ifPresent(f -> p.add(f.btcPerKvb()));
    List<MempoolAcceptResult> results =
        view(m, rootCall(m, p, true)).arrayOf(MempoolAcceptResult::from);
    if (results.size() != txs.size()) {
      throw new RpcMalformedResponseException(
          m, "sent " + txs.size() + " transactions, got " + results.size() + " results");
    }
    return results;
  }

  /**
   * {@code sendrawtransaction}: submits to the mempool and relays. A rejection is an {@link
   * RpcException} with {@code RPC_VERIFY_REJECTED} (-26) and Core's reject reason, {@code
   * RPC_VERIFY_ALREADY_IN_CHAIN} (-27) or {@code RPC_DESERIALIZATION_ERROR} (-22).
   */
  public TxId sendRawTransaction(Transaction tx, Optional<FeeRate> maxfeerate) {
    String m = "sendrawtransaction";
    ArrayNode p = params().add(hex(tx));
    maxfeerate.ifPresent(f -> p.add(f.btcPerKvb()));
    TxId txid = view(m, rootCall(m, p, true)).txid();
    if (!txid.equals(tx.txid)) {
      throw new RpcMalformedResponseException(
          m, "node answered txid " + txid + " for transaction " + tx.txid);
    }
    return txid;
  }

  /** {@code getmempoolentry}: empty when the transaction is not in the mempool. */
  public Optional<MempoolEntry> getMempoolEntry(TxId txid) {
    String m = "getmempoolentry";
    try {
      return Optional.of(
          MempoolEntry.from(view(m, rootCall(m, params().add(txid.toString()), true))));
    } catch (RpcException e) {
      if (e.is(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@code getrawmempool false}: the txids in the mempool. */
  public List<TxId> getRawMempool() {
    String m = "getrawmempool";
    return view(m, rootCall(m, params().add(false), true)).arrayOf(JsonView::txid);
  }

  /** {@code getmempoolinfo}: mempool size and the minimum fee rates for entry and relay. */
  public MempoolInfo getMempoolInfo() {
    String m = "getmempoolinfo";
    return MempoolInfo.from(view(m, rootCall(m, params(), true)));
  }

  /** {@code getnetworkinfo}: version and relay fees. */
  public NetworkInfo getNetworkInfo() {
    String m = "getnetworkinfo";
    return NetworkInfo.from(view(m, rootCall(m, params(), true)));
  }

  /** {@code estimatesmartfee <target>} in Core's default mode. */
  public SmartFeeEstimate estimateSmartFee(int confTarget) {
    return estimateSmartFee(confTarget, Optional.empty());
  }

  /** {@code estimatesmartfee <target> [mode]}; {@code confTarget} in 1..1008. */
  public SmartFeeEstimate estimateSmartFee(int confTarget, Optional<EstimateMode> mode) {
    if (confTarget < 1 || confTarget > MAX_CONF_TARGET) {
      throw new IllegalArgumentException("confirmation target must be 1..1008: " + confTarget);
    }
    String m = "estimatesmartfee";
    ArrayNode p = params().add(confTarget);
    mode.ifPresent(md -> p.add(md.name().toLowerCase(java.util.Locale.ROOT)));
    return SmartFeeEstimate.from(view(m, rootCall(m, p, true)));
  }

  // ---------------------------------------------------------------- wallet

  /**
   * {@code createwallet}: a descriptor wallet, unencrypted. For the deposit watcher: {@code
   * disablePrivateKeys = true, blank = true}.
   */
  public WalletLoadResult createWallet(String name, boolean disablePrivateKeys, boolean blank) {
    Objects.requireNonNull(name, "name");
    String m = "createwallet";
    // createwallet name disable_private_keys blank passphrase avoid_reuse descriptors
    ArrayNode p =
        params().add(name).add(disablePrivateKeys).add(blank).add("").add(false).add(true);
    return WalletLoadResult.from(view(m, rootCall(m, p, false)));
  }

  /** {@code loadwallet}: after a node restart; {@code RPC_WALLET_ALREADY_LOADED} if loaded. */
  public WalletLoadResult loadWallet(String name) {
    Objects.requireNonNull(name, "name");
    String m = "loadwallet";
    return WalletLoadResult.from(view(m, rootCall(m, params().add(name), false)));
  }

  /**
   * {@code importdescriptors} into this view's wallet. Per-request failures come back in the
   * results (one per request, same order), not as an exception. A rescan can take long: use {@link
   * #withRequestTimeout}.
   */
  public List<ImportDescriptorResult> importDescriptors(List<DescriptorImport> requests) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("at least one descriptor is needed");
    }
    String m = "importdescriptors";
    ArrayNode reqs = params();
    requests.forEach(r -> reqs.add(r.toJson()));
    List<ImportDescriptorResult> results =
        view(m, walletCall(m, params().add(reqs), true)).arrayOf(ImportDescriptorResult::from);
    if (results.size() != requests.size()) {
      throw new RpcMalformedResponseException(
          m, "sent " + requests.size() + " requests, got " + results.size() + " results");
    }
    return results;
  }

  /**
   * {@code listunspent <minconf> <maxconf> [addresses] true}: this view's wallet's unspent outputs,
   * unsafe ones included (check {@code safe}). Empty {@code addresses} means all.
   */
  public List<UnspentOutput> listUnspent(int minconf, int maxconf, List<String> addresses) {
    if (minconf < 0 || maxconf < minconf) {
      throw new IllegalArgumentException("bad confirmation range " + minconf + ".." + maxconf);
    }
    String m = "listunspent";
    ArrayNode addrs = params();
    addresses.forEach(addrs::add);
    ArrayNode p = params().add(minconf).add(maxconf).add(addrs).add(true);
    return view(m, walletCall(m, p, true)).arrayOf(UnspentOutput::from);
  }

  /**
   * {@code listsinceblock [blockhash] <target_confirmations> true true}: wallet transactions since
   * the block (from genesis if empty), watch-only included, with {@code removed} for a reorg.
   */
  public SinceBlock listSinceBlock(Optional<BlockHash> block, int targetConfirmations) {
    if (targetConfirmations < 1) {
      throw new IllegalArgumentException(
          "target confirmations must be at least 1: " + targetConfirmations);
    }
    String m = "listsinceblock";
    ArrayNode p = params();
    if (block.isPresent()) {
      p.add(displayHex(block.get()));
    } else {
      p.addNull();
    }
    p.add(targetConfirmations).add(true).add(true);
    return SinceBlock.from(view(m, walletCall(m, p, true)));
  }

  /** {@code sendtoaddress}: pays from this view's wallet at the wallet's own fee rate. */
  public TxId sendToAddress(String address, Satoshi amount) {
    return sendToAddress(address, amount, Optional.empty());
  }

  /**
   * {@code sendtoaddress}; {@code feeRate}, if given, is passed as {@code fee_rate} (sat/vB), which
   * a regtest bitcoind without fee estimates or {@code -fallbackfee} needs. Never retried after a
   * closed connection or a timeout (it may have paid).
   */
  public TxId sendToAddress(String address, Satoshi amount, Optional<FeeRate> feeRate) {
    Objects.requireNonNull(address, "address");
    long sats = amount.getSat();
    if (sats <= 0 || sats > Amounts.MAX_MONEY) {
      throw new IllegalArgumentException("amount out of range: " + sats + " sat");
    }
    String m = "sendtoaddress";
    ArrayNode p = params().add(address).add(Amounts.satToBtc(sats));
    if (feeRate.isPresent()) {
      // address amount comment comment_to subtractfeefromamount replaceable conf_target
      // estimate_mode avoid_reuse fee_rate
      p.add("").add("").add(false).add(true).addNull().add("unset").addNull();
      p.add(feeRate.get().satPerVb());
    }
    return view(m, walletCall(m, p, false)).txid();
  }

  /** {@code getnewaddress "" bech32m}: a fresh Taproot receive address of this view's wallet. */
  public String getNewAddress() {
    String m = "getnewaddress";
    return view(m, walletCall(m, params().add("").add("bech32m"), false)).string();
  }

  /** {@code getbalance}: this view's wallet's trusted balance. */
  public Satoshi getBalance() {
    String m = "getbalance";
    return new Satoshi(view(m, walletCall(m, params(), true)).sats());
  }

  /** {@code listwallets}: the names of the loaded wallets. */
  public List<String> listWallets() {
    String m = "listwallets";
    return view(m, rootCall(m, params(), true)).arrayOf(JsonView::string);
  }
}
