package dev.frostgate.bitcoin.spend;

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
import dev.frostgate.crypto.hd.LoanKeys;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a spend with FROST: one BIP341 SIGHASH_DEFAULT message per input, all in one session
 * ({@link BatchSigning}: one nonce pair per input per signer, the same signer set for every input),
 * each input signed with the Taproot-tweaked key package of its own derivation path.
 */
public final class SpendSigner {
  private SpendSigner() {}

  /** Signer {@code raw}'s key package for each input, in input order (tweaked per input). */
  public static List<KeyPackage> inputKeys(UnsignedSpend spend, KeyPackage raw) {
    ThresholdXpub xpub = spend.xpub();
    Map<String, KeyPackage> cache = new HashMap<>();
    List<KeyPackage> out = new ArrayList<>(spend.inputs().size());
    for (SpendInput in : spend.inputs()) {
      out.add(
          cache.computeIfAbsent(
              in.branch() + "/" + in.index(),
              k ->
                  in.branch() == Branch.LOAN
                      ? LoanKeys.loanKeyPackage(raw, xpub, in.index())
                      : LoanKeys.changeKeyPackage(raw, xpub, in.index())));
    }
    return out;
  }

  /** The group's public key package for each input, in input order (tweaked per input). */
  public static List<PublicKeyPackage> inputPublicKeys(UnsignedSpend spend, PublicKeyPackage raw) {
    ThresholdXpub xpub = spend.xpub();
    Map<String, PublicKeyPackage> cache = new HashMap<>();
    List<PublicKeyPackage> out = new ArrayList<>(spend.inputs().size());
    for (SpendInput in : spend.inputs()) {
      out.add(
          cache.computeIfAbsent(
              in.branch() + "/" + in.index(),
              k ->
                  in.branch() == Branch.LOAN
                      ? LoanKeys.loanPublicKeyPackage(raw, xpub, in.index())
                      : LoanKeys.changePublicKeyPackage(raw, xpub, in.index())));
    }
    return out;
  }

  /**
   * One complete FROST session with every signer in this process (demo, tests, benchmarks), then
   * {@link SpendFinalizer#attach}: the result has passed the script interpreter.
   *
   * @param rawPublic the group's untweaked public key package (from the DKG)
   * @param rawSigners the untweaked key packages of at least t signers
   * @throws SpendException SIGNING_FAILED if FROST fails, SCRIPT_VALIDATION_FAILED if the result
   *     does not validate
   */
  public static SignedSpend signInProcess(
      UnsignedSpend spend,
      PublicKeyPackage rawPublic,
      List<KeyPackage> rawSigners,
      SecureRandom rnd) {
    List<byte[]> messages = spend.sigHashes();
    int n = messages.size();
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
            BatchSigning.signEach(packages, nonces.get(k.identifier()), inputKeys(spend, k));
        for (int i = 0; i < n; i++) {
          shares.get(i).add(mine.get(i));
        }
      }
      List<Signature> sigs =
          BatchSigning.aggregateEach(packages, shares, inputPublicKeys(spend, rawPublic));
      List<byte[]> sig64 = new ArrayList<>(n);
      for (Signature s : sigs) {
        sig64.add(Ciphersuite.TAPROOT.serializeSignature(s));
      }
      return SpendFinalizer.attach(spend, sig64);
    } catch (FrostException e) {
      throw new SpendException(
          SpendException.Reason.SIGNING_FAILED,
          "FROST signing of " + spend.txid() + " failed: " + e.getMessage(),
          e);
    }
  }
}
