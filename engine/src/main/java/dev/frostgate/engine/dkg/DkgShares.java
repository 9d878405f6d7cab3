package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.seal.SealContext;
import dev.frostgate.crypto.seal.SealPurpose;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.crypto.seal.ShareSealer;
import java.util.Optional;

/**
 * Round-2 shares of the networked DKG, sealed end to end to their receiver's identity key ({@link
 * ShareSealer}): the context a share is bound to (ciphersuite, session, dealer, receiver and the
 * hash of the dealer's round-1 commitment), sealing, opening, and the point a share must have. A
 * sealed share is public: relays, retransmissions, complaints and logs never see a share in the
 * clear (rule S1 of the package documentation).
 */
public final class DkgShares {
  private DkgShares() {}

  /** The hash of a dealer's VSS commitment that a sealed share is bound to. */
  public static Hash32 commitmentHash(Ciphersuite suite, VssCommitment c) {
    return Hash32.of(
        Hashes.taggedHash(
            "Frostgate/dkg-commitment",
            Hashes.ascii(suite.contextString()),
            DkgSignatures.commitmentBytes(c)));
  }

  public static SealContext context(
      Ciphersuite suite,
      DkgSessionId s,
      Identifier dealer,
      Identifier receiver,
      VssCommitment dealerCommitment) {
    return new SealContext(
        SealPurpose.DKG_SHARE,
        suite.contextString(),
        s.hash(),
        dealer,
        receiver,
        commitmentHash(suite, dealerCommitment));
  }

  /**
   * Seals {@code share} = f(receiver) to the receiver. The ephemeral key is derived from the
   * polynomial's constant term and the context (not the receiver), so after a restart the dealer,
   * which keeps its polynomial, re-sends byte-identical ciphertexts, and one ephemeral key never
   * encrypts two different plaintexts to one receiver.
   */
  public static SealedShare seal(
      Ciphersuite suite,
      DkgSessionId s,
      Identifier dealer,
      VssCommitment dealerCommitment,
      SecretScalar polynomialConstant,
      Identifier receiver,
      Bip340PublicKey receiverKey,
      SecretScalar share) {
    SealContext ctx = context(suite, s, dealer, receiver, dealerCommitment);
    SecretScalar e = ShareSealer.dealerEphemeral(polynomialConstant, ctx);
    try {
      return ShareSealer.seal(ctx, e, receiverKey.bytes(), share);
    } finally {
      e.destroy();
    }
  }

  /**
   * Opens a share sealed to us.
   *
   * @throws dev.frostgate.crypto.seal.SealException if it does not open to a scalar (the dealer
   *     sealed garbage, which a complaint proves)
   */
  public static SecretScalar open(
      Ciphersuite suite,
      DkgMessage.Round2 r,
      VssCommitment dealerCommitment,
      Bip340KeyPair identity) {
    return ShareSealer.open(
        context(suite, r.session(), r.dealer(), r.receiver(), dealerCommitment),
        identity,
        r.sealed());
  }

  /** The point f_dealer(receiver)·G that the share must have; empty if it is the identity. */
  public static Optional<Point> expectedPoint(VssCommitment dealerCommitment, Identifier receiver) {
    try {
      return Optional.of(dealerCommitment.evaluate(receiver));
    } catch (FrostException e) {
      return Optional.empty();
    }
  }
}
