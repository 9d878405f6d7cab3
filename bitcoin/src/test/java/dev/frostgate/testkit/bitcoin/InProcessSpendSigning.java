package dev.frostgate.testkit.bitcoin;

import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendFinalizer;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A spend signed by every signer in this process (tests, demos, benchmarks): one {@link
 * BatchSigning} session over the spend's sighashes with the per-input keys of {@link SpendSigner}.
 * Validators sign over the network, each with its own key package.
 */
public final class InProcessSpendSigning {
  private InProcessSpendSigning() {}

  /**
   * One complete FROST session with every signer in this process (demo, tests, benchmarks), then
   * {@link SpendFinalizer#attach}: the result has passed the script interpreter.
   *
   * @param rawPublic the group's untweaked public key package (from the DKG)
   * @param rawSigners the untweaked key packages of at least t signers
   * @throws SpendException SIGNING_FAILED if FROST fails, SCRIPT_VALIDATION_FAILED if the result
   *     does not validate
   */
  public static SignedSpend sign(
      UnsignedSpend spend,
      PublicKeyPackage rawPublic,
      List<KeyPackage> rawSigners,
      SecureRandom rnd) {
    return SpendFinalizer.attach(spend, signatures(spend, rawPublic, rawSigners, rnd));
  }

  /**
   * The FROST part of {@link #sign}: one session with every signer in this process, the 64-byte
   * signatures in input order, not yet attached or validated (benchmarks measure the two
   * separately; anything broadcast goes through {@link SpendFinalizer#attach}).
   *
   * @throws SpendException SIGNING_FAILED if FROST fails
   */
  public static List<byte[]> signatures(
      UnsignedSpend spend,
      PublicKeyPackage rawPublic,
      List<KeyPackage> rawSigners,
      SecureRandom rnd) {
    List<byte[]> messages = spend.sigHashes();
    int n = messages.size();
    List<InputKey> keys = spend.inputKeys();
    try {
      Map<Identifier, List<SigningNonces>> nonces = new TreeMap<>();
      Map<Identifier, List<SigningCommitments>> commitments = new TreeMap<>();
      for (KeyPackage k : rawSigners) {
        List<SigningNonces> mine = BatchSigning.commit(k, n, rnd);
        nonces.put(k.identifier(), mine);
        commitments.put(k.identifier(), mine.stream().map(SigningNonces::commitments).toList());
      }
      List<SigningPackage> packages = BatchSigning.packages(commitments, messages);
      List<List<SignatureShare>> shares = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        shares.add(new ArrayList<>(rawSigners.size()));
      }
      for (KeyPackage k : rawSigners) {
        List<SignatureShare> mine =
            BatchSigning.signEach(
                packages,
                nonces.get(k.identifier()),
                SpendSigner.inputKeyPackages(keys, k, spend.xpub()));
        for (int i = 0; i < n; i++) {
          shares.get(i).add(mine.get(i));
        }
      }
      List<Signature> sigs =
          BatchSigning.aggregateEach(
              packages, shares, SpendSigner.inputPublicKeys(keys, rawPublic, spend.xpub()));
      List<byte[]> sig64 = new ArrayList<>(n);
      for (Signature s : sigs) {
        sig64.add(Ciphersuite.TAPROOT.serializeSignature(s));
      }
      return sig64;
    } catch (FrostException e) {
      throw new SpendException(
          SpendException.Reason.SIGNING_FAILED,
          "FROST signing of " + spend.txid() + " failed: " + e.getMessage(),
          e);
    }
  }
}
