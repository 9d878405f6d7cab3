package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node behind the RPC server: chain, mempool, wallets, and the Core-compatible RPC methods. All
 * calls are serialized on this object (Core's {@code cs_main}).
 */
final class RegtestNode {
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> WALLET_METHODS =
      Set.of(
          "getnewaddress",
          "getrawchangeaddress",
          "getbalance",
          "listunspent",
          "listsinceblock",
          "sendtoaddress",
          "importdescriptors",
          "getwalletinfo");

  final NodeState state;
  final ChainState chain;
  final Mempool mempool;
  private final BlockchainRpc blockchain;
  private final MempoolRpc mempoolRpc;
  private final ChainControlRpc chainControl;

  RegtestNode(EmbeddedRegtestNode.Config config, Clock clock) {
    this.state = new NodeState(config, clock);
    this.chain = state.chain;
    this.mempool = state.mempool;
    this.blockchain = new BlockchainRpc(state);
    this.mempoolRpc = new MempoolRpc(state);
    this.chainControl = new ChainControlRpc(state);
  }

  /** Mines one block paying to {@code script} (tests that need blocks without an address). */
  ChainState.BlockIndex mine(byte[] script) throws RpcException {
    return chainControl.mine(script);
  }

  // ---------------------------------------------------------------- dispatch

  synchronized JsonNode call(String method, JsonNode rawParams, Optional<String> walletName)
      throws RpcException {
    if (!RpcParams.knows(method)) {
      throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found");
    }
    RpcParams p = RpcParams.of(method, rawParams);
    Wallet w = WALLET_METHODS.contains(method) ? state.wallet(walletName) : null;
    return switch (method) {
      case "getblockchaininfo" -> blockchain.getBlockchainInfo();
      case "getblockcount" -> F.numberNode(chain.height());
      case "getbestblockhash" -> F.textNode(chain.tip().hash);
      case "getblockhash" -> blockchain.getBlockHash(p);
      case "getblockheader" -> blockchain.getBlockHeader(p);
      case "getblock" -> blockchain.getBlock(p);
      case "getrawtransaction" -> blockchain.getRawTransaction(p);
      case "decoderawtransaction" ->
          TxJson.tx(chain, TxJson.decode(p.str(0)), 1, false, Optional.empty());
      case "gettxout" -> blockchain.getTxOut(p);
      case "gettxoutproof" -> blockchain.getTxOutProof(p);
      case "verifytxoutproof" -> blockchain.verifyTxOutProof(p);
      case "estimatesmartfee" -> blockchain.estimateSmartFee(p);
      case "testmempoolaccept" -> mempoolRpc.testMempoolAccept(p);
      case "sendrawtransaction" -> mempoolRpc.sendRawTransaction(p);
      case "getmempoolentry" -> mempoolRpc.getMempoolEntry(p);
      case "getrawmempool" -> mempoolRpc.getRawMempool(p);
      case "getmempoolinfo" -> mempoolRpc.getMempoolInfo();
      case "getnetworkinfo" -> mempoolRpc.getNetworkInfo();
      case "createwallet" -> createWallet(p);
      case "loadwallet" -> loadWallet(p);
      case "unloadwallet" -> unloadWallet(p, walletName);
      case "listwallets" -> listWallets();
      case "getwalletinfo" -> getWalletInfo(w);
      case "importdescriptors" -> importDescriptors(w, p);
      case "getnewaddress" -> getNewAddress(w, p, false);
      case "getrawchangeaddress" -> getNewAddress(w, p, true);
      case "getbalance" -> F.numberNode(Amounts.btc(balance(w, p.intOr(1, 0))));
      case "listunspent" -> listUnspent(w, p);
      case "listsinceblock" -> listSinceBlock(w, p);
      case "sendtoaddress" -> sendToAddress(w, p);
      case "generatetoaddress" -> chainControl.generateToAddress(p);
      case "invalidateblock" -> chainControl.invalidateBlock(p, true);
      case "reconsiderblock" -> chainControl.invalidateBlock(p, false);
      case "submitblock" -> chainControl.submitBlock(p);
      case "uptime" -> F.numberNode(state.now() - state.startedAt);
      case "stop" -> F.textNode("Bitcoin Core stopping"); // the server stops after replying
      case "help" -> F.textNode(String.join("\n", RpcParams.methods()));
      default -> throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found");
    };
  }

  // ---------------------------------------------------------------- wallets

  private JsonNode createWallet(RpcParams p) throws RpcException {
    String name = p.str(0);
    if (state.wallets.containsKey(name) || state.unloaded.containsKey(name)) {
      throw new RpcException(
          RpcException.WALLET_ERROR,
          "Wallet file verification failed. Failed to create database path '"
              + name
              + "'. Database already exists.");
    }
    if (!p.boolOr(5, true)) {
      throw new RpcException(
          RpcException.WALLET_ERROR,
          "Legacy wallets are not supported by this node (descriptors=false)");
    }
    if (p.has(3) && !p.str(3).isEmpty()) {
      throw new RpcException(
          RpcException.WALLET_ERROR, "Encrypted wallets are not supported by this node");
    }
    state.wallets.put(name, new Wallet(name, !p.boolOr(1, false), state.now()));
    ObjectNode o = F.objectNode();
    o.put("name", name);
    return o;
  }

  private JsonNode loadWallet(RpcParams p) throws RpcException {
    String name = p.str(0);
    if (state.wallets.containsKey(name)) {
      throw new RpcException(
          RpcException.WALLET_ALREADY_LOADED, "Wallet \"" + name + "\" is already loaded.");
    }
    Wallet w = state.unloaded.remove(name);
    if (w == null) {
      throw new RpcException(
          RpcException.WALLET_NOT_FOUND,
          "Wallet file verification failed. Failed to load database path 'wallets/"
              + name
              + "'. Path does not exist.");
    }
    state.wallets.put(name, w);
    ObjectNode o = F.objectNode();
    o.put("name", name);
    return o;
  }

  private JsonNode unloadWallet(RpcParams p, Optional<String> fromPath) throws RpcException {
    String name;
    if (p.has(0)) {
      name = p.str(0);
      if (fromPath.isPresent() && !fromPath.get().equals(name)) {
        throw new RpcException(
            RpcException.INVALID_PARAMETER,
            "RPC endpoint wallet and wallet_name parameter specify different wallets");
      }
    } else {
      name = state.wallet(fromPath).name;
    }
    Wallet w = state.wallets.remove(name);
    if (w == null) {
      throw new RpcException(
          RpcException.WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
    }
    state.unloaded.put(name, w);
    return F.objectNode();
  }

  private JsonNode listWallets() {
    ArrayNode a = F.arrayNode();
    state.wallets.keySet().forEach(a::add);
    return a;
  }

  private JsonNode getWalletInfo(Wallet w) {
    List<WalletCoin> coins = walletCoins(w);
    long trusted = 0;
    long untrusted = 0;
    long immature = 0;
    for (WalletCoin c : coins) {
      if (c.immature()) {
        immature += c.amount();
      } else if (c.trusted()) {
        trusted += c.amount();
      } else {
        untrusted += c.amount();
      }
    }
    ObjectNode o = F.objectNode();
    o.put("walletname", w.name);
    o.put("walletversion", 169900);
    o.put("format", "sqlite");
    o.put("balance", Amounts.btc(trusted));
    o.put("unconfirmed_balance", Amounts.btc(untrusted));
    o.put("immature_balance", Amounts.btc(immature));
    o.put("txcount", coins.size());
    o.put("keypoolsize", w.keyCount());
    o.put("paytxfee", Amounts.btc(0));
    o.put("private_keys_enabled", w.privateKeys);
    o.put("avoid_reuse", false);
    o.put("scanning", false);
    o.put("descriptors", true);
    o.put("external_signer", false);
    o.put("blank", false);
    o.put("birthtime", w.createdAt);
    ObjectNode last = o.putObject("lastprocessedblock");
    last.put("hash", chain.tip().hash);
    last.put("height", chain.height());
    return o;
  }

  private JsonNode importDescriptors(Wallet w, RpcParams p) throws RpcException {
    JsonNode reqs = p.array(0);
    ArrayNode out = F.arrayNode();
    for (JsonNode r : reqs) {
      ObjectNode res = out.addObject();
      try {
        importOne(w, r);
        res.put("success", true);
      } catch (RpcException e) {
        res.put("success", false);
        ObjectNode err = res.putObject("error");
        err.put("code", e.code());
        err.put("message", e.getMessage());
      }
    }
    return out;
  }

  private void importOne(Wallet w, JsonNode r) throws RpcException {
    if (!r.isObject() || !r.hasNonNull("desc")) {
      throw new RpcException(RpcException.TYPE_ERROR, "Descriptor not found.");
    }
    if (w.privateKeys) {
      throw new RpcException(
          RpcException.WALLET_ERROR,
          "Cannot import descriptor without private keys to a wallet with private keys enabled");
    }
    WalletDescriptor d = WalletDescriptor.parse(r.get("desc").asText());
    if (!r.has("timestamp")) {
      throw new RpcException(RpcException.TYPE_ERROR, "Missing required timestamp field for key");
    }
    boolean active = r.path("active").asBoolean(false);
    boolean internal = r.path("internal").asBoolean(false);
    int start = 0;
    int end = 999;
    JsonNode range = r.get("range");
    if (range != null && !range.isNull()) {
      if (!d.ranged()) {
        throw new RpcException(
            RpcException.INVALID_PARAMETER,
            "Range should not be specified for an un-ranged descriptor");
      }
      if (range.isArray() && range.size() == 2) {
        start = range.get(0).asInt();
        end = range.get(1).asInt();
      } else if (range.isNumber()) {
        end = range.asInt();
      } else {
        throw new RpcException(
            RpcException.INVALID_PARAMETER, "Range must be specified as end or as [begin,end]");
      }
      if (start < 0 || end < start || end >= (1 << 31) - 1) {
        throw new RpcException(
            RpcException.INVALID_PARAMETER,
            "Range specified as [begin,end] must not have begin after end");
      }
      if (end - start >= 1_000_000) {
        throw new RpcException(RpcException.INVALID_PARAMETER, "Range is too large");
      }
    }
    if (active && !d.ranged()) {
      throw new RpcException(RpcException.INVALID_PARAMETER, "Active descriptors must be ranged");
    }
    Optional<String> label = Optional.ofNullable(r.get("label")).map(JsonNode::asText);
    if (label.isPresent() && d.ranged()) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER, "Ranged descriptors should not have a label");
    }
    int next = r.has("next_index") ? r.get("next_index").asInt() : start;
    w.importDescriptor(new Wallet.Imported(d, active, internal, start, end, next), label);
  }

  private JsonNode getNewAddress(Wallet w, RpcParams p, boolean change) throws RpcException {
    int typeIndex = change ? 0 : 1;
    if (p.has(typeIndex) && !p.str(typeIndex).equals("bech32m")) {
      throw new RpcException(
          RpcException.WALLET_ERROR,
          "Error: only bech32m (Taproot) addresses are supported by the embedded regtest node");
    }
    if (w.privateKeys) {
      Optional<String> label = change || !p.has(0) ? Optional.of("") : Optional.of(p.str(0));
      return F.textNode(w.newKey(change, change ? Optional.empty() : label).address().get());
    }
    return F.textNode(
        w.nextFromActive(change)
            .orElseThrow(
                () ->
                    new RpcException(
                        RpcException.WALLET_ERROR, "Error: This wallet has no available keys")));
  }

  /** A coin of a wallet (confirmed or in the mempool), not spent by a mempool transaction. */
  record WalletCoin(
      OutPoint outPoint,
      TxOut out,
      Wallet.Owned owner,
      int confirmations,
      boolean coinbase,
      boolean trusted) {
    long amount() {
      return out.amount.getSat();
    }

    boolean immature() {
      return coinbase && confirmations < Consensus.COINBASE_MATURITY + 1;
    }
  }

  private List<WalletCoin> walletCoins(Wallet w) {
    List<WalletCoin> out = new ArrayList<>();
    for (Map.Entry<OutPoint, Coin> e : chain.utxoView().entrySet()) {
      byte[] spk = e.getValue().out().publicKeyScript.toByteArray();
      Optional<Wallet.Owned> owner = w.owned(spk);
      if (owner.isPresent() && mempool.spender(e.getKey()).isEmpty()) {
        Coin c = e.getValue();
        out.add(
            new WalletCoin(
                e.getKey(),
                c.out(),
                owner.get(),
                chain.height() - c.height() + 1,
                c.coinbase(),
                true));
      }
    }
    for (Mempool.Entry e : mempool.entries()) {
      boolean fromMe =
          e.coins().stream().allMatch(c -> w.isMine(c.out().publicKeyScript.toByteArray()));
      for (int o = 0; o < e.tx().txOut.size(); o++) {
        TxOut txo = e.tx().txOut.get(o);
        Optional<Wallet.Owned> owner = w.owned(txo.publicKeyScript.toByteArray());
        OutPoint op = new OutPoint(e.tx(), o);
        if (owner.isPresent() && mempool.spender(op).isEmpty()) {
          out.add(new WalletCoin(op, txo, owner.get(), 0, false, fromMe));
        }
      }
    }
    out.sort(
        Comparator.comparingInt((WalletCoin c) -> -c.confirmations())
            .thenComparing(c -> c.outPoint().txid.toString())
            .thenComparingLong(c -> c.outPoint().index));
    return out;
  }

  private long balance(Wallet w, int minconf) {
    long sum = 0;
    for (WalletCoin c : walletCoins(w)) {
      if (!c.immature() && c.trusted() && c.confirmations() >= minconf) {
        sum += c.amount();
      }
    }
    return sum;
  }

  private JsonNode listUnspent(Wallet w, RpcParams p) throws RpcException {
    int minconf = p.intOr(0, 1);
    int maxconf = p.intOr(1, 9_999_999);
    Set<String> addresses = new LinkedHashSet<>();
    JsonNode a = p.get(2);
    if (a != null) {
      for (JsonNode x : a) {
        try {
          ScriptInfo.scriptForAddress(x.asText());
        } catch (IllegalArgumentException e) {
          throw new RpcException(
              RpcException.INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + x.asText());
        }
        if (!addresses.add(x.asText())) {
          throw new RpcException(
              RpcException.INVALID_PARAMETER,
              "Invalid parameter, duplicated address: " + x.asText());
        }
      }
    }
    boolean includeUnsafe = p.boolOr(3, true);
    ArrayNode out = F.arrayNode();
    for (WalletCoin c : walletCoins(w)) {
      if (c.immature() || c.confirmations() < minconf || c.confirmations() > maxconf) {
        continue;
      }
      if (!c.trusted() && !includeUnsafe) {
        continue;
      }
      Optional<String> addr = c.owner().address();
      if (!addresses.isEmpty() && (addr.isEmpty() || !addresses.contains(addr.get()))) {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("txid", c.outPoint().txid.toString());
      o.put("vout", c.outPoint().index);
      addr.ifPresent(x -> o.put("address", x));
      c.owner().label().ifPresent(l -> o.put("label", l));
      o.put("scriptPubKey", c.out().publicKeyScript.toHex());
      o.put("amount", Amounts.btc(c.amount()));
      o.put("confirmations", c.confirmations());
      if (c.confirmations() == 0) {
        Mempool.Entry e = mempool.get(c.outPoint().txid).get();
        Set<TxId> anc = mempool.ancestors(e.parents());
        Mempool.Totals ancestors = mempool.totals(e, anc);
        o.put("ancestorcount", anc.size() + 1);
        o.put("ancestorsize", ancestors.vsize());
        o.put("ancestorfees", ancestors.fee());
      }
      o.put("spendable", true); // Core 30+: deprecated, always true
      o.put("solvable", true);
      o.put("desc", c.owner().desc());
      ArrayNode parents = o.putArray("parent_descs");
      c.owner().parentDesc().ifPresent(parents::add);
      o.put("safe", c.trusted());
    }
    return out;
  }

  private JsonNode listSinceBlock(Wallet w, RpcParams p) throws RpcException {
    ChainState.BlockIndex since = null;
    if (p.has(0) && !p.str(0).isEmpty()) {
      since = state.block(p.str(0));
    }
    int target = p.intOr(1, 1);
    if (target < 1) {
      throw new RpcException(RpcException.INVALID_PARAMETER, "Invalid parameter");
    }
    boolean includeRemoved = p.boolOr(3, true);
    boolean includeChange = p.boolOr(4, false);
    Optional<String> labelFilter = p.has(5) ? Optional.of(p.str(5)) : Optional.empty();
    ArrayNode txs = F.arrayNode();
    ArrayNode removed = F.arrayNode();
    int fromHeight = 0;
    if (since != null) {
      ChainState.BlockIndex fork = since;
      while (!chain.isActive(fork)) {
        if (includeRemoved) {
          for (int i = 0; i < fork.block.tx.size(); i++) {
            walletEntries(
                w, fork.block.tx.get(i), Optional.of(fork), i, includeChange, labelFilter, removed);
          }
        }
        fork = fork.prev;
      }
      fromHeight = fork.height + 1;
    }
    for (int h = fromHeight; h <= chain.height(); h++) {
      ChainState.BlockIndex b = chain.atHeight(h).get();
      for (int i = 0; i < b.block.tx.size(); i++) {
        walletEntries(w, b.block.tx.get(i), Optional.of(b), i, includeChange, labelFilter, txs);
      }
    }
    for (Mempool.Entry e : mempool.entries()) {
      walletEntries(w, e.tx(), Optional.empty(), 0, includeChange, labelFilter, txs);
    }
    ObjectNode o = F.objectNode();
    o.set("transactions", txs);
    if (includeRemoved) {
      o.set("removed", removed);
    }
    o.put("lastblock", chain.atHeight(Math.max(0, chain.height() + 1 - target)).get().hash);
    return o;
  }

  /** Core's {@code ListTransactions} entries (send and receive) for one transaction. */
  private void walletEntries(
      Wallet w,
      Transaction tx,
      Optional<ChainState.BlockIndex> block,
      int position,
      boolean includeChange,
      Optional<String> labelFilter,
      ArrayNode out) {
    long debit = 0;
    boolean allFromMe = !tx.isCoinbase();
    if (!tx.isCoinbase()) {
      Optional<List<Coin>> prevouts =
          block.isPresent()
              ? state.prevoutsInBlock(block.get(), position)
              : mempool.get(tx.txid).map(Mempool.Entry::coins);
      if (prevouts.isEmpty()) {
        prevouts = state.lookupPrevouts(tx);
      }
      if (prevouts.isPresent()) {
        for (Coin c : prevouts.get()) {
          if (w.isMine(c.out().publicKeyScript.toByteArray())) {
            debit += c.out().amount.getSat();
          } else {
            allFromMe = false;
          }
        }
      } else {
        allFromMe = false;
      }
    }
    int confirmations = block.map(b -> chain.isActive(b) ? chain.confirmations(b) : 0).orElse(0);
    long fee = debit > 0 ? debit - Consensus.valueOut(tx) : 0;
    if (debit > 0 && labelFilter.isEmpty()) {
      for (int n = 0; n < tx.txOut.size(); n++) {
        TxOut txo = tx.txOut.get(n);
        Optional<Wallet.Owned> owner = w.owned(txo.publicKeyScript.toByteArray());
        if (owner.isPresent() && owner.get().internal() && !includeChange) {
          continue;
        }
        ObjectNode o = out.addObject();
        ScriptInfo.of(txo.publicKeyScript.toByteArray())
            .address()
            .ifPresent(a -> o.put("address", a));
        o.put("category", "send");
        o.put("amount", Amounts.btc(-txo.amount.getSat()));
        o.put("vout", n);
        o.put("fee", Amounts.btc(allFromMe ? -fee : 0));
        o.put("abandoned", false);
        txCommon(o, tx, block, position, confirmations);
      }
    }
    for (int n = 0; n < tx.txOut.size(); n++) {
      TxOut txo = tx.txOut.get(n);
      Optional<Wallet.Owned> owner = w.owned(txo.publicKeyScript.toByteArray());
      if (owner.isEmpty() || (owner.get().internal() && debit > 0 && !includeChange)) {
        continue;
      }
      if (labelFilter.isPresent() && !owner.get().label().equals(labelFilter)) {
        continue;
      }
      ObjectNode o = out.addObject();
      owner.get().address().ifPresent(a -> o.put("address", a));
      ArrayNode parents = o.putArray("parent_descs");
      owner.get().parentDesc().ifPresent(parents::add);
      String category = "receive";
      if (tx.isCoinbase()) {
        category =
            confirmations < 1
                ? "orphan"
                : confirmations < Consensus.COINBASE_MATURITY + 1 ? "immature" : "generate";
      }
      o.put("category", category);
      o.put("amount", Amounts.btc(txo.amount.getSat()));
      owner.get().label().ifPresent(l -> o.put("label", l));
      o.put("vout", n);
      o.put("abandoned", false);
      txCommon(o, tx, block, position, confirmations);
    }
  }

  private void txCommon(
      ObjectNode o,
      Transaction tx,
      Optional<ChainState.BlockIndex> block,
      int position,
      int confirmations) {
    o.put("confirmations", confirmations);
    if (tx.isCoinbase()) {
      o.put("generated", true);
    }
    if (block.isPresent() && confirmations > 0) {
      ChainState.BlockIndex b = block.get();
      o.put("blockhash", b.hash);
      o.put("blockheight", b.height);
      o.put("blockindex", position);
      o.put("blocktime", b.header().time);
    } else {
      Optional<Mempool.Entry> e = mempool.get(tx.txid);
      o.put("trusted", e.isPresent());
    }
    o.put("txid", tx.txid.toString());
    o.put("wtxid", Consensus.wtxid(tx));
    o.putArray("alternate_wtxids");
    o.putArray("walletconflicts");
    o.putArray("mempoolconflicts");
    long t =
        state.firstSeen.getOrDefault(tx.txid, block.map(b -> b.header().time).orElse(state.now()));
    o.put("time", t);
    o.put("timereceived", t);
  }

  private JsonNode sendToAddress(Wallet w, RpcParams p) throws RpcException {
    if (!w.privateKeys) {
      throw new RpcException(
          RpcException.WALLET_ERROR, "Error: Private keys are disabled for this wallet");
    }
    byte[] dest;
    try {
      dest = ScriptInfo.scriptForAddress(p.str(0));
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, e.getMessage());
    }
    long amount = Amounts.parseBtc(p.get(1));
    if (amount <= 0) {
      throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount for send");
    }
    boolean subtractFee = p.boolOr(4, false);
    boolean replaceable = p.boolOr(5, true);
    long feeRate; // sat/vB * 1000 = sat/kvB
    if (p.has(9)) {
      BigDecimal satPerVb = p.get(9).decimalValue();
      feeRate = satPerVb.movePointRight(3).longValue();
    } else {
      feeRate = state.config.walletFeeSatPerKvB();
    }
    if (feeRate < mempool.minRelayFee) {
      throw new RpcException(
          RpcException.WALLET_ERROR,
          "Fee rate ("
              + Amounts.feeRate(feeRate)
              + ") is lower than the minimum fee rate setting ("
              + Amounts.feeRate(mempool.minRelayFee)
              + ")");
    }
    List<WalletCoin> available = new ArrayList<>();
    for (WalletCoin c : walletCoins(w)) {
      if (!c.immature() && c.trusted() && c.owner().secret().isPresent()) {
        available.add(c);
      }
    }
    available.sort(Comparator.comparingLong(WalletCoin::amount).reversed());
    long sequence = replaceable ? Consensus.MAX_BIP125_RBF_SEQUENCE : 0xfffffffeL;
    Wallet.Owned change = null;
    List<WalletCoin> selected = new ArrayList<>();
    long selectedSum = 0;
    for (WalletCoin c : available) {
      selected.add(c);
      selectedSum += c.amount();
      Transaction draft = draft(selected, dest, amount, 1000, dest, sequence);
      long fee = Amounts.feeFor(feeRate, Consensus.vsize(draft));
      if (selectedSum >= (subtractFee ? amount : amount + fee)) {
        break;
      }
    }
    byte[] changeScript = new byte[34];
    Transaction twoOut = draft(selected, dest, amount, 1000, changeScript, sequence);
    long fee = Amounts.feeFor(feeRate, Consensus.vsize(twoOut));
    long send = subtractFee ? amount - fee : amount;
    long changeValue = selectedSum - send - fee;
    if (selected.isEmpty() || changeValue < 0 || send <= 0) {
      throw new RpcException(RpcException.WALLET_INSUFFICIENT_FUNDS, "Insufficient funds");
    }
    Transaction tx;
    if (changeValue >= Consensus.dustThreshold(changeScript)) {
      change = w.newKey(true, Optional.empty());
      tx = draft(selected, dest, send, changeValue, change.spk(), sequence);
    } else {
      Transaction oneOut = draft(selected, dest, amount, -1, null, sequence);
      long fee1 = Amounts.feeFor(feeRate, Consensus.vsize(oneOut));
      send = subtractFee ? selectedSum - fee1 : send;
      tx = draft(selected, dest, send, -1, null, sequence);
    }
    if (Consensus.isDust(new TxOut(new Satoshi(send), dest))) {
      throw new RpcException(RpcException.WALLET_ERROR, "Transaction amount too small");
    }
    List<TxOut> spent = new ArrayList<>();
    selected.forEach(c -> spent.add(c.out()));
    for (int i = 0; i < selected.size(); i++) {
      tx = RegtestSigning.signKeyPath(tx, i, spent, selected.get(i).owner().secret().get());
    }
    Mempool.Result r = mempool.accept(tx, chain, false, false, state.now());
    if (!r.accepted()) {
      throw new RpcException(
          RpcException.WALLET_ERROR, "Transaction rejected: " + r.reject().get());
    }
    state.remember(tx);
    state.unbroadcast.add(tx.txid);
    if (p.boolOr(10, false)) {
      ObjectNode o = F.objectNode();
      o.put("txid", tx.txid.toString());
      o.put("fee_reason", p.has(9) ? "Fee rate set by user" : "Fallback fee");
      return o;
    }
    return F.textNode(tx.txid.toString());
  }

  /** An unsigned (dummy-witness) spend, so its weight equals the signed one's. */
  private Transaction draft(
      List<WalletCoin> inputs,
      byte[] dest,
      long amount,
      long change,
      byte[] changeScript,
      long sequence) {
    List<TxIn> ins = new ArrayList<>();
    for (WalletCoin c : inputs) {
      ins.add(
          new TxIn(
              c.outPoint(),
              ByteVector.empty,
              sequence,
              new ScriptWitness(List.of(new ByteVector(new byte[64])))));
    }
    List<TxOut> outs = new ArrayList<>();
    outs.add(new TxOut(new Satoshi(amount), dest));
    if (change >= 0) {
      outs.add(new TxOut(new Satoshi(change), changeScript));
    }
    // Anti fee sniping, as Core's wallet: lock time at the tip height.
    return new Transaction(2, ins, outs, chain.height());
  }
}
