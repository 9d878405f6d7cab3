package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public progress of one validator's DKG, as saved through {@link DkgStore}: everything a
 * restarted {@link DkgSession} needs besides the two secrets (round-1 polynomial, key package),
 * which only the key store holds. Immutable; the {@code with*} methods return updated copies.
 *
 * @param exclusions the exclusions this validator applied, in order, each with its proof
 * @param votes this validator's own timeout votes (a session it voted in is never certified)
 * @param sessions every session this validator announced a round-1 package in
 * @param completion the completed session's certificate and test signature, once complete
 */
public record DkgProgress(
    List<DkgEvent.Excluded> exclusions,
    List<DkgMessage.TimeoutVote> votes,
    List<SessionProgress> sessions,
    Optional<Completion> completion) {

  public static final DkgProgress EMPTY =
      new DkgProgress(List.of(), List.of(), List.of(), Optional.empty());

  public DkgProgress {
    exclusions = List.copyOf(exclusions);
    votes = List.copyOf(votes);
    sessions = List.copyOf(sessions);
    Objects.requireNonNull(completion, "completion");
  }

  /**
   * One session this validator announced its round-1 package in.
   *
   * @param round1 the package it broadcast (a restart broadcasts the same one)
   * @param certified set when it signed the session's certificate
   * @param testCommitment set when it broadcast its test nonce commitment (whose nonces died with
   *     the process: a restarted validator never honours it)
   */
  public record SessionProgress(
      DkgSessionId session,
      Round1Package round1,
      Optional<Certified> certified,
      Optional<SigningCommitments> testCommitment) {
    public SessionProgress {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(round1, "round1");
      Objects.requireNonNull(certified, "certified");
      Objects.requireNonNull(testCommitment, "testCommitment");
    }
  }

  /**
   * What this validator certified in a session: the transcript hash and group key it signed (with
   * the public key package of that output), its signature, and its view of round 1 (the digest its
   * round-2 shares were signed over, so a restart re-sends the same shares with the same view).
   */
  public record Certified(
      Hash32 transcriptHash,
      PublicKeyPackage rawPublicKeyPackage,
      Hash32 view,
      Bip340Signature signature) {
    public Certified {
      Objects.requireNonNull(transcriptHash, "transcriptHash");
      Objects.requireNonNull(rawPublicKeyPackage, "rawPublicKeyPackage");
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(signature, "signature");
    }

    public Point groupKey() {
      return rawPublicKeyPackage.verifyingKey();
    }

    /** Short: the public key package says nothing a reader needs here. */
    @Override
    public String toString() {
      return "Certified[" + transcriptHash + "]";
    }
  }

  /** The completed session: its full certificate and the verified test signature. */
  public record Completion(
      DkgSessionId session, DkgCertificate certificate, Signature testSignature) {
    public Completion {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(testSignature, "testSignature");
    }
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  public Optional<SessionProgress> session(DkgSessionId s) {
    return sessions.stream().filter(p -> p.session().equals(s)).findFirst();
  }

  public DkgProgress withExclusion(DkgEvent.Excluded x) {
    List<DkgEvent.Excluded> l = new ArrayList<>(exclusions);
    l.add(x);
    return new DkgProgress(l, votes, sessions, completion);
  }

  public DkgProgress withVote(DkgMessage.TimeoutVote v) {
    List<DkgMessage.TimeoutVote> l = new ArrayList<>(votes);
    l.add(v);
    return new DkgProgress(exclusions, l, sessions, completion);
  }

  /** With {@code p} replacing the entry of its session (or added). */
  public DkgProgress withSession(SessionProgress p) {
    List<SessionProgress> l = new ArrayList<>(sessions);
    l.removeIf(x -> x.session().equals(p.session()));
    l.add(p);
    return new DkgProgress(exclusions, votes, l, completion);
  }

  public DkgProgress withCompletion(Completion c) {
    return new DkgProgress(exclusions, votes, sessions, Optional.of(c));
  }
}
