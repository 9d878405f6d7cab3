package dev.frostgate.regtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Transactions and scripts in Core's JSON shapes, and the JSON factory every answer is built with
 * (exact decimals, so amounts print with Core's 8 digits).
 */
final class TxJson {
  static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);
  private static final HexFormat HEX = HexFormat.of();

  private TxJson() {}

  /**
   * Core's {@code TxToUniv}: verbosity 2 adds the fee and 3 each input's prevout, when {@code
   * prevouts} are known; a prevout still in the mempool is reported at the next block's height.
   */
  static ObjectNode tx(
      ChainState chain,
      Transaction tx,
      int verbosity,
      boolean includeHex,
      Optional<List<Coin>> prevouts) {
    ObjectNode o = F.objectNode();
    o.put("txid", tx.txid.toString());
    o.put("hash", Consensus.wtxid(tx));
    o.put("version", tx.version);
    o.put("size", Transaction.write(tx).length);
    o.put("vsize", Consensus.vsize(tx));
    o.put("weight", tx.weight());
    o.put("locktime", tx.lockTime);
    ArrayNode vin = o.putArray("vin");
    for (int i = 0; i < tx.txIn.size(); i++) {
      TxIn in = tx.txIn.get(i);
      ObjectNode j = vin.addObject();
      if (tx.isCoinbase()) {
        j.put("coinbase", in.signatureScript.toHex());
      } else {
        j.put("txid", in.outPoint.txid.toString());
        j.put("vout", in.outPoint.index);
        ObjectNode sig = j.putObject("scriptSig");
        sig.put("asm", ScriptInfo.asm(in.signatureScript.toByteArray()));
        sig.put("hex", in.signatureScript.toHex());
      }
      if (!in.witness.isNull()) {
        ArrayNode w = j.putArray("txinwitness");
        in.witness.stack.forEach(item -> w.add(item.toHex()));
      }
      if (!tx.isCoinbase() && verbosity >= 3 && prevouts.isPresent()) {
        Coin c = prevouts.get().get(i);
        ObjectNode po = j.putObject("prevout");
        po.put("generated", c.coinbase());
        po.put("height", c.height() == Coin.MEMPOOL_HEIGHT ? chain.height() + 1 : c.height());
        po.put("value", Amounts.satToBtc(c.out().amount.getSat()));
        po.set("scriptPubKey", script(c.out().publicKeyScript.toByteArray()));
      }
      j.put("sequence", in.sequence);
    }
    ArrayNode vout = o.putArray("vout");
    for (int n = 0; n < tx.txOut.size(); n++) {
      TxOut out = tx.txOut.get(n);
      ObjectNode j = vout.addObject();
      j.put("value", Amounts.satToBtc(out.amount.getSat()));
      j.put("n", n);
      j.set("scriptPubKey", script(out.publicKeyScript.toByteArray()));
    }
    if (verbosity >= 2 && !tx.isCoinbase() && prevouts.isPresent()) {
      long in = prevouts.get().stream().mapToLong(c -> c.out().amount.getSat()).sum();
      o.put("fee", Amounts.satToBtc(in - Consensus.valueOut(tx)));
    }
    if (includeHex) {
      o.put("hex", HEX.formatHex(Transaction.write(tx)));
    }
    return o;
  }

  /** Core's {@code ScriptToUniv}: asm, descriptor, hex, address when there is one, type. */
  static ObjectNode script(byte[] spk) {
    ScriptInfo s = ScriptInfo.of(spk);
    ObjectNode o = F.objectNode();
    o.put("asm", s.asm());
    o.put("desc", s.desc());
    o.put("hex", s.hex());
    s.address().ifPresent(a -> o.put("address", a));
    o.put("type", s.type());
    return o;
  }

  /** Core's {@code DecodeHexTx} as the RPCs use it: a transaction with at least one input. */
  static Transaction decode(String hex) throws RpcErrorReply {
    try {
      Transaction tx = Transaction.read(HEX.parseHex(hex));
      if (tx.txIn.isEmpty() && tx.txOut.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      return tx;
    } catch (RuntimeException e) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_DESERIALIZATION_ERROR,
          "TX decode failed. Make sure the tx has at least one input.");
    }
  }
}
