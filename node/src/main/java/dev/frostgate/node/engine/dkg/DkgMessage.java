package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round2Package;

/**
 * DKG protocol messages (the payload of a signed envelope; the envelope's sender is the one the
 * engine trusts). Messages that may be forwarded as proof (round-2 shares inside complaints,
 * complaints, timeout votes, certificate signatures) also carry a BIP340 signature by the author's
 * identity key, see {@link DkgSignatures}.
 */
public sealed interface DkgMessage {
  SessionId session();

  /** Broadcast: commitment and proof of knowledge. */
  record Round1(SessionId session, Round1Package pkg) implements DkgMessage {}

  /**
   * Private (confidential transport): the dealer's share for the receiver, signed by the dealer
   * over (session, sender, receiver, share, the dealer's commitment).
   */
  record Round2(SessionId session, Round2Package pkg, byte[] dealerSignature)
      implements DkgMessage {
    public Round2 {
      dealerSignature = dealerSignature.clone();
    }
  }

  /**
   * Broadcast and gossiped: the accuser reveals the share the accused signed and claims it does not
   * match the accused's commitment; signed by the accuser.
   */
  record Complaint(
      SessionId session,
      InvalidShareEvidence evidence,
      byte[] dealerSignature,
      byte[] accuserSignature)
      implements DkgMessage {
    public Complaint {
      dealerSignature = dealerSignature.clone();
      accuserSignature = accuserSignature.clone();
    }
  }

  /** Broadcast and gossiped: {@code voter} did not receive what {@code accused} owed it in time. */
  record TimeoutVote(SessionId session, Identifier voter, Identifier accused, byte[] signature)
      implements DkgMessage {
    public TimeoutVote {
      signature = signature.clone();
    }
  }

  /** Broadcast: the sender's certificate signature over transcript hash and group key. */
  record CertificateSignature(SessionId session, byte[] signature) implements DkgMessage {
    public CertificateSignature {
      signature = signature.clone();
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
