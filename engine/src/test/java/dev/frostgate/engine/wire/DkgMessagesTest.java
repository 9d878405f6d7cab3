package dev.frostgate.engine.wire;

import static dev.frostgate.engine.wire.WireFixtures.DKG_SESSION;
import static dev.frostgate.engine.wire.WireFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.engine.wire.proto.DkgCertificateEntry;
import dev.frostgate.engine.wire.proto.DkgSessionRef;
import dev.frostgate.engine.wire.proto.DkgSignedRound1;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.Envelope.BodyCase;
import dev.frostgate.testkit.crypto.Seeded;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DkgMessagesTest {
  static final WireFixtures F = new WireFixtures(42);
  static final EnvelopeVerifier VERIFIER = new EnvelopeVerifier(F.keys, WireLimits.DEFAULT);
  static final Set<BodyCase> DKG =
      EnumSet.of(
          BodyCase.DKG_ROUND1,
          BodyCase.DKG_ROUND2,
          BodyCase.DKG_COMPLAINT,
          BodyCase.DKG_CERTIFICATE_SIGNATURE,
          BodyCase.DKG_TIMEOUT_VOTE,
          BodyCase.DKG_TEST_COMMIT,
          BodyCase.DKG_TEST_SHARE,
          BodyCase.DKG_FINAL,
          BodyCase.DKG_ROUND1_SET,
          BodyCase.DKG_EQUIVOCATION,
          BodyCase.DKG_SHARE_REQUEST);

  static Map<Identifier, Bip340PublicKey> identityKeys() {
    Map<Identifier, Bip340PublicKey> m = new TreeMap<>();
    F.identity.forEach(
        (id, k) -> m.put(Identifier.of(id), Bip340PublicKey.of(k.publicPoint().xOnly())));
    return m;
  }

  @Test
  void everyDkgMessageTypeHasAFixture() {
    Set<Class<?>> types = new java.util.HashSet<>();
    F.dkg.values().forEach(m -> types.add(m.getClass()));
    assertThat(types).containsExactlyInAnyOrder(DkgMessage.class.getPermittedSubclasses());
    assertThat(F.dkg.keySet()).isEqualTo(DKG);
  }

  @ParameterizedTest
  @EnumSource(value = BodyCase.class, names = "DKG_.*", mode = EnumSource.Mode.MATCH_ALL)
  void roundTripsThroughASignedEnvelope(BodyCase body) {
    DkgMessage m = F.dkg.get(body);
    Envelope e = F.bodies.get(body);
    byte[] wire = F.sign(e).toByteArray();

    Decoded<VerifiedEnvelope> r = VERIFIER.verify(e.getSender(), wire);
    assertThat(r.isAccepted()).as("%s", r).isTrue();
    Decoded<DkgMessage> decoded = DkgMessages.decode(r.value().envelope());

    assertThat(decoded).as("%s", decoded).isInstanceOf(Decoded.Accepted.class);
    DkgMessage back = decoded.value();
    assertThat(back.getClass()).isEqualTo(m.getClass());
    // The engine's session (ceremony and participants) comes back, and it is the signed header's.
    assertThat(back.session()).isEqualTo(DKG_SESSION);
    assertThat(r.value().sessionId()).isEqualTo(DkgMessages.sessionId(back.session()));
    assertThat(e.getRound()).isZero();
    // Canonical: the decoded message encodes to the very same envelope.
    assertThat(DkgMessages.envelope(back, e.getSender(), e.getSequence(), NOW)).isEqualTo(e);
    // And what it means survives: signatures still verify, secrets are the same.
    Map<Identifier, Bip340PublicKey> keys = identityKeys();
    switch (back) {
      case DkgMessage.Round1 x -> assertThat(DkgSignatures.round1IsAuthentic(x, keys)).isTrue();
      case DkgMessage.Round2 x -> {
        DkgMessage.Round2 orig = (DkgMessage.Round2) m;
        assertThat(x.sealed()).isEqualTo(orig.sealed());
        assertThat(x.dealer()).isEqualTo(Identifier.of(1));
        assertThat(x.receiver()).isEqualTo(Identifier.of(2));
        assertThat(x.view()).isEqualTo(orig.view());
        var c1 = ((DkgMessage.Round1) F.dkg.get(BodyCase.DKG_ROUND1)).pkg().commitment();
        var claim =
            new DkgMessage.ViewClaim(
                Identifier.of(1),
                Identifier.of(2),
                c1,
                x.sealed().digest(),
                x.view(),
                x.dealerSignature());
        assertThat(DkgSignatures.claimIsAuthentic(x.session(), claim, keys)).isTrue();
        // Only the receiver's identity key opens it, to the share that matches the commitment.
        var share = DkgShares.open(Ciphersuite.TAPROOT, x, c1, Bip340KeyPair.of(F.identity.get(2)));
        assertThat(share.publicPoint()).isEqualTo(c1.evaluate(Identifier.of(2)));
        assertThatThrownBy(
                () ->
                    DkgShares.open(Ciphersuite.TAPROOT, x, c1, Bip340KeyPair.of(F.identity.get(3))))
            .isInstanceOf(SealException.class);
      }
      case DkgMessage.Complaint x ->
          assertThat(DkgSignatures.culprit(x, keys, Ciphersuite.TAPROOT))
              .contains(Identifier.of(1));
      case DkgMessage.TimeoutVote x -> assertThat(DkgSignatures.voteIsAuthentic(x, keys)).isTrue();
      case DkgMessage.CertificateSignature x ->
          assertThat(x.signature()).isEqualTo(((DkgMessage.CertificateSignature) m).signature());
      case DkgMessage.TestCommit x ->
          assertThat(x.commitments()).isEqualTo(((DkgMessage.TestCommit) m).commitments());
      case DkgMessage.TestShare x ->
          assertThat(x.share()).isEqualTo(((DkgMessage.TestShare) m).share());
      case DkgMessage.Final x -> {
        assertThat(x.certificate()).isEqualTo(((DkgMessage.Final) m).certificate());
        assertThat(x.testSignature()).isEqualTo(((DkgMessage.Final) m).testSignature());
      }
      case DkgMessage.Round1Set x -> {
        assertThat(x.packages()).hasSize(3);
        assertThat(x.packages()).allMatch(p -> DkgSignatures.round1IsAuthentic(p, keys));
        assertThat(x.claims()).hasSize(1);
        assertThat(DkgSignatures.claimIsAuthentic(x.session(), x.claims().get(0), keys)).isTrue();
      }
      case DkgMessage.Equivocation x ->
          assertThat(DkgSignatures.equivocator(x, keys)).contains(Identifier.of(3));
      case DkgMessage.ShareRequest x -> {
        // Forwarded by 3, signed by the requester 2.
        assertThat(e.getSender()).isEqualTo(3);
        assertThat(x.requester()).isEqualTo(Identifier.of(2));
        assertThat(x.dealer()).isEqualTo(Identifier.of(1));
        assertThat(DkgSignatures.requestIsAuthentic(x, keys)).isTrue();
      }
    }
  }

  @Test
  void encodingRefusesMessagesThatAreNotTheSendersOwn() {
    // A round-1 package of validator 1 cannot go out under validator 2's name (it would be a
    // forwarded package: those travel in a round-1 set).
    assertThatThrownBy(() -> DkgMessages.envelope(F.dkg.get(BodyCase.DKG_ROUND1), 2, 1, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("round-1 author");
    assertThatThrownBy(() -> DkgMessages.envelope(F.dkg.get(BodyCase.DKG_TEST_SHARE), 3, 1, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRound2ShareIsNowhereInTheWireFormNorInAProblemDescription() {
    Envelope r2 = F.bodies.get(BodyCase.DKG_ROUND2);
    var c1 = ((DkgMessage.Round1) F.dkg.get(BodyCase.DKG_ROUND1)).pkg().commitment();
    var share =
        DkgShares.open(
            Ciphersuite.TAPROOT,
            (DkgMessage.Round2) F.dkg.get(BodyCase.DKG_ROUND2),
            c1,
            Bip340KeyPair.of(F.identity.get(2)));
    String hex = share.reveal().toHex();
    assertThat(java.util.HexFormat.of().formatHex(F.sign(r2).toByteArray())).doesNotContain(hex);
    Envelope bad = r2.toBuilder().setRound(1).build();
    Decoded<DkgMessage> r = DkgMessages.decode(bad);
    assertThat(r).isInstanceOf(Decoded.Rejected.class);
    assertThat(((Decoded.Rejected<DkgMessage>) r).detail()).doesNotContain(hex);
    assertThat(F.dkg.get(BodyCase.DKG_ROUND2).toString()).doesNotContain(hex);
  }

  // ------------------------------------------------------------------ rejections

  record Case(
      String name,
      BodyCase body,
      UnaryOperator<Envelope> mutate,
      RejectReason reason,
      String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case bad(String name, BodyCase body, UnaryOperator<Envelope> m, String detail) {
    return new Case(name, body, m, RejectReason.MALFORMED, detail);
  }

  static ByteString cut(ByteString b) {
    return b.substring(0, b.size() - 1);
  }

  static ByteString flipLast(ByteString b) {
    byte[] x = b.toByteArray();
    x[x.length - 1] ^= 1;
    return ByteString.copyFrom(x);
  }

  /** 0x02 and an x coordinate above the field prime. */
  static ByteString notAPoint() {
    byte[] b = WireFixtures.bytes(33, 0xff);
    b[0] = 0x02;
    return ByteString.copyFrom(b);
  }

  static ByteString bytes(int n, int fill) {
    return ByteString.copyFrom(WireFixtures.bytes(n, fill));
  }

  /** Rewrites the session of any DKG body and keeps the envelope's session id as it was. */
  static Envelope withSession(Envelope e, UnaryOperator<DkgSessionRef.Builder> change) {
    Envelope.Builder b = e.toBuilder();
    switch (e.getBodyCase()) {
      case DKG_ROUND1 ->
          b.getDkgRound1Builder()
              .setSession(change.apply(e.getDkgRound1().getSession().toBuilder()));
      case DKG_ROUND2 ->
          b.getDkgRound2Builder()
              .setSession(change.apply(e.getDkgRound2().getSession().toBuilder()));
      case DKG_TIMEOUT_VOTE ->
          b.getDkgTimeoutVoteBuilder()
              .setSession(change.apply(e.getDkgTimeoutVote().getSession().toBuilder()));
      default -> throw new IllegalArgumentException("not used with " + e.getBodyCase());
    }
    return b.build();
  }

  static Stream<Case> malformed() {
    return Stream.of(
        // Header
        new Case(
            "version 2",
            BodyCase.DKG_ROUND1,
            e -> e.toBuilder().setVersion(2).build(),
            RejectReason.UNSUPPORTED_VERSION,
            "version 2"),
        bad("round 1", BodyCase.DKG_ROUND1, e -> e.toBuilder().setRound(1).build(), "round"),
        bad("not a DKG body", BodyCase.ABORT, e -> e, "not a DKG message"),
        // Session
        bad(
            "session missing",
            BodyCase.DKG_ROUND1,
            e -> e.toBuilder().setDkgRound1(e.getDkgRound1().toBuilder().clearSession()).build(),
            "dkg_round1.session missing"),
        bad(
            "empty ceremony",
            BodyCase.DKG_ROUND1,
            e -> withSession(e, s -> s.setCeremony("")),
            "dkg_round1.session.ceremony"),
        bad(
            "non-ASCII ceremony",
            BodyCase.DKG_ROUND2,
            e -> withSession(e, s -> s.setCeremony("wire-fixturés")),
            "dkg_round2.session.ceremony"),
        bad(
            "control character in ceremony",
            BodyCase.DKG_ROUND2,
            e -> withSession(e, s -> s.setCeremony("wire\nfixtures")),
            "dkg_round2.session.ceremony"),
        bad(
            "ceremony too long",
            BodyCase.DKG_ROUND1,
            e -> withSession(e, s -> s.setCeremony("x".repeat(129))),
            "dkg_round1.session.ceremony"),
        bad(
            "one participant",
            BodyCase.DKG_ROUND1,
            e -> withSession(e, s -> s.clearParticipants().addParticipants(1)),
            "dkg_round1.session.participants count"),
        bad(
            "participants out of order",
            BodyCase.DKG_ROUND1,
            e -> withSession(e, s -> s.setParticipants(0, 3).setParticipants(2, 1)),
            "dkg_round1.session.participants not strictly increasing"),
        bad(
            "duplicate participant",
            BodyCase.DKG_TIMEOUT_VOTE,
            e -> withSession(e, s -> s.setParticipants(1, 1)),
            "dkg_timeout_vote.session.participants not strictly increasing"),
        bad(
            "participant 0",
            BodyCase.DKG_ROUND1,
            e -> withSession(e, s -> s.setParticipants(0, 0)),
            "dkg_round1.session.participants[0] is 0"),
        new Case(
            "session id of another session",
            BodyCase.DKG_ROUND1,
            e -> withSession(e, s -> s.setCeremony("another")),
            RejectReason.WRONG_SESSION,
            "session_id is not the hash of dkg_round1.session"),
        new Case(
            "session id altered",
            BodyCase.DKG_TIMEOUT_VOTE,
            e -> e.toBuilder().setSessionId(flipLast(e.getSessionId())).build(),
            RejectReason.WRONG_SESSION,
            "session_id"),
        // Round 1
        bad(
            "round1 missing",
            BodyCase.DKG_ROUND1,
            e -> e.toBuilder().setDkgRound1(e.getDkgRound1().toBuilder().clearRound1()).build(),
            "dkg_round1.round1 missing"),
        bad(
            "author is not the sender",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setAuthor(2)),
            "dkg_round1.round1.author must be the envelope"),
        bad(
            "author not a participant",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setAuthor(4)),
            "dkg_round1.round1.author is not a participant"),
        bad(
            "author 0",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setAuthor(0)),
            "dkg_round1.round1.author is 0"),
        bad(
            "commitment cut",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setVssCommitment(cut(r.getVssCommitment()))),
            "dkg_round1.round1.vss_commitment"),
        bad(
            "commitment checksum",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setVssCommitment(flipLast(r.getVssCommitment()))),
            "dkg_round1.round1.vss_commitment is not a valid encoding"),
        bad(
            "commitment with more points than participants",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setVssCommitment(vssOf(4))),
            "dkg_round1.round1.vss_commitment must be a VssCommitment of 1..3 points"),
        bad(
            "proof of knowledge 73 bytes",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setProofOfKnowledge(cut(r.getProofOfKnowledge()))),
            "dkg_round1.round1.proof_of_knowledge must be 74 bytes"),
        bad(
            "proof of knowledge checksum",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setProofOfKnowledge(flipLast(r.getProofOfKnowledge()))),
            "dkg_round1.round1.proof_of_knowledge is not a valid encoding"),
        bad(
            "round-1 signature 63 bytes",
            BodyCase.DKG_ROUND1,
            e -> round1(e, r -> r.setSignature(cut(r.getSignature()))),
            "dkg_round1.round1.signature must be 64 bytes"),
        // Round 2
        bad(
            "receiver 0",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setReceiver(0)),
            "dkg_round2.receiver is 0"),
        bad(
            "receiver is the dealer",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setReceiver(1)),
            "dkg_round2.receiver names the same participant twice"),
        bad(
            "receiver not a participant",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setReceiver(4)),
            "dkg_round2.receiver is not a participant"),
        bad(
            "dealer not a participant",
            BodyCase.DKG_ROUND2,
            e -> e.toBuilder().setSender(4).build(),
            "sender is not a participant"),
        bad(
            "sealed share 80 bytes",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setSealedShare(cut(r.getSealedShare()))),
            "dkg_round2.sealed_share must be 81 bytes"),
        bad(
            "sealed share's ephemeral key not a point",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setSealedShare(notAPoint().concat(bytes(48, 1)))),
            "dkg_round2.sealed_share is not a sealed share"),
        bad(
            "dealer 0",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setDealer(0)),
            "dkg_round2.dealer is 0"),
        bad(
            "dealer to itself",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setReceiver(r.getDealer())),
            "dkg_round2.receiver names the same participant twice"),
        bad(
            "view 31 bytes",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setView(cut(r.getView()))),
            "dkg_round2.view must be 32 bytes"),
        bad(
            "dealer signature 65 bytes",
            BodyCase.DKG_ROUND2,
            e -> round2(e, r -> r.setDealerSignature(r.getDealerSignature().concat(bytes(1, 0)))),
            "dkg_round2.dealer_signature must be 64 bytes"),
        // Complaint
        bad(
            "accuser is the accused",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setAccuser(c.getAccused())),
            "dkg_complaint.accuser names the same participant twice"),
        bad(
            "accused not a participant",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setAccused(9)),
            "dkg_complaint.accused is not a participant"),
        bad(
            "complaint's sealed share cut",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setSealedShare(cut(c.getSealedShare()))),
            "dkg_complaint.sealed_share must be 81 bytes"),
        bad(
            "key disclosure cut",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setKeyDisclosure(cut(c.getKeyDisclosure()))),
            "dkg_complaint.key_disclosure must be 97 bytes"),
        bad(
            "key disclosure's point not a point",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setKeyDisclosure(notAPoint().concat(bytes(64, 1)))),
            "dkg_complaint.key_disclosure is not a key disclosure"),
        bad(
            "accused commitment broken",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setAccusedCommitment(flipLast(c.getAccusedCommitment()))),
            "dkg_complaint.accused_commitment is not a valid encoding"),
        bad(
            "dealer view 33 bytes",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.setDealerView(bytes(33, 1))),
            "dkg_complaint.dealer_view must be 32 bytes"),
        bad(
            "accuser signature empty",
            BodyCase.DKG_COMPLAINT,
            e -> complaint(e, c -> c.clearAccuserSignature()),
            "dkg_complaint.accuser_signature must be 64 bytes"),
        // Timeout vote
        bad(
            "voter votes against itself",
            BodyCase.DKG_TIMEOUT_VOTE,
            e -> vote(e, v -> v.setAccused(v.getVoter())),
            "dkg_timeout_vote.accused names the same participant twice"),
        bad(
            "voter not a participant",
            BodyCase.DKG_TIMEOUT_VOTE,
            e -> vote(e, v -> v.setVoter(4)),
            "dkg_timeout_vote.voter is not a participant"),
        bad(
            "vote signature 63 bytes",
            BodyCase.DKG_TIMEOUT_VOTE,
            e -> vote(e, v -> v.setSignature(cut(v.getSignature()))),
            "dkg_timeout_vote.signature must be 64 bytes"),
        // Certificate signature
        bad(
            "certificate signature 63 bytes",
            BodyCase.DKG_CERTIFICATE_SIGNATURE,
            e ->
                e.toBuilder()
                    .setDkgCertificateSignature(
                        e.getDkgCertificateSignature().toBuilder()
                            .setSignature(cut(e.getDkgCertificateSignature().getSignature())))
                    .build(),
            "dkg_certificate_signature.signature must be 64 bytes"),
        bad(
            "certificate signer not a participant",
            BodyCase.DKG_CERTIFICATE_SIGNATURE,
            e -> e.toBuilder().setSender(4).build(),
            "sender is not a participant"),
        // Test commitment and share
        bad(
            "test commitment of another signer",
            BodyCase.DKG_TEST_COMMIT,
            e -> e.toBuilder().setSender(2).build(),
            "dkg_test_commit.signing_commitments.identifier must be the envelope sender"),
        bad(
            "test commitment cut",
            BodyCase.DKG_TEST_COMMIT,
            e ->
                e.toBuilder()
                    .setDkgTestCommit(
                        e.getDkgTestCommit().toBuilder()
                            .setSigningCommitments(
                                cut(e.getDkgTestCommit().getSigningCommitments())))
                    .build(),
            "dkg_test_commit.signing_commitments must be 107 bytes"),
        bad(
            "test commitment broken",
            BodyCase.DKG_TEST_COMMIT,
            e ->
                e.toBuilder()
                    .setDkgTestCommit(
                        e.getDkgTestCommit().toBuilder()
                            .setSigningCommitments(
                                flipLast(e.getDkgTestCommit().getSigningCommitments())))
                    .build(),
            "dkg_test_commit.signing_commitments is not a valid encoding"),
        bad(
            "test share of another signer",
            BodyCase.DKG_TEST_SHARE,
            e -> e.toBuilder().setSender(3).build(),
            "dkg_test_share.signature_share.identifier must be the envelope sender"),
        bad(
            "test share broken",
            BodyCase.DKG_TEST_SHARE,
            e ->
                e.toBuilder()
                    .setDkgTestShare(
                        e.getDkgTestShare().toBuilder()
                            .setSignatureShare(flipLast(e.getDkgTestShare().getSignatureShare())))
                    .build(),
            "dkg_test_share.signature_share is not a valid encoding"),
        // Final
        bad(
            "transcript hash 31 bytes",
            BodyCase.DKG_FINAL,
            e -> fin(e, f -> f.setTranscriptHash(cut(f.getTranscriptHash()))),
            "dkg_final.transcript_hash must be 32 bytes"),
        bad(
            "group key not on the curve",
            BodyCase.DKG_FINAL,
            e -> fin(e, f -> f.setGroupKey(notAPoint())),
            "dkg_final.group_key is not a curve point"),
        bad(
            "empty certificate",
            BodyCase.DKG_FINAL,
            e -> fin(e, f -> f.clearCertificate()),
            "dkg_final.certificate count must be 1..3"),
        bad(
            "certificate signers out of order",
            BodyCase.DKG_FINAL,
            e ->
                fin(
                    e,
                    f -> {
                      DkgCertificateEntry first = f.getCertificate(0);
                      return f.setCertificate(0, f.getCertificate(1)).setCertificate(1, first);
                    }),
            "dkg_final.certificate signers not strictly increasing"),
        bad(
            "certificate signer not a participant",
            BodyCase.DKG_FINAL,
            e -> fin(e, f -> f.setCertificate(2, f.getCertificate(2).toBuilder().setSigner(4))),
            "dkg_final.certificate[2].signer is not a participant"),
        bad(
            "certificate signature cut",
            BodyCase.DKG_FINAL,
            e ->
                fin(
                    e,
                    f ->
                        f.setCertificate(
                            1,
                            f.getCertificate(1).toBuilder()
                                .setSignature(cut(f.getCertificate(1).getSignature())))),
            "dkg_final.certificate[1].signature must be 64 bytes"),
        bad(
            "test signature broken",
            BodyCase.DKG_FINAL,
            e -> fin(e, f -> f.setTestSignature(flipLast(f.getTestSignature()))),
            "dkg_final.test_signature is not a valid encoding"),
        // Round-1 set
        bad(
            "set without packages",
            BodyCase.DKG_ROUND1_SET,
            e -> set(e, s -> s.clearPackages()),
            "dkg_round1_set.packages count must be 1..3"),
        bad(
            "set with more packages than participants",
            BodyCase.DKG_ROUND1_SET,
            e -> set(e, s -> s.addPackages(s.getPackages(2))),
            "dkg_round1_set.packages count must be 1..3"),
        bad(
            "set packages out of order",
            BodyCase.DKG_ROUND1_SET,
            e ->
                set(
                    e,
                    s -> {
                      DkgSignedRound1 first = s.getPackages(0);
                      return s.setPackages(0, s.getPackages(1)).setPackages(1, first);
                    }),
            "dkg_round1_set.packages authors not strictly increasing"),
        bad(
            "set package signature cut",
            BodyCase.DKG_ROUND1_SET,
            e ->
                set(
                    e,
                    s ->
                        s.setPackages(
                            1,
                            s.getPackages(1).toBuilder()
                                .setSignature(cut(s.getPackages(1).getSignature())))),
            "dkg_round1_set.packages[1].signature must be 64 bytes"),
        bad(
            "claim of a dealer to itself",
            BodyCase.DKG_ROUND1_SET,
            e -> set(e, s -> s.setClaims(0, s.getClaims(0).toBuilder().setReceiver(1))),
            "dkg_round1_set.claims[0].receiver names the same participant twice"),
        bad(
            "claim sealed digest cut",
            BodyCase.DKG_ROUND1_SET,
            e ->
                set(
                    e,
                    s ->
                        s.setClaims(
                            0,
                            s.getClaims(0).toBuilder()
                                .setSealedDigest(cut(s.getClaims(0).getSealedDigest())))),
            "dkg_round1_set.claims[0].sealed_digest must be 32 bytes"),
        bad(
            "claim view cut",
            BodyCase.DKG_ROUND1_SET,
            e ->
                set(
                    e,
                    s ->
                        s.setClaims(
                            0, s.getClaims(0).toBuilder().setView(cut(s.getClaims(0).getView())))),
            "dkg_round1_set.claims[0].view must be 32 bytes"),
        bad(
            "claims out of order",
            BodyCase.DKG_ROUND1_SET,
            e -> set(e, s -> s.addClaims(s.getClaims(0))),
            "dkg_round1_set.claims dealers not strictly increasing"),
        // Equivocation
        bad(
            "equivocation with one package",
            BodyCase.DKG_EQUIVOCATION,
            e ->
                e.toBuilder()
                    .setDkgEquivocation(e.getDkgEquivocation().toBuilder().clearSecond())
                    .build(),
            "dkg_equivocation.second missing"),
        bad(
            "equivocation of two authors",
            BodyCase.DKG_EQUIVOCATION,
            e ->
                e.toBuilder()
                    .setDkgEquivocation(
                        e.getDkgEquivocation().toBuilder()
                            .setSecond(((DkgMessagesTest.signedOf(1)))))
                    .build(),
            "dkg_equivocation.second.author must be dkg_equivocation.first.author"),
        // Share request
        bad(
            "request missing its session",
            BodyCase.DKG_SHARE_REQUEST,
            e -> request(e, r -> r.clearSession()),
            "dkg_share_request.session missing"),
        bad(
            "requester 0",
            BodyCase.DKG_SHARE_REQUEST,
            e -> request(e, r -> r.setRequester(0)),
            "dkg_share_request.requester is 0"),
        bad(
            "request for the requester's own share",
            BodyCase.DKG_SHARE_REQUEST,
            e -> request(e, r -> r.setDealer(r.getRequester())),
            "dkg_share_request.dealer names the same participant twice"),
        bad(
            "request dealer not a participant",
            BodyCase.DKG_SHARE_REQUEST,
            e -> request(e, r -> r.setDealer(4)),
            "dkg_share_request.dealer is not a participant"),
        bad(
            "request signature 65 bytes",
            BodyCase.DKG_SHARE_REQUEST,
            e -> request(e, r -> r.setSignature(bytes(65, 1))),
            "dkg_share_request.signature must be 64 bytes"),
        new Case(
            "request of another session",
            BodyCase.DKG_SHARE_REQUEST,
            e -> request(e, r -> r.setSession(r.getSession().toBuilder().setCeremony("x"))),
            RejectReason.WRONG_SESSION,
            "session_id is not the hash of dkg_share_request.session"),
        // Unknown fields anywhere
        bad(
            "unknown field in a nested package",
            BodyCase.DKG_ROUND1,
            e ->
                round1(
                    e,
                    r ->
                        r.setUnknownFields(
                            UnknownFieldSet.newBuilder()
                                .addField(
                                    9, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                                .build())),
            "unknown fields"));
  }

  static Envelope round1(Envelope e, UnaryOperator<DkgSignedRound1.Builder> f) {
    return e.toBuilder()
        .setDkgRound1(
            e.getDkgRound1().toBuilder()
                .setRound1(f.apply(e.getDkgRound1().getRound1().toBuilder())))
        .build();
  }

  static Envelope round2(
      Envelope e, UnaryOperator<dev.frostgate.engine.wire.proto.DkgRound2.Builder> f) {
    return e.toBuilder().setDkgRound2(f.apply(e.getDkgRound2().toBuilder())).build();
  }

  static Envelope complaint(
      Envelope e, UnaryOperator<dev.frostgate.engine.wire.proto.DkgComplaint.Builder> f) {
    return e.toBuilder().setDkgComplaint(f.apply(e.getDkgComplaint().toBuilder())).build();
  }

  static Envelope vote(
      Envelope e, UnaryOperator<dev.frostgate.engine.wire.proto.DkgTimeoutVote.Builder> f) {
    return e.toBuilder().setDkgTimeoutVote(f.apply(e.getDkgTimeoutVote().toBuilder())).build();
  }

  static Envelope fin(
      Envelope e, UnaryOperator<dev.frostgate.engine.wire.proto.DkgFinal.Builder> f) {
    return e.toBuilder().setDkgFinal(f.apply(e.getDkgFinal().toBuilder())).build();
  }

  static Envelope set(
      Envelope e, UnaryOperator<dev.frostgate.engine.wire.proto.DkgRound1Set.Builder> f) {
    return e.toBuilder().setDkgRound1Set(f.apply(e.getDkgRound1Set().toBuilder())).build();
  }

  static Envelope request(
      Envelope e, UnaryOperator<dev.frostgate.engine.wire.proto.DkgShareRequest.Builder> f) {
    return e.toBuilder().setDkgShareRequest(f.apply(e.getDkgShareRequest().toBuilder())).build();
  }

  /** The signed round-1 package of validator {@code author} from the round-1 set fixture. */
  static DkgSignedRound1 signedOf(int author) {
    return F.bodies.get(BodyCase.DKG_ROUND1_SET).getDkgRound1Set().getPackagesList().stream()
        .filter(p -> p.getAuthor() == author)
        .findFirst()
        .orElseThrow();
  }

  /** A valid VssCommitment encoding of {@code t} points. */
  static ByteString vssOf(int t) {
    var p =
        dev.frostgate.crypto.frost.dkg.Dkg.part1(
            dev.frostgate.crypto.frost.Ciphersuite.TAPROOT,
            Identifier.of(1),
            t,
            t,
            Seeded.sha1prng(3));
    return ByteString.copyFrom(FrostCodec.encode(p.broadcast().commitment()));
  }

  static Stream<Arguments> malformedCases() {
    return malformed().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedCases")
  void malformedFieldIsRejectedAndNamed(Case c) {
    Envelope e = c.mutate().apply(F.bodies.get(c.body()));

    Decoded<DkgMessage> r = DkgMessages.decode(e);

    assertThat(r).as("%s", c).isInstanceOf(Decoded.Rejected.class);
    Decoded.Rejected<DkgMessage> bad = (Decoded.Rejected<DkgMessage>) r;
    assertThat(bad.reason()).as("%s: %s", c, bad.detail()).isEqualTo(c.reason());
    assertThat(bad.detail()).as("%s", c).contains(c.detail());
    // Also through the verifier when the sender signs it (a malformed but authentic message):
    // rejected there or by the decoder, never accepted as a DKG message.
    int signer = e.getSender() >= 1 && e.getSender() <= WireFixtures.VALIDATORS ? e.getSender() : 1;
    Decoded<VerifiedEnvelope> v =
        VERIFIER.verify(e.getSender(), F.signRawBytes(e.toByteArray(), signer));
    if (v.isAccepted()) {
      assertThat(DkgMessages.decode(v.value().envelope())).isInstanceOf(Decoded.Rejected.class);
    }
  }

  @Test
  void everyDkgBodyHasRejectionCases() {
    Set<BodyCase> covered = EnumSet.noneOf(BodyCase.class);
    malformed().forEach(c -> covered.add(c.body()));
    assertThat(covered).containsAll(DKG);
  }

  @Test
  void aRequestInAnothersNameOrAnAlteredSealedShareDecodesButIsNotAuthentic() {
    Map<Identifier, Bip340PublicKey> keys = identityKeys();
    // 3 cannot ask for 1's share to 2 (a public reveal of someone else's share) by renaming it.
    Envelope request = F.bodies.get(BodyCase.DKG_SHARE_REQUEST);
    var asThree =
        (DkgMessage.ShareRequest)
            DkgMessages.decode(request(request, r -> r.setRequester(3))).value();
    assertThat(DkgSignatures.requestIsAuthentic(asThree, keys)).isFalse();
    // A different ciphertext under the dealer's signature is not the dealer's.
    Envelope r2 = F.bodies.get(BodyCase.DKG_ROUND2);
    var altered =
        (DkgMessage.Round2)
            DkgMessages.decode(round2(r2, r -> r.setSealedShare(flipLast(r.getSealedShare()))))
                .value();
    var c1 = ((DkgMessage.Round1) F.dkg.get(BodyCase.DKG_ROUND1)).pkg().commitment();
    assertThat(
            DkgSignatures.claimIsAuthentic(
                altered.session(), DkgMessage.ViewClaim.of(altered, c1), keys))
        .isFalse();
  }

  @Test
  void aForgedInnerSignatureDecodesButProvesNothing() {
    // The decoder cannot check signatures inside a body (that needs the engine's keys and
    // digests): a flipped bit decodes to a message the engine then finds unauthentic. On the way
    // from its sender the envelope signature stops such a change (see the tamper properties).
    Envelope vote = F.bodies.get(BodyCase.DKG_TIMEOUT_VOTE);
    Envelope flipped = vote(vote, v -> v.setSignature(flipLast(v.getSignature())));
    Decoded<DkgMessage> r = DkgMessages.decode(flipped);
    assertThat(r).isInstanceOf(Decoded.Accepted.class);
    var m = (DkgMessage.TimeoutVote) r.value();
    assertThat(DkgSignatures.voteIsAuthentic(m, identityKeys())).isFalse();
  }
}
