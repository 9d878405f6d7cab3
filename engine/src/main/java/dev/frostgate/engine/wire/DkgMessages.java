package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.ProofOfKnowledge;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.seal.KeyDisclosure;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.wire.proto.DkgCertificateEntry;
import dev.frostgate.engine.wire.proto.DkgCertificateSignature;
import dev.frostgate.engine.wire.proto.DkgComplaint;
import dev.frostgate.engine.wire.proto.DkgEquivocation;
import dev.frostgate.engine.wire.proto.DkgFinal;
import dev.frostgate.engine.wire.proto.DkgRound1;
import dev.frostgate.engine.wire.proto.DkgRound1Set;
import dev.frostgate.engine.wire.proto.DkgRound2;
import dev.frostgate.engine.wire.proto.DkgSessionRef;
import dev.frostgate.engine.wire.proto.DkgShareRequest;
import dev.frostgate.engine.wire.proto.DkgSignedRound1;
import dev.frostgate.engine.wire.proto.DkgTestCommit;
import dev.frostgate.engine.wire.proto.DkgTestShare;
import dev.frostgate.engine.wire.proto.DkgTimeoutVote;
import dev.frostgate.engine.wire.proto.DkgViewClaim;
import dev.frostgate.engine.wire.proto.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The DKG engine's {@link DkgMessage}s as v1 envelope bodies (one body type per message, see {@code
 * wire.proto}). The envelope's session id is the DKG session's hash ({@link
 * dev.frostgate.engine.dkg.DkgSessionId#hash}), and every body names that session (ceremony and
 * participants), so the engine's session id is recovered from the body and checked against the
 * signed header. The round is always 0: the DKG retransmits every message until it completes, so
 * the messages of one sender have no order.
 *
 * <p>Identifiers travel as validator ids (uint32): a DKG participant's FROST identifier is its
 * validator id. Messages that are their sender's own (round 1, round 2, certificate signature, test
 * commitment and share, round-1 set) must name the envelope's sender where they name an author;
 * forwardable proofs (complaints, votes, equivocations, finals), the signed share requests and the
 * dealer-signed sealed round-2 shares may be relayed by anyone.
 *
 * <p>Decoding is strict: the structure and FrostCodec payloads are checked by {@link
 * EnvelopeStructure}, then every value is decoded canonically (points, scalars, the secret share)
 * and every identifier must be a participant of the body's session. A failure names the field and
 * never contains a field value. No DKG body holds a secret: round-2 shares travel sealed to their
 * receiver ({@link SealedShare}), and a complaint discloses only the key of one ciphertext.
 */
public final class DkgMessages {
  /** The envelope round of every DKG body. */
  public static final int ROUND = 0;

