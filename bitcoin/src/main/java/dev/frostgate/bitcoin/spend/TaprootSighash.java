package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.hash.Hashes;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * BIP341 signature messages and hashes for key-path spends (ext_flag 0, no annex). The five
 * transaction-wide hashes (sha_prevouts, sha_amounts, sha_scriptpubkeys, sha_sequences,
 * sha_outputs) are computed once at construction, so signing n inputs costs O(n) hashing, not O(n²)
 * as recomputing them per input would.
 */
public final class TaprootSighash {
  public static final int SIGHASH_DEFAULT = 0x00;
  public static final int SIGHASH_ALL = 0x01;
  public static final int SIGHASH_NONE = 0x02;
  public static final int SIGHASH_SINGLE = 0x03;
  public static final int SIGHASH_ANYONECANPAY = 0x80;

  private final Transaction tx;
  private final List<TxOut> spent;
  private final byte[] shaPrevouts;
  private final byte[] shaAmounts;
  private final byte[] shaScriptPubkeys;
  private final byte[] shaSequences;
  private final byte[] shaOutputs;

  private TaprootSighash(Transaction tx, List<TxOut> spent) {
    this.tx = tx;
    this.spent = spent;
    MessageDigest prevouts = Hashes.sha256Digest();
    MessageDigest amounts = Hashes.sha256Digest();
    MessageDigest scripts = Hashes.sha256Digest();
    MessageDigest sequences = Hashes.sha256Digest();
    MessageDigest outputs = Hashes.sha256Digest();
    for (int i = 0; i < tx.txIn.size(); i++) {
      TxIn in = tx.txIn.get(i);
      prevouts.update(OutPoint.write(in.outPoint));
      byte[] prev = TxOut.write(spent.get(i)); // amount (8) ‖ compact_size(len) ‖ script
      amounts.update(prev, 0, 8);
      scripts.update(prev, 8, prev.length - 8);
      sequences.update(le32(in.sequence));
    }
    for (TxOut out : tx.txOut) {
      outputs.update(TxOut.write(out));
    }
    this.shaPrevouts = prevouts.digest();
    this.shaAmounts = amounts.digest();
    this.shaScriptPubkeys = scripts.digest();
    this.shaSequences = sequences.digest();
    this.shaOutputs = outputs.digest();
  }

  /**
   * @param spent the outputs being spent, one per input, in input order
   * @throws IllegalArgumentException if there is not exactly one spent output per input
   */
  public static TaprootSighash of(Transaction tx, List<TxOut> spent) {
    if (spent.size() != tx.txIn.size()) {
      throw new IllegalArgumentException(
          spent.size() + " spent outputs for " + tx.txIn.size() + " inputs");
    }
    return new TaprootSighash(tx, List.copyOf(spent));
  }

  /** SigMsg(hash_type, ext_flag = 0) with its leading 0x00 epoch byte. */
  public byte[] sigMsg(int inputIndex, int hashType) {
    if (inputIndex < 0 || inputIndex >= tx.txIn.size()) {
      throw new IllegalArgumentException(
          "input index " + inputIndex + " outside 0.." + (tx.txIn.size() - 1));
    }
    if (!(hashType <= 0x03 || (hashType >= 0x81 && hashType <= 0x83))) {
      throw new IllegalArgumentException(
          "invalid taproot hash type 0x" + Integer.toHexString(hashType));
    }
    int outputType = hashType == SIGHASH_DEFAULT ? SIGHASH_ALL : (hashType & 0x03);
    boolean anyoneCanPay = (hashType & SIGHASH_ANYONECANPAY) != 0;
    ByteArrayOutputStream b = new ByteArrayOutputStream(256);
    b.write(0x00); // epoch
    b.write(hashType);
    b.writeBytes(le32(tx.version));
    b.writeBytes(le32(tx.lockTime));
    if (!anyoneCanPay) {
      b.writeBytes(shaPrevouts);
      b.writeBytes(shaAmounts);
      b.writeBytes(shaScriptPubkeys);
      b.writeBytes(shaSequences);
    }
    if (outputType == SIGHASH_ALL) {
      b.writeBytes(shaOutputs);
    }
    b.write(0x00); // spend_type: ext_flag 0, no annex
    if (anyoneCanPay) {
      TxIn in = tx.txIn.get(inputIndex);
      b.writeBytes(OutPoint.write(in.outPoint));
      b.writeBytes(TxOut.write(spent.get(inputIndex)));
      b.writeBytes(le32(in.sequence));
    } else {
      b.writeBytes(le32(inputIndex));
    }
    if (outputType == SIGHASH_SINGLE) {
      if (inputIndex >= tx.txOut.size()) {
        throw new IllegalArgumentException(
            "SIGHASH_SINGLE for input " + inputIndex + " without a matching output");
      }
      b.writeBytes(Hashes.sha256(TxOut.write(tx.txOut.get(inputIndex))));
    }
    return b.toByteArray();
  }

  /** hash_TapSighash(sigMsg): the 32-byte message a key-path signature signs. */
  public byte[] sigHash(int inputIndex, int hashType) {
    return Hashes.taggedHash("TapSighash", sigMsg(inputIndex, hashType));
  }

  /** SIGHASH_DEFAULT hashes for every input, in input order. */
  public List<byte[]> defaultSigHashes() {
    byte[][] out = new byte[tx.txIn.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = sigHash(i, SIGHASH_DEFAULT);
    }
    return List.of(out);
  }

  public byte[] shaPrevouts() {
    return shaPrevouts.clone();
  }

  public byte[] shaAmounts() {
    return shaAmounts.clone();
  }

  public byte[] shaScriptPubkeys() {
    return shaScriptPubkeys.clone();
  }

  public byte[] shaSequences() {
    return shaSequences.clone();
  }

  public byte[] shaOutputs() {
    return shaOutputs.clone();
  }

  private static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  private static byte[] le64(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }
}
