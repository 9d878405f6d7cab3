package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.seal.KeyDisclosure;
import dev.frostgate.crypto.seal.SealedShare;
import java.util.List;
import java.util.Objects;

/**
 * DKG protocol messages (the payload of a signed envelope; the envelope's sender is the one the
 * engine trusts). Messages that may be forwarded as proof (round-1 packages inside round-1 sets and
 * equivocation proofs, round-2 view claims, complaints, timeout votes, certificate signatures) or
 * passed on (share requests, sealed round-2 shares) also carry a BIP340 signature by the author's
 * identity key, see {@link DkgSignatures}.
 */
public sealed interface DkgMessage {
  DkgSessionId session();

  /**
   * Broadcast: commitment and proof of knowledge, signed by its author ({@code pkg.sender()}) over
   * (session, author, package), so that two different packages from one author are a proof of
   * equivocation anyone can check.
   */
  record Round1(DkgSessionId session, Round1Package pkg, Bip340Signature signature)
      implements DkgMessage {
    public Round1 {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(pkg, "pkg");
      Objects.requireNonNull(signature, "signature");
    }

    public Identifier author() {
      return pkg.sender();
    }
  }

  /**
   * The dealer's round-2 share for {@code receiver}, sealed to the receiver's identity key ({@link
   * DkgShares#seal}: nobody else can open it), with the dealer's view of round 1 (the digest of
   * every round-1 package of the session as it holds them, {@link DkgSignatures#viewDigest}),
   * signed by the dealer over (session, both parties, the sealed share's digest, the dealer's
   * commitment, view). Public and forwardable: the dealer answers a share request by broadcasting
   * it again, and anyone holding it may pass it to its receiver.
   */
  record Round2(
      DkgSessionId session,
      Identifier dealer,
      Identifier receiver,
      SealedShare sealed,
      Hash32 view,
      Bip340Signature dealerSignature)
      implements DkgMessage {
    public Round2 {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(dealer, "dealer");
      Objects.requireNonNull(receiver, "receiver");
      Objects.requireNonNull(sealed, "sealed");
      if (dealer.equals(receiver)) {
        throw new IllegalArgumentException("a dealer does not send a share to itself");
      }
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(dealerSignature, "dealerSignature");
    }
  }

  /**
   * What a dealer signed in a {@link Round2}, with the sealed share's digest standing in for the
   * sealed share, so the claim can be forwarded compactly. Not a message by itself: it travels in
   * {@link Round1Set}s, verified against the set's session.
   */
  record ViewClaim(
      Identifier dealer,
      Identifier receiver,
      VssCommitment commitment,
      Hash32 sealedDigest,
      Hash32 view,
      Bip340Signature dealerSignature) {
    public ViewClaim {
      Objects.requireNonNull(dealer, "dealer");
      Objects.requireNonNull(receiver, "receiver");
      Objects.requireNonNull(commitment, "commitment");
      Objects.requireNonNull(sealedDigest, "sealedDigest");
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(dealerSignature, "dealerSignature");
    }

    /** The claim a round-2 message makes, given the dealer's commitment we hold. */
    public static ViewClaim of(Round2 r, VssCommitment dealerCommitment) {
      return new ViewClaim(
          r.dealer, r.receiver, dealerCommitment, r.sealed.digest(), r.view, r.dealerSignature);
    }
  }

  /**
   * Broadcast by a participant that holds a view claim differing from its own view: every signed
   * round-1 package it holds (its own included; they hash to its view) and the differing claims. A
   * receiver holding another signed package from the same author has a proof of {@link
   * Equivocation}; a receiver whose own view differs from a claim waits for the claimant's set.
   */
  record Round1Set(DkgSessionId session, List<Round1> packages, List<ViewClaim> claims)
      implements DkgMessage {
    public Round1Set {
      Objects.requireNonNull(session, "session");
      packages = List.copyOf(packages);
      claims = List.copyOf(claims);
      for (Round1 r : packages) {
        if (!r.session().equals(session)) {
          throw new IllegalArgumentException("a round-1 package of another session");
        }
      }
    }
  }

