package dev.frostgate.regtest;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.TaprootOutput;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.security.SecureRandom;
import java.util.List;

/**
 * BIP340/BIP341 key-path signing for single-key Taproot outputs (the funded test wallet, and tests
 * that build their own spends): bitcoin-kmp computes the sighash, libsecp256k1 signs.
 */
public final class RegtestSigning {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RegtestSigning() {}

  /** The secret key of the tweaked output key Q = P + t·G for an internal secret d (P = d·G). */
  public static SecretScalar tweakedSecret(SecretScalar internalSecret) {
    Point p = internalSecret.publicPoint();
    SecretScalar d = p.hasEvenY() ? internalSecret.copy() : internalSecret.negate();
    return d.add(TaprootOutput.of(p).tweak());
  }

  /**
   * Signs input {@code index} (SIGHASH_DEFAULT, key path) and returns the transaction with the
   * 64-byte signature as the input's witness.
   *
   * @param spentOutputs the outputs spent by every input, in input order
   */
  public static Transaction signKeyPath(
      Transaction tx, int index, List<TxOut> spentOutputs, SecretScalar internalSecret) {
    if (spentOutputs.size() != tx.txIn.size()) {
      throw new IllegalArgumentException(
          "need one spent output per input: " + spentOutputs.size() + " != " + tx.txIn.size());
    }
    byte[] sighash =
        tx.hashForSigningTaprootKeyPath(index, spentOutputs, SigHash.SIGHASH_DEFAULT, null)
            .toByteArray();
    SecretScalar q = tweakedSecret(internalSecret);
    byte[] aux = new byte[32];
    RANDOM.nextBytes(aux);
    byte[] sig;
    try {
      sig = Secp256k1.signSchnorr(sighash, q, aux);
    } finally {
      q.destroy();
    }
    return tx.updateWitness(index, new ScriptWitness(List.of(new ByteVector(sig))));
  }
}
