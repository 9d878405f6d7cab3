package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The wallet's {@code sendtoaddress}: coin selection (largest first), fee at the given or the
 * configured rate, change when it is not dust, key-path signing, and submission to the mempool.
 */
final class WalletSend {
  private final NodeState state;

  WalletSend(NodeState state) {
    this.state = state;
  }

  JsonNode sendToAddress(Wallet w, RpcParams p) throws RpcErrorReply {
    if (!w.privateKeys) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR, "Error: Private keys are disabled for this wallet");
    }
    byte[] dest;
    try {
      dest = ScriptInfo.scriptForAddress(p.str(0));
    } catch (IllegalArgumentException e) {
      throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, e.getMessage());
    }
    long amount = p.amount(1);
    if (amount <= 0) {
      throw new RpcErrorReply(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount for send");
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
    if (feeRate < state.mempool.minRelayFee) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR,
          "Fee rate ("
              + FeeRate.ofSatPerKvb(feeRate).toCoreString()
              + ") is lower than the minimum fee rate setting ("
              + FeeRate.ofSatPerKvb(state.mempool.minRelayFee).toCoreString()
              + ")");
    }
    List<WalletCoin> available = new ArrayList<>();
    for (WalletCoin c : WalletCoin.of(state, w)) {
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
      long fee = FeeRate.ofSatPerKvb(feeRate).feeFor(Consensus.vsize(draft));
      if (selectedSum >= (subtractFee ? amount : amount + fee)) {
        break;
      }
    }
    byte[] changeScript = new byte[34];
    Transaction twoOut = draft(selected, dest, amount, 1000, changeScript, sequence);
    long fee = FeeRate.ofSatPerKvb(feeRate).feeFor(Consensus.vsize(twoOut));
    long send = subtractFee ? amount - fee : amount;
    long changeValue = selectedSum - send - fee;
    if (selected.isEmpty() || changeValue < 0 || send <= 0) {
      throw new RpcErrorReply(RpcErrorCode.RPC_WALLET_INSUFFICIENT_FUNDS, "Insufficient funds");
    }
    Transaction tx;
    if (changeValue >= Consensus.dustThreshold(changeScript)) {
      change = w.newKey(true, Optional.empty());
      tx = draft(selected, dest, send, changeValue, change.spk(), sequence);
    } else {
      Transaction oneOut = draft(selected, dest, amount, -1, null, sequence);
      long fee1 = FeeRate.ofSatPerKvb(feeRate).feeFor(Consensus.vsize(oneOut));
      send = subtractFee ? selectedSum - fee1 : send;
      tx = draft(selected, dest, send, -1, null, sequence);
    }
    if (Consensus.isDust(new TxOut(new Satoshi(send), dest))) {
      throw new RpcErrorReply(RpcErrorCode.RPC_WALLET_ERROR, "Transaction amount too small");
    }
    List<TxOut> spent = new ArrayList<>();
    selected.forEach(c -> spent.add(c.out()));
    for (int i = 0; i < selected.size(); i++) {
      tx = RegtestSigning.signKeyPath(tx, i, spent, selected.get(i).owner().secret().get());
    }
    Mempool.Result r = state.mempool.accept(tx, state.chain, false, false, state.now());
    if (!r.accepted()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR, "Transaction rejected: " + r.reject().get());
    }
    state.submitted(tx);
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
    return new Transaction(2, ins, outs, state.chain.height());
  }
}
