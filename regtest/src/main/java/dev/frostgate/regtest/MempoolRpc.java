package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.Set;

/**
 * Core's mempool and relay RPCs: test and submit raw transactions (with Core's max fee rate and max
 * burn checks and its error mapping), mempool entries and totals, and the network info that carries
 * the relay fees.
 */
final class MempoolRpc {
  private static final long DEFAULT_MAX_FEE_RATE = 10_000_000; // 0.10 BTC/kvB in sat/kvB

  private final NodeState state;

  MempoolRpc(NodeState state) {
    this.state = state;
  }

  private long maxFeeRate(RpcParams p, int i) throws RpcErrorReply {
    return p.has(i) ? p.amount(i) : DEFAULT_MAX_FEE_RATE;
  }

  JsonNode testMempoolAccept(RpcParams p) throws RpcErrorReply {
    JsonNode raw = p.array(0);
    if (raw.size() < 1 || raw.size() > 25) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_PARAMETER, "Array must contain between 1 and 25 transactions.");
    }
    long maxRate = maxFeeRate(p, 1);
    ArrayNode out = F.arrayNode();
    for (JsonNode h : raw) {
      Transaction tx = TxJson.decode(h.asText());
      ObjectNode o = out.addObject();
      o.put("txid", tx.txid.toString());
      o.put("wtxid", Consensus.wtxid(tx));
      Mempool.Result r = state.mempool.accept(tx, state.chain, true, false, state.now());
      if (r.accepted()
          && maxRate != 0
          && r.fee() > FeeRate.ofSatPerKvb(maxRate).feeFor(r.vsize())) {
        o.put("allowed", false);
        o.put("reject-reason", "max-fee-exceeded");
      } else if (r.accepted()) {
        o.put("allowed", true);
        o.put("vsize_adjusted", r.vsize());
        o.put("vsize", r.vsize());
        o.put("vsize_bip141", r.vsize());
        ObjectNode fees = o.putObject("fees");
        fees.put("base", Amounts.satToBtc(r.fee()));
        fees.put("effective-feerate", Amounts.satToBtc(r.fee() * 1000 / r.vsize()));
        fees.putArray("effective-includes").add(Consensus.wtxid(tx));
      } else {
        o.put("allowed", false);
        Reject rej = r.reject().get();
        if (rej.kind() == Reject.Kind.MISSING_INPUTS) {
          o.put("reject-reason", "missing-inputs");
        } else {
          // Core 29+: the short reason, and what sendrawtransaction would answer.
          o.put("reject-reason", rej.reason());
          o.put("reject-details", rej.toString());
        }
      }
    }
    return out;
  }

  JsonNode sendRawTransaction(RpcParams p) throws RpcErrorReply {
    Transaction tx = TxJson.decode(p.str(0));
    long maxRate = maxFeeRate(p, 1);
    long maxBurn = p.has(2) ? p.amount(2) : 0;
    for (TxOut out : tx.txOut) {
      if (ScriptInfo.isUnspendable(out.publicKeyScript.toByteArray())
          && out.amount.getSat() > maxBurn) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_VERIFY_ERROR,
            "Unspendable output exceeds maximum configured by user (maxburnamount)");
      }
    }
    return F.textNode(broadcast(tx, maxRate).toString());
  }

  /** Core's {@code BroadcastTransaction} error mapping. */
  private TxId broadcast(Transaction tx, long maxRate) throws RpcErrorReply {
    for (int o = 0; o < tx.txOut.size(); o++) {
      if (state.chain.coin(new OutPoint(tx, o)).isPresent()) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_VERIFY_ALREADY_IN_CHAIN, "Transaction outputs already in utxo set");
      }
    }
    if (state.mempool.get(tx.txid).isPresent()) {
      return tx.txid;
    }
    if (maxRate != 0) {
      Mempool.Result test = state.mempool.accept(tx, state.chain, true, false, state.now());
      if (test.accepted() && test.fee() > FeeRate.ofSatPerKvb(maxRate).feeFor(test.vsize())) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_VERIFY_ERROR,
            "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
      }
      rejectIfFailed(test);
    }
    Mempool.Result r = state.mempool.accept(tx, state.chain, false, false, state.now());
    rejectIfFailed(r);
    state.submitted(tx);
    return tx.txid;
  }

  private static void rejectIfFailed(Mempool.Result r) throws RpcErrorReply {
    if (r.accepted()) {
      return;
    }
    Reject rej = r.reject().get();
    if (rej.kind() == Reject.Kind.MISSING_INPUTS) {
      throw new RpcErrorReply(RpcErrorCode.RPC_VERIFY_ERROR, rej.reason());
    }
    throw new RpcErrorReply(RpcErrorCode.RPC_VERIFY_REJECTED, rej.toString());
  }

  private ObjectNode entryJson(Mempool.Entry e) {
    Set<TxId> desc = state.mempool.descendants(e.txid());
    Set<TxId> anc = state.mempool.ancestors(e.parents());
    Mempool.Totals descTotals = state.mempool.totals(e, desc);
    Mempool.Totals ancTotals = state.mempool.totals(e, anc);
    ObjectNode o = F.objectNode();
    // Core 30+: "vsize" is deprecated (sigop-adjusted); no sigop-heavy scripts here, so all agree.
    o.put("vsize_adjusted", e.vsize());
    o.put("vsize", e.vsize());
    o.put("vsize_bip141", e.vsize());
    o.put("weight", e.weight());
    o.put("time", e.time());
    o.put("height", e.height());
    o.put("descendantcount", desc.size() + 1);
    o.put("descendantsize", descTotals.vsize());
    o.put("ancestorcount", anc.size() + 1);
    o.put("ancestorsize", ancTotals.vsize());
    // The chunk as Core would linearize: the transaction with its ancestors when they pay less.
    Mempool.Chunk chunk = state.mempool.chunkOf(e);
    o.put("chunkweight", chunk.weight());
    o.put("wtxid", e.wtxid());
    ObjectNode fees = o.putObject("fees");
    fees.put("base", Amounts.satToBtc(e.fee()));
    fees.put("modified", Amounts.satToBtc(e.fee()));
    fees.put("ancestor", Amounts.satToBtc(ancTotals.fee()));
    fees.put("descendant", Amounts.satToBtc(descTotals.fee()));
    fees.put("chunk", Amounts.satToBtc(chunk.fee()));
    ArrayNode depends = o.putArray("depends");
    e.parents().forEach(t -> depends.add(t.toString()));
    ArrayNode spentBy = o.putArray("spentby");
    state.mempool.children(e.txid()).forEach(t -> spentBy.add(t.toString()));
    // Core 29+ replaces by fee whatever the signal and no longer reports bip125-replaceable.
    o.put("unbroadcast", state.isUnbroadcast(e.txid()));
    return o;
  }

  JsonNode getMempoolEntry(RpcParams p) throws RpcErrorReply {
    TxId id = RpcParams.txid(p.str(0), "txid");
    return entryJson(
        state
            .mempool
            .get(id)
            .orElseThrow(
                () ->
                    new RpcErrorReply(
                        RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Transaction not in mempool")));
  }

  JsonNode getRawMempool(RpcParams p) throws RpcErrorReply {
    boolean verbose = p.boolOr(0, false);
    if (verbose) {
      ObjectNode o = F.objectNode();
      for (Mempool.Entry e : state.mempool.entries()) {
        o.set(e.txid().toString(), entryJson(e));
      }
      return o;
    }
    ArrayNode a = F.arrayNode();
    state.mempool.entries().forEach(e -> a.add(e.txid().toString()));
    if (p.boolOr(1, false)) {
      ObjectNode o = F.objectNode();
      o.set("txids", a);
      o.put("mempool_sequence", 1);
      return o;
    }
    return a;
  }

  JsonNode getMempoolInfo() {
    long bytes = 0;
    long fees = 0;
    for (Mempool.Entry e : state.mempool.entries()) {
      bytes += e.vsize();
      fees += e.fee();
    }
    ObjectNode o = F.objectNode();
    o.put("loaded", true);
    o.put("size", state.mempool.size());
    o.put("bytes", bytes);
    o.put("usage", bytes * 4);
    o.put("total_fee", Amounts.satToBtc(fees));
    o.put("maxmempool", 300_000_000);
    o.put("mempoolminfee", Amounts.satToBtc(state.mempool.minRelayFee));
    o.put("minrelaytxfee", Amounts.satToBtc(state.mempool.minRelayFee));
    o.put("incrementalrelayfee", Amounts.satToBtc(state.mempool.incrementalRelayFee));
    o.put(
        "unbroadcastcount",
        state.mempool.entries().stream().filter(e -> state.isUnbroadcast(e.txid())).count());
    o.put("permitbaremultisig", true);
    o.put("maxdatacarriersize", Consensus.MAX_DATACARRIER_BYTES);
    o.put("limitclustercount", Mempool.CLUSTER_COUNT_LIMIT);
    o.put("limitclustersize", Mempool.CLUSTER_SIZE_LIMIT);
    o.put("optimal", true);
    return o;
  }

  JsonNode getNetworkInfo() {
    ObjectNode o = F.objectNode();
    o.put("version", 310000);
    o.put("subversion", "/Satoshi:31.0.0(frostgate-embedded)/");
    o.put("protocolversion", 70017);
    o.put("localservices", "0000000000000c09");
    ArrayNode names = o.putArray("localservicesnames");
    names.add("NETWORK").add("WITNESS").add("NETWORK_LIMITED").add("P2P_V2");
    o.put("localrelay", true);
    o.put("timeoffset", 0);
    o.put("networkactive", true);
    o.put("connections", 0);
    o.put("connections_in", 0);
    o.put("connections_out", 0);
    ArrayNode networks = o.putArray("networks");
    for (String net : List.of("ipv4", "ipv6", "onion", "i2p", "cjdns")) {
      boolean reachable = net.startsWith("ipv");
      ObjectNode n = networks.addObject();
      n.put("name", net);
      n.put("limited", !reachable);
      n.put("reachable", reachable);
      n.put("proxy", "");
      n.put("proxy_randomize_credentials", false);
    }
    o.put("relayfee", Amounts.satToBtc(state.mempool.minRelayFee));
    o.put("incrementalfee", Amounts.satToBtc(state.mempool.incrementalRelayFee));
    o.putArray("localaddresses");
    o.putArray("warnings");
    return o;
  }
}
