package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.MerkleTree;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The RPCs that change the chain: mining ({@code generatetoaddress}), {@code invalidateblock} and
 * {@code reconsiderblock}, and {@code submitblock}; after each change the mempool is rebuilt as
 * Core does after a reorganization.
 */
final class ChainControlRpc {
  private static final HexFormat HEX = HexFormat.of();

  private final NodeState state;

  /** Makes each coinbase unique, as Core's miner does with its extra nonce. */
  private long extraNonce;

  ChainControlRpc(NodeState state) {
    this.state = state;
  }

  /** Re-adds transactions of disconnected blocks, then revalidates the old state.mempool. */
  private void afterChainChange(List<Transaction> disconnected) {
    List<Mempool.Entry> old = new ArrayList<>(state.mempool.entries());
    state.mempool.clear();
    for (Transaction tx : disconnected) {
      if (!tx.isCoinbase() && state.chain.findTx(tx.txid).isEmpty()) {
        state.mempool.accept(tx, state.chain, false, true, state.firstSeen(tx.txid, state.now()));
      }
    }
    for (Mempool.Entry e : old) {
      if (state.chain.findTx(e.txid()).isEmpty() && state.mempool.get(e.txid()).isEmpty()) {
        state.mempool.accept(e.tx(), state.chain, false, true, e.time());
      }
    }
  }

  /** Mines one block on the tip paying to {@code script}, with mempool transactions. */
  ChainState.BlockIndex mine(byte[] script) throws RpcErrorReply {
    ChainState.BlockIndex tip = state.chain.tip();
    int height = tip.height + 1;
    List<Transaction> txs = new ArrayList<>();
    long fees = 0;
    long weight = 4000;
    for (Mempool.Entry e : state.mempool.entries()) {
      if (weight + e.weight() > Consensus.MAX_BLOCK_WEIGHT) {
        break;
      }
      txs.add(e.tx());
      fees += e.fee();
      weight += e.weight();
    }
    Transaction cb =
        Consensus.coinbase(
            height, Consensus.subsidy(height) + fees, script, longBytes(extraNonce++));
    List<Transaction> all = new ArrayList<>();
    all.add(cb);
    all.addAll(txs);
    cb = cb.addOutput(new TxOut(new Satoshi(0), Consensus.witnessCommitmentScript(all)));
    all.set(0, cb);
    List<ByteVector32> leaves = new ArrayList<>();
    all.forEach(t -> leaves.add(t.hash.value));
    long time = Math.max(state.now(), ChainState.medianTimePast(tip) + 1);
    BlockHeader header =
        new BlockHeader(
            0x20000000L,
            ChainState.hashOf(tip.hash),
            MerkleTree.computeRoot(leaves),
            time,
            Consensus.REGTEST_BITS,
            0);
    while (!BlockHeader.checkProofOfWork(header)) {
      header = header.setNonce(header.nonce + 1);
    }
    Block block = new Block(header, all);
    ChainState.Submitted s = state.chain.submit(block);
    if (s.rejected().isPresent()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_MISC_ERROR, "mined block rejected: " + s.rejected().get());
    }
    for (Transaction t : all) {
      state.inBlock(t);
    }
    afterChainChange(s.disconnected());
    return s.index();
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  JsonNode generateToAddress(RpcParams p) throws RpcErrorReply {
    int n = p.integer(0);
    byte[] script;
    try {
      script = ScriptInfo.scriptForAddress(p.str(1));
    } catch (IllegalArgumentException e) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
    }
    ArrayNode out = F.arrayNode();
    for (int i = 0; i < n; i++) {
      out.add(mine(script).hash);
    }
    return out;
  }

  JsonNode invalidateBlock(RpcParams p, boolean invalidate) throws RpcErrorReply {
    ChainState.BlockIndex b = state.block(p.str(0));
    if (invalidate && b.prev == null) {
      throw new RpcErrorReply(RpcErrorCode.RPC_MISC_ERROR, "Can't invalidate the genesis block");
    }
    List<Transaction> disconnected =
        invalidate ? state.chain.invalidate(b) : state.chain.reconsider(b);
    afterChainChange(disconnected);
    return NullNode.getInstance();
  }

  JsonNode submitBlock(RpcParams p) throws RpcErrorReply {
    Block block;
    try {
      block = Block.read(HEX.parseHex(p.str(0)));
    } catch (RuntimeException e) {
      throw new RpcErrorReply(RpcErrorCode.RPC_DESERIALIZATION_ERROR, "Block decode failed");
    }
    ChainState.Submitted s = state.chain.submit(block);
    block.tx.forEach(state::inBlock);
    afterChainChange(s.disconnected());
    if (s.rejected().isPresent()) {
      return F.textNode(s.rejected().get().reason());
    }
    return state.chain.isActive(s.index()) ? NullNode.getInstance() : F.textNode("inconclusive");
  }
}