  /**
   * Broadcast and gossiped: two different round-1 packages, each signed by the same author for the
   * same session. Proves the author equivocated; checkable by anyone with its identity key.
   */
  record Equivocation(DkgSessionId session, Round1 first, Round1 second) implements DkgMessage {
    public Equivocation {
      Objects.requireNonNull(session, "session");
      if (!first.session().equals(session) || !second.session().equals(session)) {
        throw new IllegalArgumentException("a round-1 package of another session");
      }
    }
  }

  /**
   * Broadcast and gossiped: the receiver of a dealer-signed sealed share that does not open to a
   * share matching the dealer's commitment accuses the dealer. It discloses the Diffie–Hellman
   * point of that one ciphertext with a proof that its identity key made it ({@link
   * KeyDisclosure}), so anyone can open the share and check it against the commitment the dealer
   * signed; signed by the accuser ({@link DkgSignatures#complaintDigest}). It convicts the dealer
   * if the share is wrong, and otherwise the accuser (see {@link DkgSignatures#culprit}).
   */
  record Complaint(
      DkgSessionId session,
      Round2 accused,
      VssCommitment accusedCommitment,
      KeyDisclosure disclosure,
      Bip340Signature accuserSignature)
      implements DkgMessage {
    public Complaint {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(accused, "accused");
      Objects.requireNonNull(accusedCommitment, "accusedCommitment");
      Objects.requireNonNull(disclosure, "disclosure");
      if (!accused.session().equals(session)) {
        throw new IllegalArgumentException("a round-2 message of another session");
      }
      Objects.requireNonNull(accuserSignature, "accuserSignature");
    }

    public Identifier dealer() {
      return accused.dealer();
    }

    public Identifier accuser() {
      return accused.receiver();
    }
  }

  /**
   * Broadcast and gossiped: {@code voter} did not receive in time what {@code accused} owed it (a
   * round-1 package, a share, a certificate contribution, or the round-1 set that justifies a view
   * claim differing from the voter's).
   */
  record TimeoutVote(
      DkgSessionId session, Identifier voter, Identifier accused, Bip340Signature signature)
      implements DkgMessage {
    public TimeoutVote {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(voter, "voter");
      Objects.requireNonNull(accused, "accused");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /**
   * Broadcast by a participant that still lacks {@code dealer}'s round-2 share some time after it
   * sent its own, and repeated to every participant by each one that saw it, until the dealer's
   * signed {@link Round2} for the requester is seen. The dealer answers by broadcasting that same
   * sealed share (it is encrypted to the requester, so anyone may hold and pass it on). Signed by
   * the requester over (session, requester, dealer), so that anyone may pass it on and nobody can
   * ask in another participant's name.
   */
  record ShareRequest(
      DkgSessionId session, Identifier requester, Identifier dealer, Bip340Signature signature)
      implements DkgMessage {
    public ShareRequest {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(requester, "requester");
      Objects.requireNonNull(dealer, "dealer");
      if (requester.equals(dealer)) {
        throw new IllegalArgumentException("a participant does not request its own share");
      }
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Broadcast: the sender's certificate signature over transcript hash and group key. */
  record CertificateSignature(DkgSessionId session, Bip340Signature signature)
      implements DkgMessage {
    public CertificateSignature {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Broadcast by each of the t test signers: its nonce commitment for the test signature. */
  record TestCommit(DkgSessionId session, SigningCommitments commitments) implements DkgMessage {}

  /**
   * Broadcast and gossiped by a validator that completed: the full certificate and the test
   * signature, so that every participant of that session adopts it (even one that already moved
   * on).
   */
  record Final(DkgSessionId session, DkgCertificate certificate, Signature testSignature)
      implements DkgMessage {}

  /** Broadcast by each test signer: its share of the test signature. */
  record TestShare(DkgSessionId session, SignatureShare share) implements DkgMessage {}
}
