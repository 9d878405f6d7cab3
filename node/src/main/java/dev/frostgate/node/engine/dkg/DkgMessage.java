package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import java.util.List;
import java.util.Objects;

/**
 * DKG protocol messages (the payload of a signed envelope; the envelope's sender is the one the
 * engine trusts). Messages that may be forwarded as proof (round-1 packages inside round-1 sets and
 * equivocation proofs, round-2 view claims, complaints, timeout votes, certificate signatures) or
 * passed on (share requests, share reveals) also carry a BIP340 signature by the author's identity
 * key, see {@link DkgSignatures}.
 */
public sealed interface DkgMessage {
  SessionId session();

  /**
   * Broadcast: commitment and proof of knowledge, signed by its author ({@code pkg.sender()}) over
   * (session, author, package), so that two different packages from one author are a proof of
   * equivocation anyone can check.
   */
  record Round1(SessionId session, Round1Package pkg, byte[] signature) implements DkgMessage {
    public Round1 {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(pkg, "pkg");
      signature = signature.clone();
    }

    public Identifier author() {
      return pkg.sender();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /**
   * Private (confidential transport): the dealer's share for the receiver, with the dealer's view
   * of round 1 (the digest of every round-1 package of the session as it holds them, {@link
   * DkgSignatures#viewDigest}), signed by the dealer over (session, both parties, share·G, the
   * dealer's commitment, view).
   */
  record Round2(SessionId session, Round2Package pkg, byte[] view, byte[] dealerSignature)
      implements DkgMessage {
    public Round2 {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(pkg, "pkg");
      view = view.clone();
      dealerSignature = dealerSignature.clone();
    }

    @Override
    public byte[] view() {
      return view.clone();
    }

    @Override
    public byte[] dealerSignature() {
      return dealerSignature.clone();
    }
  }

  /**
   * What a dealer signed in a {@link Round2}, without the secret share: the share's public point
   * stands in for it (the signature covers share·G, not the share), so the claim can be forwarded
   * to third parties. Not a message by itself: it travels in {@link Round1Set}s, verified against
   * the set's session.
   */
  record ViewClaim(
      Identifier dealer,
      Identifier receiver,
      VssCommitment commitment,
      Point sharePoint,
      byte[] view,
      byte[] dealerSignature) {
    public ViewClaim {
      Objects.requireNonNull(dealer, "dealer");
      Objects.requireNonNull(receiver, "receiver");
      Objects.requireNonNull(commitment, "commitment");
      Objects.requireNonNull(sharePoint, "sharePoint");
      view = view.clone();
      dealerSignature = dealerSignature.clone();
    }

    /** The claim a received round-2 message makes, given the dealer's commitment we hold. */
    static ViewClaim of(Round2 r, VssCommitment dealerCommitment) {
      return new ViewClaim(
          r.pkg().sender(),
          r.pkg().receiver(),
          dealerCommitment,
          r.pkg().share().publicPoint(),
          r.view,
          r.dealerSignature);
    }

    @Override
    public byte[] view() {
      return view.clone();
    }

    @Override
    public byte[] dealerSignature() {
      return dealerSignature.clone();
    }
  }

  /**
   * Broadcast by a participant that holds a view claim differing from its own view: every signed
   * round-1 package it holds (its own included; they hash to its view) and the differing claims. A
   * receiver holding another signed package from the same author has a proof of {@link
   * Equivocation}; a receiver whose own view differs from a claim waits for the claimant's set.
   */
  record Round1Set(SessionId session, List<Round1> packages, List<ViewClaim> claims)
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
  record Equivocation(SessionId session, Round1 first, Round1 second) implements DkgMessage {
    public Equivocation {
      Objects.requireNonNull(session, "session");
      if (!first.session().equals(session) || !second.session().equals(session)) {
        throw new IllegalArgumentException("a round-1 package of another session");
      }
    }
  }

  /**
   * Broadcast and gossiped: the accuser reveals the share the accused signed (with the view the
   * accused signed alongside) and claims it does not match the accused's commitment; signed by the
   * accuser.
   */
  record Complaint(
      SessionId session,
      InvalidShareEvidence evidence,
      byte[] dealerView,
      byte[] dealerSignature,
      byte[] accuserSignature)
      implements DkgMessage {
    public Complaint {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(evidence, "evidence");
      dealerView = dealerView.clone();
      dealerSignature = dealerSignature.clone();
      accuserSignature = accuserSignature.clone();
    }

    @Override
    public byte[] dealerView() {
      return dealerView.clone();
    }

    @Override
    public byte[] dealerSignature() {
      return dealerSignature.clone();
    }

    @Override
    public byte[] accuserSignature() {
      return accuserSignature.clone();
    }
  }

  /**
   * Broadcast and gossiped: {@code voter} did not receive in time what {@code accused} owed it (a
   * round-1 package, a share, a certificate contribution, or the round-1 set that justifies a view
   * claim differing from the voter's).
   */
  record TimeoutVote(SessionId session, Identifier voter, Identifier accused, byte[] signature)
      implements DkgMessage {
    public TimeoutVote {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(voter, "voter");
      Objects.requireNonNull(accused, "accused");
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /**
   * Broadcast by a participant that still lacks {@code dealer}'s round-2 share some time after it
   * sent its own, and repeated to every participant by each one that saw it, until a valid {@link
   * ShareReveal} answers it. Signed by the requester over (session, requester, dealer), so that
   * anyone may pass it on and nobody can ask for another participant's share.
   */
  record ShareRequest(SessionId session, Identifier requester, Identifier dealer, byte[] signature)
      implements DkgMessage {
    public ShareRequest {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(requester, "requester");
      Objects.requireNonNull(dealer, "dealer");
      if (requester.equals(dealer)) {
        throw new IllegalArgumentException("a participant does not request its own share");
      }
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /**
   * The dealer's answer to a {@link ShareRequest}, broadcast, and passed on by anyone that holds
   * it: the round-2 share f_dealer(receiver) made <em>public</em>, with the view and the dealer
   * signature of its {@link Round2} (the same signed digest: share·G, the dealer's commitment,
   * view), so a reveal proves what the dealer dealt. A valid one is the receiver's share from the
   * dealer; an invalid one signed by the dealer is the evidence of a {@link Complaint}.
   */
  record ShareReveal(
      SessionId session,
      Identifier dealer,
      Identifier receiver,
      Scalar share,
      byte[] view,
      byte[] dealerSignature)
      implements DkgMessage {
    public ShareReveal {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(dealer, "dealer");
      Objects.requireNonNull(receiver, "receiver");
      Objects.requireNonNull(share, "share");
      if (dealer.equals(receiver)) {
        throw new IllegalArgumentException("a dealer does not reveal a share to itself");
      }
      if (share.isZero()) {
        // Shares are nonzero; a zero one has no point a dealer could have signed.
        throw new IllegalArgumentException("a revealed share is nonzero");
      }
      view = view.clone();
      dealerSignature = dealerSignature.clone();
    }

    /** The reveal of our own signed round-2 message. */
    static ShareReveal of(Round2 r) {
      return new ShareReveal(
          r.session(),
          r.pkg().sender(),
          r.pkg().receiver(),
          r.pkg().share().reveal(),
          r.view,
          r.dealerSignature);
    }

    /** The view claim the reveal makes, given the dealer's commitment we hold. */
    ViewClaim claim(VssCommitment dealerCommitment) {
      return new ViewClaim(
          dealer, receiver, dealerCommitment, Point.mulGenerator(share), view, dealerSignature);
    }

    @Override
    public byte[] view() {
      return view.clone();
    }

    @Override
    public byte[] dealerSignature() {
      return dealerSignature.clone();
    }
  }

  /** Broadcast: the sender's certificate signature over transcript hash and group key. */
  record CertificateSignature(SessionId session, byte[] signature) implements DkgMessage {
    public CertificateSignature {
      Objects.requireNonNull(session, "session");
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /** Broadcast by each of the t test signers: its nonce commitment for the test signature. */
  record TestCommit(SessionId session, SigningCommitments commitments) implements DkgMessage {}

  /**
   * Broadcast and gossiped by a validator that completed: the full certificate and the test
   * signature, so that every participant of that session adopts it (even one that already moved
   * on).
   */
  record Final(SessionId session, DkgCertificate certificate, Signature testSignature)
      implements DkgMessage {}

  /** Broadcast by each test signer: its share of the test signature. */
  record TestShare(SessionId session, SignatureShare share) implements DkgMessage {}
}
