package dev.frostgate.regtest;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.crypto.hash.Hashes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.MerkleTree;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Regtest consensus and relay-policy rules, with Bitcoin Core's reject reasons. */
final class Consensus {
  static final int COINBASE_MATURITY = 100;
  static final int SUBSIDY_HALVING_INTERVAL = 150;
  static final long REGTEST_BITS = 0x207fffffL;
  static final int MAX_BLOCK_WEIGHT = 4_000_000;
  static final int MAX_STANDARD_TX_WEIGHT = 400_000;
  static final long LOCKTIME_THRESHOLD = 500_000_000L;
  static final long SEQUENCE_FINAL = 0xffffffffL;
  static final long MAX_BIP125_RBF_SEQUENCE = 0xfffffffdL;
  static final long DUST_RELAY_FEE = 3000; // sat/kvB
  static final int MAX_DATACARRIER_BYTES = 100_000; // Core 30's -datacarriersize default
  static final byte[] WITNESS_COMMITMENT_HEADER = {
    0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed
  };

  /** Core's MANDATORY_SCRIPT_VERIFY_FLAGS since v24 (also the block-connection flags). */
  static final int MANDATORY_FLAGS =
      ScriptFlags.SCRIPT_VERIFY_P2SH
          | ScriptFlags.SCRIPT_VERIFY_DERSIG
          | ScriptFlags.SCRIPT_VERIFY_NULLDUMMY
          | ScriptFlags.SCRIPT_VERIFY_CHECKLOCKTIMEVERIFY
          | ScriptFlags.SCRIPT_VERIFY_CHECKSEQUENCEVERIFY
          | ScriptFlags.SCRIPT_VERIFY_WITNESS
          | ScriptFlags.SCRIPT_VERIFY_TAPROOT;

  static final int STANDARD_FLAGS = ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS | MANDATORY_FLAGS;

  private Consensus() {}

  static long subsidy(int height) {
    int halvings = height / SUBSIDY_HALVING_INTERVAL;
    return halvings >= 64 ? 0 : (50 * Amounts.COIN) >> halvings;
  }

  /** Core's {@code CheckTransaction}: context-free consensus checks. */
  static Optional<Reject> checkTransaction(Transaction tx) {
    if (tx.txIn.isEmpty()) {
      return Optional.of(Reject.consensus("bad-txns-vin-empty"));
    }
    if (tx.txOut.isEmpty()) {
      return Optional.of(Reject.consensus("bad-txns-vout-empty"));
    }
    if (tx.baseSize() * 4 > MAX_BLOCK_WEIGHT) {
      return Optional.of(Reject.consensus("bad-txns-oversize"));
    }
    long total = 0;
    for (TxOut out : tx.txOut) {
      long v = out.amount.getSat();
      if (v < 0) {
        return Optional.of(Reject.consensus("bad-txns-vout-negative"));
      }
      if (v > Amounts.MAX_MONEY) {
        return Optional.of(Reject.consensus("bad-txns-vout-toolarge"));
      }
      total += v;
      if (!Amounts.inRange(total)) {
        return Optional.of(Reject.consensus("bad-txns-txouttotal-toolarge"));
      }
    }
    Set<OutPoint> seen = new HashSet<>();
    for (TxIn in : tx.txIn) {
      if (!seen.add(in.outPoint)) {
        return Optional.of(Reject.consensus("bad-txns-inputs-duplicate"));
      }
    }
    if (tx.isCoinbase()) {
      int len = tx.txIn.get(0).signatureScript.size();
      if (len < 2 || len > 100) {
        return Optional.of(Reject.consensus("bad-cb-length"));
      }
    } else {
      for (TxIn in : tx.txIn) {
        if (in.outPoint.isNull()) {
          return Optional.of(Reject.consensus("bad-txns-prevout-null"));
        }
      }
    }
    return Optional.empty();
  }

  /** Core's {@code Consensus::CheckTxInputs}: maturity and amounts. Returns the fee or a reject. */
  static Object checkTxInputs(Transaction tx, List<Coin> coins, int spendHeight) {
    long in = 0;
    for (Coin c : coins) {
      if (c.coinbase() && spendHeight - c.height() < COINBASE_MATURITY) {
        return Reject.consensus(
            "bad-txns-premature-spend-of-coinbase",
            "tried to spend coinbase at depth " + (spendHeight - c.height()));
      }
      in += c.out().amount.getSat();
      if (!Amounts.inRange(c.out().amount.getSat()) || !Amounts.inRange(in)) {
        return Reject.consensus("bad-txns-inputvalues-outofrange");
      }
    }
    long out = valueOut(tx);
    if (in < out) {
      return Reject.consensus(
          "bad-txns-in-belowout",
          "value in ("
              + Amounts.formatMoney(in)
              + ") < value out ("
              + Amounts.formatMoney(out)
              + ")");
    }
    long fee = in - out;
    if (!Amounts.inRange(fee)) {
      return Reject.consensus("bad-txns-fee-outofrange");
    }
    return fee;
  }

  static long valueOut(Transaction tx) {
    long out = 0;
    for (TxOut o : tx.txOut) {
      out += o.amount.getSat();
    }
    return out;
  }

