package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.bitcoin.spv.MerkleProof;
import dev.frostgate.bitcoin.spv.SpvException;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Core's blockchain and raw-transaction reads: chain info, blocks and headers, transactions and
 * coins, txout proofs, and the fee estimate (which comes from the configuration: no fee history
 * exists on a private regtest chain).
 */
final class BlockchainRpc {
  // Regtest's minimum difficulty and its target: every block has them (regtest never retargets).
  private static final double DIFFICULTY = 4.656542373906925e-10;
  private static final String TARGET = "7fffff" + "0".repeat(58);
  private static final HexFormat HEX = HexFormat.of();

  private final NodeState state;

  BlockchainRpc(NodeState state) {
    this.state = state;
  }

  ObjectNode getBlockchainInfo() {
    ChainState.BlockIndex tip = state.chain.tip();
    ObjectNode o = F.objectNode();
    o.put("chain", "regtest");
    o.put("blocks", tip.height);
    o.put("headers", tip.height);
    o.put("bestblockhash", tip.hash);
    o.put("bits", String.format("%08x", tip.header().bits));
    o.put("target", TARGET);
    o.put("difficulty", DIFFICULTY);
    o.put("time", tip.header().time);
    o.put("mediantime", ChainState.medianTimePast(tip));
    o.put("verificationprogress", 1);
    o.put("initialblockdownload", false);
    o.put("chainwork", String.format("%064x", tip.chainWork()));
    o.put("size_on_disk", 0);
    o.put("pruned", false);
    o.putArray("warnings");
    return o;
  }

  JsonNode getBlockHash(RpcParams p) throws RpcErrorReply {
    int h = p.integer(0);
    return F.textNode(
        state
            .chain
            .atHeight(h)
            .orElseThrow(
                () ->
                    new RpcErrorReply(
                        RpcErrorCode.RPC_INVALID_PARAMETER, "Block height out of range"))
            .hash);
  }

  JsonNode getBlockHeader(RpcParams p) throws RpcErrorReply {
    ChainState.BlockIndex b = state.block(p.str(0));
    if (!p.boolOr(1, true)) {
      return F.textNode(HEX.formatHex(BlockHeader.write(b.header())));
    }
    return headerJson(b);
  }

  private ObjectNode headerJson(ChainState.BlockIndex b) {
    BlockHeader h = b.header();
    ObjectNode o = F.objectNode();
    o.put("hash", b.hash);
    o.put("confirmations", state.chain.confirmations(b));
    o.put("height", b.height);
    o.put("version", h.version);
    o.put("versionHex", String.format("%08x", h.version));
    o.put("merkleroot", h.hashMerkleRoot.reversed().toHex());
    o.put("time", h.time);
    o.put("mediantime", ChainState.medianTimePast(b));
    o.put("nonce", h.nonce);
    o.put("bits", String.format("%08x", h.bits));
    o.put("target", TARGET);
    o.put("difficulty", DIFFICULTY);
    o.put("chainwork", String.format("%064x", b.chainWork()));
    o.put("nTx", b.block.tx.size());
    if (b.prev != null) {
      o.put("previousblockhash", b.prev.hash);
    }
    state.chain.next(b).ifPresent(n -> o.put("nextblockhash", n.hash));
    return o;
  }

  JsonNode getBlock(RpcParams p) throws RpcErrorReply {
    ChainState.BlockIndex b = state.block(p.str(0));
    JsonNode v = p.get(1);
    int verbosity = v == null ? 1 : v.isBoolean() ? (v.asBoolean() ? 1 : 0) : p.integer(1);
    if (verbosity <= 0) {
      return F.textNode(HEX.formatHex(Block.write(b.block)));
    }
    ObjectNode o = headerJson(b);
    int stripped = 80 + compactSizeLen(b.block.tx.size());
    int size = Block.write(b.block).length;
    for (Transaction tx : b.block.tx) {
      stripped += tx.baseSize();
    }
    o.put("strippedsize", stripped);
    o.put("size", size);
    o.put("weight", stripped * 3 + size);
    ArrayNode txs = o.putArray("tx");
    for (int i = 0; i < b.block.tx.size(); i++) {
      Transaction tx = b.block.tx.get(i);
      if (verbosity == 1) {
        txs.add(tx.txid.toString());
      } else {
        txs.add(TxJson.tx(state.chain, tx, verbosity, true, state.prevoutsInBlock(b, i)));
      }
    }
    return o;
  }

