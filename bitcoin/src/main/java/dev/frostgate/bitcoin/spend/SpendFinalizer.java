package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.ec.Secp256k1;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attaches key-path signatures to an unsigned spend and validates the result with bitcoin-kmp's
 * script interpreter. Nothing that fails validation is ever returned.
 */
public final class SpendFinalizer {
  /** Standard policy flags, Taproot included. */
  public static final int FLAGS =
      ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS | ScriptFlags.SCRIPT_VERIFY_TAPROOT;

  private SpendFinalizer() {}

  /**
   * @param signatures one 64-byte BIP340 signature (SIGHASH_DEFAULT) per input, in input order
   * @throws SpendException BAD_SIGNATURES if the count or a length is wrong,
   *     SCRIPT_VALIDATION_FAILED (naming the first failing input) if the interpreter rejects the
   *     transaction
   */
  public static SignedSpend attach(UnsignedSpend spend, List<byte[]> signatures) {
    int n = spend.tx().txIn.size();
    if (signatures.size() != n) {
      throw new SpendException(
          SpendException.Reason.BAD_SIGNATURES,
          signatures.size() + " signatures for " + n + " inputs of " + spend.txid());
    }
    List<TxIn> signed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] sig = signatures.get(i);
      if (sig == null || sig.length != 64) {
        throw new SpendException(
            SpendException.Reason.BAD_SIGNATURES,
            "input "
                + i
                + " signature must be 64 bytes (SIGHASH_DEFAULT), got "
                + (sig == null ? "none" : sig.length + " bytes"));
      }
      signed.add(spend.tx().txIn.get(i).updateWitness(new ScriptWitness().push(sig)));
    }
    Transaction tx = spend.tx().updateInputs(signed);
    return validate(spend, tx);
  }

  /**
   * Runs the interpreter over a finished transaction for {@code spend}.
   *
   * @throws SpendException SCRIPT_VALIDATION_FAILED if it is not the spend's transaction or fails
   */
  public static SignedSpend validate(UnsignedSpend spend, Transaction tx) {
    if (!tx.txid.equals(spend.tx().txid)) { // the txid commits to every non-witness byte
      throw new SpendException(
          SpendException.Reason.SCRIPT_VALIDATION_FAILED,
          "transaction " + tx.txid.value.toHex() + " is not the unsigned spend " + spend.txid());
    }
    Map<OutPoint, TxOut> prevouts = new HashMap<>();
    for (int i = 0; i < tx.txIn.size(); i++) {
      prevouts.put(tx.txIn.get(i).outPoint, spend.spentOutputs().get(i));
    }
    try {
      Transaction.correctlySpends(tx, prevouts, FLAGS);
    } catch (RuntimeException e) {
      throw new SpendException(
          SpendException.Reason.SCRIPT_VALIDATION_FAILED,
          "transaction "
              + spend.txid()
              + " fails the script interpreter"
              + firstBadInput(spend, tx)
              + ": "
              + e.getMessage()
              + "; it must not be broadcast",
          e);
    }
    if (tx.weight() != spend.weight()) {
      throw new IllegalStateException(
          "signed weight " + tx.weight() + " differs from the estimate " + spend.weight());
    }
    return new SignedSpend(spend, tx);
  }

  /** Locates the failing input for the error message (only on the failure path). */
  private static String firstBadInput(UnsignedSpend spend, Transaction tx) {
    List<byte[]> hashes = spend.sigHashes();
    for (int i = 0; i < tx.txIn.size(); i++) {
      var stack = tx.txIn.get(i).witness.stack;
      byte[] key =
          Arrays.copyOfRange(spend.spentOutputs().get(i).publicKeyScript.toByteArray(), 2, 34);
      if (stack.size() != 1
          || stack.get(0).size() != 64
          || !Secp256k1.verifySchnorr(stack.get(0).toByteArray(), hashes.get(i), key)) {
        return " at input " + i + " (" + spend.inputs().get(i) + ")";
      }
    }
    return "";
  }
}