  /** The envelope bodies that carry DKG messages. */
  public static final java.util.Set<Envelope.BodyCase> BODIES =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              Envelope.BodyCase.DKG_ROUND1,
              Envelope.BodyCase.DKG_ROUND2,
              Envelope.BodyCase.DKG_COMPLAINT,
              Envelope.BodyCase.DKG_CERTIFICATE_SIGNATURE,
              Envelope.BodyCase.DKG_TIMEOUT_VOTE,
              Envelope.BodyCase.DKG_TEST_COMMIT,
              Envelope.BodyCase.DKG_TEST_SHARE,
              Envelope.BodyCase.DKG_FINAL,
              Envelope.BodyCase.DKG_ROUND1_SET,
              Envelope.BodyCase.DKG_EQUIVOCATION,
              Envelope.BodyCase.DKG_SHARE_REQUEST));

  private DkgMessages() {}

  /**
   * The {@link ReplayGuard} configuration for DKG messages. Any DKG body may be the first one a
   * node sees of a session (a slow participant hears of it through others' round-1 packages), so
   * every DKG body opens it; the DKG retransmits every message, re-sealed under a new sequence,
   * until it completes and every body has round {@value #ROUND}, so there is no round order to
   * keep. The time window and the per-sender bound are those of {@link
   * EngineMessages#replayGuardConfig()}.
   */
  public static ReplayGuard.Config replayGuardConfig() {
    ReplayGuard.Config signing = EngineMessages.replayGuardConfig();
    return new ReplayGuard.Config(
        signing.maxAge(),
        signing.maxFutureSkew(),
        0,
        signing.maxEntriesPerSender(),
        signing.maxFinishedSessions(),
        BODIES,
        1);
  }

  /** The 32-byte envelope session id of a DKG session. */
  public static SessionHash sessionId(dev.frostgate.engine.dkg.DkgSessionId s) {
    return SessionHash.of(s.hash());
  }

  /**
   * A header and body for {@code m} from validator {@code sender}.
   *
   * @throws IllegalArgumentException if an identifier is not a validator id (1..2^32−1), or the
   *     message names an author other than {@code sender} where it must be the sender's own
   */
  public static Envelope envelope(DkgMessage m, int sender, long sequence, long sentAtMs) {
    Envelope.Builder b =
        EnvelopeCodec.header(sessionId(m.session()), ROUND, sender, sequence, sentAtMs);
    DkgSessionRef s = sessionRef(m.session());
    Identifier self = Identifier.of(Integer.toUnsignedLong(sender));
    switch (m) {
      case DkgMessage.Round1 r -> {
        own(self, r.author(), "round-1 author");
        b.setDkgRound1(DkgRound1.newBuilder().setSession(s).setRound1(signedRound1(r)));
      }
      case DkgMessage.Round2 r -> b.setDkgRound2(round2(s, r));
      case DkgMessage.Complaint c -> {
        DkgMessage.Round2 r = c.accused();
        b.setDkgComplaint(
            DkgComplaint.newBuilder()
                .setSession(s)
                .setAccused(id(r.dealer()))
                .setAccuser(id(r.receiver()))
                .setAccusedCommitment(ByteString.copyFrom(FrostCodec.encode(c.accusedCommitment())))
                .setDealerView(ByteString.copyFrom(r.view().bytes()))
                .setDealerSignature(ByteString.copyFrom(r.dealerSignature().bytes()))
                .setSealedShare(ByteString.copyFrom(r.sealed().encode()))
                .setKeyDisclosure(ByteString.copyFrom(c.disclosure().encode()))
                .setAccuserSignature(ByteString.copyFrom(c.accuserSignature().bytes())));
      }
      case DkgMessage.TimeoutVote v ->
          b.setDkgTimeoutVote(
              DkgTimeoutVote.newBuilder()
                  .setSession(s)
                  .setVoter(id(v.voter()))
                  .setAccused(id(v.accused()))
                  .setSignature(ByteString.copyFrom(v.signature().bytes())));
      case DkgMessage.CertificateSignature c ->
          b.setDkgCertificateSignature(
              DkgCertificateSignature.newBuilder()
                  .setSession(s)
                  .setSignature(ByteString.copyFrom(c.signature().bytes())));
      case DkgMessage.TestCommit c -> {
        own(self, c.commitments().identifier(), "test commitment signer");
        b.setDkgTestCommit(
            DkgTestCommit.newBuilder()
                .setSession(s)
                .setSigningCommitments(ByteString.copyFrom(FrostCodec.encode(c.commitments()))));
      }
      case DkgMessage.TestShare t -> {
        own(self, t.share().identifier(), "test share signer");
        b.setDkgTestShare(
            DkgTestShare.newBuilder()
                .setSession(s)
                .setSignatureShare(ByteString.copyFrom(FrostCodec.encode(t.share()))));
      }
      case DkgMessage.Final f -> {
        DkgFinal.Builder fb =
            DkgFinal.newBuilder()
                .setSession(s)
                .setTranscriptHash(ByteString.copyFrom(f.certificate().transcriptHash().bytes()))
                .setGroupKey(ByteString.copyFrom(f.certificate().groupKey().compressed()))
                .setTestSignature(ByteString.copyFrom(FrostCodec.encode(f.testSignature())));
        f.certificate()
            .signatures()
            .forEach(
                (signer, sig) ->
                    fb.addCertificate(
                        DkgCertificateEntry.newBuilder()
                            .setSigner(id(signer))
                            .setSignature(ByteString.copyFrom(sig.bytes()))));
        b.setDkgFinal(fb);
      }
      case DkgMessage.Round1Set set -> {
        DkgRound1Set.Builder sb = DkgRound1Set.newBuilder().setSession(s);
        set.packages().forEach(r -> sb.addPackages(signedRound1(r)));
        for (DkgMessage.ViewClaim c : set.claims()) {
          sb.addClaims(
              DkgViewClaim.newBuilder()
                  .setDealer(id(c.dealer()))
                  .setReceiver(id(c.receiver()))
                  .setVssCommitment(ByteString.copyFrom(FrostCodec.encode(c.commitment())))
                  .setSealedDigest(ByteString.copyFrom(c.sealedDigest().bytes()))
                  .setView(ByteString.copyFrom(c.view().bytes()))
                  .setDealerSignature(ByteString.copyFrom(c.dealerSignature().bytes())));
        }
        b.setDkgRound1Set(sb);
      }
      case DkgMessage.ShareRequest r ->
          b.setDkgShareRequest(
              DkgShareRequest.newBuilder()
                  .setSession(s)
                  .setRequester(id(r.requester()))
                  .setDealer(id(r.dealer()))
                  .setSignature(ByteString.copyFrom(r.signature().bytes())));
      case DkgMessage.Equivocation e ->
          b.setDkgEquivocation(
              DkgEquivocation.newBuilder()
                  .setSession(s)
                  .setFirst(signedRound1(e.first()))
                  .setSecond(signedRound1(e.second())));
    }
    return b.build();
  }

  private static DkgRound2 round2(DkgSessionRef s, DkgMessage.Round2 r) {
    return DkgRound2.newBuilder()
        .setSession(s)
        .setDealer(id(r.dealer()))
        .setReceiver(id(r.receiver()))
        .setSealedShare(ByteString.copyFrom(r.sealed().encode()))
        .setView(ByteString.copyFrom(r.view().bytes()))
        .setDealerSignature(ByteString.copyFrom(r.dealerSignature().bytes()))
        .build();
  }

  private static DkgSessionRef sessionRef(dev.frostgate.engine.dkg.DkgSessionId s) {
    DkgSessionRef.Builder b = DkgSessionRef.newBuilder().setCeremony(s.ceremony());
    s.participants().forEach(p -> b.addParticipants(id(p)));
    return b.build();
  }

  private static DkgSignedRound1 signedRound1(DkgMessage.Round1 r) {
    Round1Package p = r.pkg();
    return DkgSignedRound1.newBuilder()
        .setAuthor(id(p.sender()))
        .setVssCommitment(ByteString.copyFrom(FrostCodec.encode(p.commitment())))
        .setProofOfKnowledge(
            ByteString.copyFrom(FrostCodec.encode(new Signature(p.proof().r(), p.proof().mu()))))
        .setSignature(ByteString.copyFrom(r.signature().bytes()))
        .build();
  }

  /** A FROST identifier as a validator id. */
  private static int id(Identifier i) {
    long v = i.smallValue();
    if (v < 1 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("identifier " + i + " is not a validator id");
    }
    return (int) v;
  }

  private static void own(Identifier sender, Identifier named, String what) {
    if (!sender.equals(named)) {
      throw new IllegalArgumentException(what + " " + named + " is not the sender " + sender);
    }
  }

  // ---------------------------------------------------------------- decoding

  /** Thrown inside decoding; carries the first problem found. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    Invalid(RejectReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  /**
   * The DKG message in an envelope, or why not. Meant for a verified envelope (its signature
   * checked by {@link EnvelopeVerifier}); the structural checks are repeated here so that this is
   * strict on its own. A rejection's detail names the field that is wrong, never its value.
   */
  public static Decoded<DkgMessage> decode(Envelope e) {
    try {
      return Decoded.accept(decodeOrThrow(e));
    } catch (Invalid ex) {
      return Decoded.reject(ex.reason, ex.getMessage());
    }
  }

  private static DkgMessage decodeOrThrow(Envelope e) {
    Optional<String> unsupported = WireVersion.unsupported(e.getVersion());
    if (unsupported.isPresent()) {
      throw new Invalid(RejectReason.UNSUPPORTED_VERSION, unsupported.get());
    }
    Optional<String> problem = EnvelopeStructure.check(e, true);
    if (problem.isPresent()) {
      throw new Invalid(RejectReason.MALFORMED, problem.get());
    }
    if (!BODIES.contains(e.getBodyCase())) {
      throw new Invalid(RejectReason.MALFORMED, "not a DKG message: " + e.getBodyCase());
    }
    if (e.getRound() != ROUND) {
      throw new Invalid(RejectReason.MALFORMED, "round must be 0 for a DKG message");
    }
    Identifier sender = Identifier.of(Integer.toUnsignedLong(e.getSender()));
    return switch (e.getBodyCase()) {
      case DKG_ROUND1 -> {
        DkgRound1 b = e.getDkgRound1();
        Ctx c = ctx(e, "dkg_round1", b.getSession());
        DkgMessage.Round1 r = c.round1("dkg_round1.round1", b.getRound1());
        c.sameAs("dkg_round1.round1.author", r.author(), sender, "the envelope sender");
        yield r;
      }
      case DKG_ROUND2 -> {
        DkgRound2 b = e.getDkgRound2();
        Ctx c = ctx(e, "dkg_round2", b.getSession());
        c.participant("sender", sender);
        Identifier dealer = c.participant("dkg_round2.dealer", b.getDealer());
        Identifier receiver = c.participant("dkg_round2.receiver", b.getReceiver());
        c.distinct("dkg_round2.receiver", receiver, dealer);
        yield new DkgMessage.Round2(
            c.session,
            dealer,
            receiver,
            sealed("dkg_round2.sealed_share", b.getSealedShare()),
            frost("dkg_round2.view", b.getView(), Hash32::of),
            frost("dkg_round2.dealer_signature", b.getDealerSignature(), Bip340Signature::of));
      }
      case DKG_COMPLAINT -> {
        DkgComplaint b = e.getDkgComplaint();
        Ctx c = ctx(e, "dkg_complaint", b.getSession());
        Identifier accused = c.participant("dkg_complaint.accused", b.getAccused());
        Identifier accuser = c.participant("dkg_complaint.accuser", b.getAccuser());
        c.distinct("dkg_complaint.accuser", accuser, accused);
        DkgMessage.Round2 r =
            new DkgMessage.Round2(
                c.session,
                accused,
                accuser,
                sealed("dkg_complaint.sealed_share", b.getSealedShare()),
                frost("dkg_complaint.dealer_view", b.getDealerView(), Hash32::of),
                frost(
                    "dkg_complaint.dealer_signature", b.getDealerSignature(), Bip340Signature::of));
        yield new DkgMessage.Complaint(
            c.session,
            r,
            frost(
                "dkg_complaint.accused_commitment",
                b.getAccusedCommitment(),
                FrostCodec::decodeVssCommitment),
            disclosure("dkg_complaint.key_disclosure", b.getKeyDisclosure()),
            frost("dkg_complaint.accuser_signature", b.getAccuserSignature(), Bip340Signature::of));
      }
      case DKG_TIMEOUT_VOTE -> {
        DkgTimeoutVote b = e.getDkgTimeoutVote();
        Ctx c = ctx(e, "dkg_timeout_vote", b.getSession());
        Identifier voter = c.participant("dkg_timeout_vote.voter", b.getVoter());
        Identifier accused = c.participant("dkg_timeout_vote.accused", b.getAccused());
        c.distinct("dkg_timeout_vote.accused", accused, voter);
        yield new DkgMessage.TimeoutVote(
            c.session,
            voter,
            accused,
            frost("dkg_timeout_vote.signature", b.getSignature(), Bip340Signature::of));
      }
      case DKG_CERTIFICATE_SIGNATURE -> {
        DkgCertificateSignature b = e.getDkgCertificateSignature();
        Ctx c = ctx(e, "dkg_certificate_signature", b.getSession());
        c.participant("sender", sender);
        yield new DkgMessage.CertificateSignature(
            c.session,
            frost("dkg_certificate_signature.signature", b.getSignature(), Bip340Signature::of));
      }
      case DKG_TEST_COMMIT -> {
        DkgTestCommit b = e.getDkgTestCommit();
        Ctx c = ctx(e, "dkg_test_commit", b.getSession());
        SigningCommitments sc =
            frost(
                "dkg_test_commit.signing_commitments",
                b.getSigningCommitments(),
                FrostCodec::decodeSigningCommitments);
        c.participant("sender", sender);
        c.sameAs(
            "dkg_test_commit.signing_commitments.identifier",
            sc.identifier(),
            sender,
            "the envelope sender");
        yield new DkgMessage.TestCommit(c.session, sc);
      }
      case DKG_TEST_SHARE -> {
        DkgTestShare b = e.getDkgTestShare();
        Ctx c = ctx(e, "dkg_test_share", b.getSession());
        SignatureShare sh =
            frost(
                "dkg_test_share.signature_share",
                b.getSignatureShare(),
                FrostCodec::decodeSignatureShare);
        c.participant("sender", sender);
        c.sameAs(
            "dkg_test_share.signature_share.identifier",
            sh.identifier(),
            sender,
            "the envelope sender");
        yield new DkgMessage.TestShare(c.session, sh);
      }
      case DKG_FINAL -> {
        DkgFinal b = e.getDkgFinal();
        Ctx c = ctx(e, "dkg_final", b.getSession());
        TreeMap<Identifier, Bip340Signature> sigs = new TreeMap<>();
        for (int i = 0; i < b.getCertificateCount(); i++) {
          DkgCertificateEntry entry = b.getCertificate(i);
          sigs.put(
              c.participant("dkg_final.certificate[" + i + "].signer", entry.getSigner()),
              frost(
                  "dkg_final.certificate[" + i + "].signature",
                  entry.getSignature(),
                  Bip340Signature::of));
        }
        DkgCertificate cert =
            new DkgCertificate(
                frost("dkg_final.transcript_hash", b.getTranscriptHash(), Hash32::of),
                point("dkg_final.group_key", b.getGroupKey()),
                sigs);
        yield new DkgMessage.Final(
            c.session,
            cert,
            frost("dkg_final.test_signature", b.getTestSignature(), FrostCodec::decodeSignature));
      }
      case DKG_ROUND1_SET -> {
        DkgRound1Set b = e.getDkgRound1Set();
        Ctx c = ctx(e, "dkg_round1_set", b.getSession());
        c.participant("sender", sender);
        List<DkgMessage.Round1> packages = new ArrayList<>();
        for (int i = 0; i < b.getPackagesCount(); i++) {
          packages.add(c.round1("dkg_round1_set.packages[" + i + "]", b.getPackages(i)));
        }
        List<DkgMessage.ViewClaim> claims = new ArrayList<>();
        for (int i = 0; i < b.getClaimsCount(); i++) {
          claims.add(c.claim("dkg_round1_set.claims[" + i + "]", b.getClaims(i)));
        }
        yield new DkgMessage.Round1Set(c.session, packages, claims);
      }
      case DKG_EQUIVOCATION -> {
        DkgEquivocation b = e.getDkgEquivocation();
        Ctx c = ctx(e, "dkg_equivocation", b.getSession());
        DkgMessage.Round1 first = c.round1("dkg_equivocation.first", b.getFirst());
        DkgMessage.Round1 second = c.round1("dkg_equivocation.second", b.getSecond());
        c.sameAs(
            "dkg_equivocation.second.author",
            second.author(),
            first.author(),
            "dkg_equivocation.first.author");
        yield new DkgMessage.Equivocation(c.session, first, second);
      }
      case DKG_SHARE_REQUEST -> {
        DkgShareRequest b = e.getDkgShareRequest();
        Ctx c = ctx(e, "dkg_share_request", b.getSession());
        Identifier requester = c.participant("dkg_share_request.requester", b.getRequester());
        Identifier dealer = c.participant("dkg_share_request.dealer", b.getDealer());
        c.distinct("dkg_share_request.dealer", dealer, requester);
        yield new DkgMessage.ShareRequest(
            c.session,
            requester,
            dealer,
            frost("dkg_share_request.signature", b.getSignature(), Bip340Signature::of));
      }
      default -> throw new Invalid(RejectReason.MALFORMED, "not a DKG message");
    };
  }

  /** The body's session, checked against the envelope's session id. */
  private static Ctx ctx(Envelope e, String body, DkgSessionRef ref) {
    List<Identifier> participants = new ArrayList<>();
    ref.getParticipantsList()
        .forEach(p -> participants.add(Identifier.of(Integer.toUnsignedLong(p))));
    dev.frostgate.engine.dkg.DkgSessionId s =
        new dev.frostgate.engine.dkg.DkgSessionId(ref.getCeremony(), participants);
    if (!ByteString.copyFrom(s.hash()).equals(e.getSessionId())) {
      throw new Invalid(
          RejectReason.WRONG_SESSION,
          "session_id is not the hash of " + body + ".session (ceremony and participants)");
    }
    return new Ctx(s);
  }

  /** Decoding within one DKG session. */
  private record Ctx(dev.frostgate.engine.dkg.DkgSessionId session) {
    Identifier participant(String field, int validatorId) {
      return participant(field, Identifier.of(Integer.toUnsignedLong(validatorId)));
    }

    Identifier participant(String field, Identifier id) {
      if (!session.participants().contains(id)) {
        throw new Invalid(RejectReason.MALFORMED, field + " is not a participant of the session");
      }
      return id;
    }

    void sameAs(String field, Identifier actual, Identifier expected, String expectedName) {
      if (!actual.equals(expected)) {
        throw new Invalid(RejectReason.MALFORMED, field + " must be " + expectedName);
      }
    }

    void distinct(String field, Identifier a, Identifier b) {
      if (a.equals(b)) {
        throw new Invalid(RejectReason.MALFORMED, field + " names the same participant twice");
      }
    }

    DkgMessage.Round1 round1(String field, DkgSignedRound1 b) {
      Identifier author = participant(field + ".author", b.getAuthor());
      VssCommitment commitment =
          frost(field + ".vss_commitment", b.getVssCommitment(), FrostCodec::decodeVssCommitment);
      Signature pok =
          frost(
              field + ".proof_of_knowledge", b.getProofOfKnowledge(), FrostCodec::decodeSignature);
      return new DkgMessage.Round1(
          session,
          new Round1Package(author, commitment, new ProofOfKnowledge(pok.r(), pok.z())),
          frost(field + ".signature", b.getSignature(), Bip340Signature::of));
    }

    DkgMessage.ViewClaim claim(String field, DkgViewClaim b) {
      Identifier dealer = participant(field + ".dealer", b.getDealer());
      Identifier receiver = participant(field + ".receiver", b.getReceiver());
      distinct(field + ".receiver", receiver, dealer);
      return new DkgMessage.ViewClaim(
          dealer,
          receiver,
          frost(field + ".vss_commitment", b.getVssCommitment(), FrostCodec::decodeVssCommitment),
          frost(field + ".sealed_digest", b.getSealedDigest(), Hash32::of),
          frost(field + ".view", b.getView(), Hash32::of),
          frost(field + ".dealer_signature", b.getDealerSignature(), Bip340Signature::of));
    }
  }

  private static <T> T frost(String field, ByteString b, Function<byte[], T> decoder) {
    try {
      return decoder.apply(b.toByteArray());
    } catch (CryptoException | IllegalArgumentException ex) {
      throw new Invalid(RejectReason.MALFORMED, field + " is not a valid encoding");
    }
  }

  private static Point point(String field, ByteString b) {
    try {
      return Point.decode(b.toByteArray());
    } catch (CryptoException | IllegalArgumentException ex) {
      throw new Invalid(RejectReason.MALFORMED, field + " is not a curve point");
    }
  }

  private static SealedShare sealed(String field, ByteString b) {
    try {
      return SealedShare.decode(b.toByteArray());
    } catch (SealException ex) {
      throw new Invalid(RejectReason.MALFORMED, field + " is not a sealed share");
    }
  }

  private static KeyDisclosure disclosure(String field, ByteString b) {
    try {
      return KeyDisclosure.decode(b.toByteArray());
    } catch (SealException ex) {
      throw new Invalid(RejectReason.MALFORMED, field + " is not a key disclosure");
    }
  }
}