  /** Core's {@code IsFinalTx}. */
  static boolean isFinal(Transaction tx, int height, long blockTime) {
    if (tx.lockTime == 0) {
      return true;
    }
    long limit = tx.lockTime < LOCKTIME_THRESHOLD ? height : blockTime;
    if (tx.lockTime < limit) {
      return true;
    }
    for (TxIn in : tx.txIn) {
      if (in.sequence != SEQUENCE_FINAL) {
        return false;
      }
    }
    return true;
  }

  /**
   * Core's {@code IsStandardTx} (the subset that applies to the script types we know), with Core
   * 30's data-carrier policy (any number of OP_RETURN outputs, {@value #MAX_DATACARRIER_BYTES}
   * bytes of them in all) and Core 29's ephemeral dust (at most one dust output; {@link Mempool}
   * requires its transaction to pay no fee).
   */
  static Optional<Reject> checkStandard(Transaction tx) {
    if (tx.version < 1 || tx.version > 2) {
      return Optional.of(Reject.policy("version"));
    }
    if (tx.weight() > MAX_STANDARD_TX_WEIGHT) {
      return Optional.of(Reject.policy("tx-size"));
    }
    for (TxIn in : tx.txIn) {
      if (in.signatureScript.size() > 1650) {
        return Optional.of(Reject.policy("scriptsig-size"));
      }
      if (!Script.isPushOnly(Script.parse(in.signatureScript))) {
        return Optional.of(Reject.policy("scriptsig-not-pushonly"));
      }
    }
    long dataBytes = 0;
    for (TxOut out : tx.txOut) {
      byte[] spk = out.publicKeyScript.toByteArray();
      String type = ScriptInfo.of(spk).type();
      if (type.equals("nonstandard")) {
        return Optional.of(Reject.policy("scriptpubkey"));
      }
      if (type.equals("nulldata")) {
        dataBytes += spk.length;
      }
    }
    if (dataBytes > MAX_DATACARRIER_BYTES) {
      return Optional.of(Reject.policy("datacarrier"));
    }
    if (dustOutputs(tx) > 1) {
      return Optional.of(Reject.policy("dust"));
    }
    return Optional.empty();
  }

  /** How many outputs are dust at the dust relay fee (OP_RETURN outputs never are). */
  static int dustOutputs(Transaction tx) {
    int n = 0;
    for (TxOut out : tx.txOut) {
      if (isDust(out)) {
        n++;
      }
    }
    return n;
  }

  /** Core's {@code GetDustThreshold} at the default dust relay fee (3000 sat/kvB). */
  static long dustThreshold(byte[] spk) {
    if (ScriptInfo.isUnspendable(spk)) {
      return 0;
    }
    long size = TxOut.write(new TxOut(new Satoshi(0), spk)).length;
    size += ScriptInfo.witnessVersion(spk) >= 0 ? 32 + 4 + 1 + 107 / 4 + 4 : 32 + 4 + 1 + 107 + 4;
    return FeeRate.ofSatPerKvb(DUST_RELAY_FEE).feeFor(size);
  }

  static boolean isDust(TxOut out) {
    return out.amount.getSat() < dustThreshold(out.publicKeyScript.toByteArray());
  }

  /** Whether the transaction signals BIP125 replaceability explicitly. */
  static boolean signalsRbf(Transaction tx) {
    for (TxIn in : tx.txIn) {
      if (in.sequence <= MAX_BIP125_RBF_SEQUENCE) {
        return true;
      }
    }
    return false;
  }

  static int vsize(Transaction tx) {
    return (tx.weight() + 3) / 4;
  }

  /** wtxid in internal byte order (the txid for a transaction without witness). */
  static byte[] wtxidInternal(Transaction tx) {
    return Hashes.sha256d(Transaction.write(tx));
  }

  static String wtxid(Transaction tx) {
    return new ByteVector32(wtxidInternal(tx)).reversed().toHex();
  }

  /**
   * Runs the script interpreter over every input with the mempool's (standard) or the block's
   * (mandatory) flags. The reject is Core 30's: {@code mempool-script-verify-flag-failed (ERROR)}
   * (whether a policy or a consensus flag failed; the debug part names the input: {@code input N of
   * TXID (wtxid WTXID), spending PREVTXID:VOUT}) or, in a block, {@code
   * block-script-verify-flag-failed (ERROR)}.
   */
  static Optional<Reject> verifyScripts(
      Transaction tx, Map<OutPoint, TxOut> prevouts, boolean mempool) {
    int flags = mempool ? STANDARD_FLAGS : MANDATORY_FLAGS;
    try {
      tx.correctlySpends(prevouts, flags);
      return Optional.empty();
    } catch (RuntimeException e) {
      List<TxOut> spent = tx.txIn.stream().map(in -> prevouts.get(in.outPoint)).toList();
      for (int i = 0; i < tx.txIn.size(); i++) {
        Optional<String> error = inputError(tx, i, spent, flags);
        if (error.isPresent()) {
          OutPoint prev = tx.txIn.get(i).outPoint;
          return Optional.of(
              mempool
                  ? Reject.consensus(
                      "mempool-script-verify-flag-failed (" + error.get() + ")",
                      "input "
                          + i
                          + " of "
                          + tx.txid
                          + " (wtxid "
                          + wtxid(tx)
                          + "), spending "
                          + prev.txid
                          + ":"
                          + prev.index)
                  : Reject.consensus("block-script-verify-flag-failed (" + error.get() + ")"));
        }
      }
      String prefix = mempool ? "mempool" : "block";
      return Optional.of(
          Reject.consensus(prefix + "-script-verify-flag-failed (" + scriptError(e) + ")"));
    }
  }

