package dev.frostgate.crypto.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signing several messages in one session, as a Bitcoin transaction needs one signature per input:
 * one nonce pair per message, one signing package per message, all with the same signer set. Each
 * message is an independent FROST signature; this class keeps the bookkeeping (counts, signer sets,
 * order) in one place so a session cannot mix up nonces and messages.
 */
public final class BatchSigning {
  private BatchSigning() {}

  /** Round 1 for {@code count} messages: one fresh nonce pair each. */
  public static List<SigningNonces> commit(KeyPackage key, int count, SecureRandom rnd) {
    if (count < 1) {
      throw new IllegalArgumentException("a batch signs at least one message");
    }
    List<SigningNonces> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(Round1.commit(key, rnd));
    }
    return out;
  }

  /**
   * The coordinator's packages: {@code commitments.get(signer).get(i)} is that signer's commitment
   * for message i.
   *
   * @throws FrostException if a signer did not commit exactly once per message
   */
  public static List<SigningPackage> packages(
      Map<Identifier, List<SigningCommitments>> commitments, List<byte[]> messages) {
    List<SigningPackage> out = new ArrayList<>(messages.size());
    for (var e : commitments.entrySet()) {
      if (e.getValue().size() != messages.size()) {
        throw new FrostException(
            FrostException.Kind.MISSING_COMMITMENT,
            "participant "
                + e.getKey()
                + " sent "
                + e.getValue().size()
                + " commitments for "
                + messages.size()
                + " messages",
            List.of(e.getKey()));
      }
    }
    for (int i = 0; i < messages.size(); i++) {
      List<SigningCommitments> forMessage = new ArrayList<>(commitments.size());
      for (List<SigningCommitments> c : commitments.values()) {
        forMessage.add(c.get(i));
      }
      out.add(SigningPackage.of(forMessage, messages.get(i)));
    }
    return out;
  }

  /**
   * Round 2 for every message, after checking that the packages form one session (same signers
   * everywhere) and match this signer's nonces one to one. Every nonce is consumed, even on error.
   */
  public static List<SignatureShare> sign(
      List<SigningPackage> packages, List<SigningNonces> nonces, KeyPackage key) {
    return signEach(packages, nonces, java.util.Collections.nCopies(packages.size(), key));
  }

  /**
   * Round 2 where message i is signed with its own key package {@code keys.get(i)} (all of the same
   * participant), as a transaction whose inputs belong to different derived keys needs. Same checks
   * as {@link #sign(List, List, KeyPackage)}; every nonce is consumed, even on error.
   */
  public static List<SignatureShare> signEach(
      List<SigningPackage> packages, List<SigningNonces> nonces, List<KeyPackage> keys) {
    try {
      checkSession(packages);
      if (packages.size() != nonces.size() || packages.size() != keys.size()) {
        throw new FrostException(
            FrostException.Kind.MISSING_COMMITMENT,
            packages.size()
                + " signing packages for "
                + nonces.size()
                + " nonce pairs and "
                + keys.size()
                + " key packages");
      }
      Identifier me = keys.get(0).identifier();
      List<SignatureShare> out = new ArrayList<>(packages.size());
      for (int i = 0; i < packages.size(); i++) {
        if (!keys.get(i).identifier().equals(me)) {
          throw new FrostException(
              FrostException.Kind.UNKNOWN_IDENTIFIER,
              "key package " + i + " belongs to " + keys.get(i).identifier() + ", not " + me);
        }
        out.add(Round2.sign(packages.get(i), nonces.get(i), keys.get(i)));
      }
      return out;
    } finally {
      nonces.forEach(
          n -> {
            if (!n.isUsed()) {
              n.discard();
            }
          });
    }
  }

  /**
   * Aggregates each message's shares against its own public key package {@code publicKeys.get(i)}.
   */
  public static List<Signature> aggregateEach(
      List<SigningPackage> packages,
      List<? extends Collection<SignatureShare>> shares,
      List<PublicKeyPackage> publicKeys) {
    checkSession(packages);
    if (packages.size() != shares.size() || packages.size() != publicKeys.size()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          packages.size()
              + " signing packages but shares for "
              + shares.size()
              + " messages and "
              + publicKeys.size()
              + " public key packages");
    }
    List<Signature> out = new ArrayList<>(packages.size());
    for (int i = 0; i < packages.size(); i++) {
      out.add(Aggregator.aggregate(packages.get(i), shares.get(i), publicKeys.get(i)));
    }
    return out;
  }

  /** Aggregates each message's shares; {@code shares.get(i)} are the shares for message i. */
  public static List<Signature> aggregate(
      List<SigningPackage> packages,
      List<? extends Collection<SignatureShare>> shares,
      PublicKeyPackage publicKeys) {
    return aggregateEach(
        packages, shares, java.util.Collections.nCopies(packages.size(), publicKeys));
  }

  private static void checkSession(List<SigningPackage> packages) {
    if (packages.isEmpty()) {
      throw new FrostException(FrostException.Kind.INSUFFICIENT_SIGNERS, "no signing packages");
    }
    Set<Identifier> signers = packages.get(0).commitments().keySet();
    for (int i = 1; i < packages.size(); i++) {
      if (!packages.get(i).commitments().keySet().equals(signers)) {
        throw new FrostException(
            FrostException.Kind.UNKNOWN_IDENTIFIER,
            "signing package "
                + i
                + " has signers "
                + packages.get(i).commitments().keySet()
                + ", package 0 has "
                + signers);
      }
    }
  }
}