  private static int compactSizeLen(long n) {
    return n < 0xfd ? 1 : n <= 0xffff ? 3 : 5;
  }

  JsonNode getRawTransaction(RpcParams p) throws RpcErrorReply {
    TxId id = RpcParams.txid(p.str(0), "parameter 1");
    JsonNode v = p.get(1);
    int verbosity = v == null ? 0 : v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asInt();
    Transaction tx = null;
    ChainState.BlockIndex in = null;
    Optional<Mempool.Entry> me = Optional.empty();
    if (p.has(2)) {
      in = state.block(p.str(2));
      for (Transaction t : in.block.tx) {
        if (t.txid.equals(id)) {
          tx = t;
        }
      }
      if (tx == null) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
            "No such transaction found in the provided block. Use gettransaction for wallet"
                + " transactions.");
      }
    } else {
      me = state.mempool.get(id);
      if (me.isPresent()) {
        tx = me.get().tx();
      } else {
        Optional<ChainState.TxLocation> loc = state.chain.findTx(id);
        if (loc.isPresent()) {
          in = loc.get().block();
          tx = in.block.tx.get(loc.get().position());
        }
      }
    }
    if (tx == null) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
          "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.");
    }
    if (verbosity <= 0) {
      return F.textNode(HEX.formatHex(Transaction.write(tx)));
    }
    Optional<List<Coin>> prevouts = Optional.empty();
    if (verbosity >= 2 && !tx.isCoinbase()) {
      if (me.isPresent()) {
        prevouts = Optional.of(me.get().coins());
      } else if (in != null) {
        int pos = in.block.tx.indexOf(tx);
        prevouts = state.prevoutsInBlock(in, pos);
      }
    }
    ObjectNode o = F.objectNode();
    if (p.has(2)) {
      o.put("in_active_chain", state.chain.isActive(in));
    }
    o.setAll(TxJson.tx(state.chain, tx, verbosity, true, prevouts));
    if (in != null) {
      o.put("blockhash", in.hash);
      if (state.chain.isActive(in)) {
        o.put("confirmations", state.chain.confirmations(in));
        o.put("time", in.header().time);
        o.put("blocktime", in.header().time);
      } else {
        o.put("confirmations", 0);
      }
    }
    return o;
  }

  JsonNode getTxOut(RpcParams p) throws RpcErrorReply {
    TxId id = RpcParams.txid(p.str(0), "txid");
    int n = p.integer(1);
    boolean includeMempool = p.boolOr(2, true);
    OutPoint op = new OutPoint(id, n);
    Optional<Coin> coin;
    if (includeMempool) {
      if (state.mempool.spender(op).isPresent()) {
        return NullNode.getInstance();
      }
      coin = state.mempool.coin(op).or(() -> state.chain.coin(op));
    } else {
      coin = state.chain.coin(op);
    }
    if (coin.isEmpty()) {
      return NullNode.getInstance();
    }
    Coin c = coin.get();
    ObjectNode o = F.objectNode();
    o.put("bestblock", state.chain.tip().hash);
    o.put(
        "confirmations",
        c.height() == Coin.MEMPOOL_HEIGHT ? 0 : state.chain.height() - c.height() + 1);
    o.put("value", Amounts.satToBtc(c.out().amount.getSat()));
    o.set("scriptPubKey", TxJson.script(c.out().publicKeyScript.toByteArray()));
    o.put("coinbase", c.coinbase());
    return o;
  }

  JsonNode getTxOutProof(RpcParams p) throws RpcErrorReply {
    JsonNode ids = p.array(0);
    Set<TxId> wanted = new LinkedHashSet<>();
    for (JsonNode j : ids) {
      TxId t = RpcParams.txid(j.asText(), "txid");
      if (!wanted.add(t)) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_PARAMETER,
            "Invalid parameter, duplicated txid: " + j.asText());
      }
    }
    if (wanted.isEmpty()) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid parameter, empty txids");
    }
    ChainState.BlockIndex b;
    if (p.has(1)) {
      b = state.block(p.str(1));
    } else {
      TxId first = wanted.iterator().next();
      b =
          state
              .chain
              .findTx(first)
              .orElseThrow(
                  () ->
                      new RpcErrorReply(
                          RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Transaction not yet in block"))
              .block();
    }
    List<TxId> txids = new ArrayList<>(b.block.tx.size());
    Set<TxId> matches = new LinkedHashSet<>();
    for (Transaction tx : b.block.tx) {
      txids.add(tx.txid);
      if (wanted.contains(tx.txid)) {
        matches.add(tx.txid);
      }
    }
    if (matches.size() != wanted.size()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY,
          "Not all transactions found in specified or retrieved block");
    }
    return F.textNode(HEX.formatHex(MerkleProof.build(b.header(), txids, matches)));
  }

  /**
   * Core's {@code verifytxoutproof}: a proof that does not decode is a deserialization error; one
   * whose partial merkle tree breaks a rule of {@code CPartialMerkleTree::ExtractMatches} (among
   * them more transactions than a block can hold) or does not hash to its header's root proves
   * nothing, so the answer is empty, as Core's; only then must the block be in the active chain.
   */
  JsonNode verifyTxOutProof(RpcParams p) throws RpcErrorReply {
    String hex = p.str(0);
    MerkleProof proof;
    try {
      proof = MerkleProof.parseHex(hex);
    } catch (SpvException e) {
      if (!isDecodingFailure(e.reason())) {
        return F.arrayNode();
      }
      throw new RpcErrorReply(
          RpcErrorCode.RPC_DESERIALIZATION_ERROR, "Proof decode failed: " + e.getMessage());
    }
    MerkleProof.Verified verified;
    try {
      verified = proof.verify();
    } catch (SpvException e) {
      return F.arrayNode();
    }
    Optional<ChainState.BlockIndex> b = state.chain.byHash(verified.header().blockId.toString());
    if (b.isEmpty() || !state.chain.isActive(b.get())) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Block not found in chain");
    }
    ArrayNode out = F.arrayNode();
    verified.txids().forEach(t -> out.add(t.toString()));
    return out;
  }

  /**
   * The bytes are not a merkle block at all (Core's stream read fails), as opposed to a bad tree.
   */
  private static boolean isDecodingFailure(SpvException.Reason reason) {
    return switch (reason) {
      case TRUNCATED, TRAILING_DATA, NON_CANONICAL_VARINT, INVALID_HEADER -> true;
      default -> false;
    };
  }

  JsonNode estimateSmartFee(RpcParams p) throws RpcErrorReply {
    int target = p.integer(0);
    if (target < 1 || target > 1008) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_PARAMETER, "Invalid conf_target, must be between 1 and 1008");
    }
    if (p.has(1)) {
      String mode = p.str(1).toLowerCase(Locale.ROOT);
      if (!Set.of("unset", "economical", "conservative").contains(mode)) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_PARAMETER,
            "Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\","
                + " \"conservative\"");
      }
    }
    ObjectNode o = F.objectNode();
    if (state.config.smartFeeSatPerKvB().isPresent()) {
      long rate = Math.max(state.config.smartFeeSatPerKvB().get(), state.mempool.minRelayFee);
      o.put("feerate", Amounts.satToBtc(rate));
      o.put("blocks", Math.max(2, target));
    } else {
      o.putArray("errors").add("Insufficient data or no feerate found");
      o.put("blocks", 0);
    }
    return o;
  }
}