  /** The interpreter's error for one input, as Core's {@code ScriptErrorString}; empty if valid. */
  private static Optional<String> inputError(Transaction tx, int i, List<TxOut> spent, int flags) {
    TxIn in = tx.txIn.get(i);
    TxOut prev = spent.get(i);
    try {
      Script.Runner runner =
          new Script.Runner(new Script.Context(tx, i, prev.amount, spent), flags);
      if (runner.verifyScripts(in.signatureScript, prev.publicKeyScript, in.witness)) {
        return Optional.empty();
      }
      return Optional.of(
          "Script evaluated without error but finished with a false/empty top stack element");
    } catch (RuntimeException e) {
      return Optional.of(scriptError(e));
    }
  }

  /** Maps bitcoin-kmp interpreter messages to Core's {@code ScriptErrorString}. */
  static String scriptError(Throwable e) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase();
    if (lower.contains("schnorr signature size") || lower.contains("invalid signature size")) {
      return "Invalid Schnorr signature size";
    }
    if (lower.contains("schnorr")) {
      return "Invalid Schnorr signature";
    }
    if (lower.contains("stack starts with 'false'")
        || lower.contains("stack should not be empty")) {
      return "Script evaluated without error but finished with a false/empty top stack element";
    }
    if (lower.contains("op_equalverify")) {
      return "Script failed an OP_EQUALVERIFY operation";
    }
    if (lower.contains("witness program length")) {
      return "Witness program has incorrect length";
    }
    if (lower.contains("witness program mismatch") || lower.contains("hash mismatch")) {
      return "Witness program hash mismatch";
    }
    if (lower.contains("empty witness")) {
      return "Witness program was passed an empty witness";
    }
    if (lower.contains("signature must be zero")) {
      return "Signature must be zero for failed CHECK(MULTI)SIG operation";
    }
    return m;
  }

  /** BIP34 height push as Core's {@code CScript() << nHeight}. */
  static byte[] heightPush(int height) {
    if (height == 0) {
      return new byte[] {0};
    }
    if (height <= 16) {
      return new byte[] {(byte) (0x50 + height)};
    }
    byte[] num = Script.encodeNumber((long) height).toByteArray();
    byte[] out = new byte[num.length + 1];
    out[0] = (byte) num.length;
    System.arraycopy(num, 0, out, 1, num.length);
    return out;
  }

  /** The witness commitment output script over the block's wtxids (coinbase counted as zero). */
  static byte[] witnessCommitmentScript(List<Transaction> txs) {
    List<ByteVector32> leaves = new ArrayList<>();
    leaves.add(ByteVector32.Zeroes);
    for (int i = 1; i < txs.size(); i++) {
      leaves.add(new ByteVector32(wtxidInternal(txs.get(i))));
    }
    byte[] root = MerkleTree.computeRoot(leaves).toByteArray();
    byte[] commitment = Hashes.sha256d(root, new byte[32]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(WITNESS_COMMITMENT_HEADER);
    out.writeBytes(commitment);
    return out.toByteArray();
  }

  /** Index of the last witness-commitment output of a coinbase, or -1 (Core's rule). */
  static int commitmentIndex(Transaction coinbase) {
    int idx = -1;
    for (int i = 0; i < coinbase.txOut.size(); i++) {
      byte[] s = coinbase.txOut.get(i).publicKeyScript.toByteArray();
      if (s.length >= 38) {
        boolean match = true;
        for (int k = 0; k < WITNESS_COMMITMENT_HEADER.length; k++) {
          match &= s[k] == WITNESS_COMMITMENT_HEADER[k];
        }
        if (match) {
          idx = i;
        }
      }
    }
    return idx;
  }

  /**
   * A coinbase paying {@code value} to {@code script}, with the BIP34 height and a witness nonce.
   */
  static Transaction coinbase(int height, long value, byte[] script, byte[] extraNonce) {
    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    sig.writeBytes(heightPush(height));
    sig.write(0); // OP_0, as Core's miner
    if (extraNonce.length > 0) {
      sig.write(extraNonce.length);
      sig.writeBytes(extraNonce);
    }
    TxIn in =
        new TxIn(
            new OutPoint(new fr.acinq.bitcoin.TxHash(ByteVector32.Zeroes), 0xffffffffL),
            new ByteVector(sig.toByteArray()),
            SEQUENCE_FINAL,
            new ScriptWitness(List.of(new ByteVector(new byte[32]))));
    return new Transaction(2, List.of(in), List.of(new TxOut(new Satoshi(value), script)), 0);
  }
}
