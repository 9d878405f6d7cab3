package dev.frostgate.node.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.frost.TrustedDealer;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.node.wire.proto.Abort;
import dev.frostgate.node.wire.proto.DkgComplaint;
import dev.frostgate.node.wire.proto.DkgRound2;
import dev.frostgate.node.wire.proto.Envelope;
import dev.frostgate.node.wire.proto.ShareRejection;
import dev.frostgate.node.wire.proto.SignedEnvelope;
import dev.frostgate.node.wire.proto.SigningProposal;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Identity keys of validators 1..4 and one valid body of every type, built from real FROST. */
final class WireFixtures {
  static final int VALIDATORS = 4;
  static final long NOW = 1_750_000_000_000L;
  static final SessionId SESSION = SessionId.of(bytes(32, 0x11));
  static final byte[] REQUEST = bytes(32, 0x22);

  final Map<Integer, SecretScalar> identity = new TreeMap<>();
  final IdentityKeys keys;
  final Map<Envelope.BodyCase, Envelope> bodies = new EnumMap<>(Envelope.BodyCase.class);
  private final SecureRandom rnd;

  WireFixtures(long seed) {
    rnd = seeded(seed);
    for (int i = 1; i <= VALIDATORS; i++) {
      identity.put(i, SecretScalar.random(rnd));
    }
    Map<Integer, dev.frostgate.crypto.ec.Point> pts = new TreeMap<>();
    identity.forEach((id, k) -> pts.put(id, k.publicPoint()));
    keys = IdentityKeys.ofPoints(pts);
    buildBodies();
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] bytes(int n, int fill) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  /** A header from {@code sender} at time NOW; set a body and build. */
  static Envelope.Builder header(int sender, int round, long sequence) {
    return EnvelopeCodec.header(SESSION, round, sender, sequence, NOW);
  }

  SignedEnvelope sign(Envelope e) {
    return EnvelopeCodec.sign(e, identity.get(e.getSender()), rnd, WireLimits.DEFAULT);
  }

  /** {@code body} (from {@link #bodies}) re-sent by another sender/round/sequence. */
  Envelope envelope(Envelope.BodyCase body, int sender, int round, long sequence) {
    Envelope template = bodies.get(body);
    Envelope.Builder b =
        template.toBuilder().setSender(sender).setRound(round).setSequence(sequence);
    if (body == Envelope.BodyCase.SIGNING_PROPOSAL) {
      b.setSigningProposal(template.getSigningProposal().toBuilder().setLeader(sender));
    }
    return b.build();
  }

  private void buildBodies() {
    Ciphersuite suite = Ciphersuite.TAPROOT;
    // DKG
    Dkg.Part1 p1 = Dkg.part1(suite, Identifier.of(1), 3, 2, rnd);
    bodies.put(
        Envelope.BodyCase.DKG_ROUND1,
        header(1, 1, 1).setDkgRound1(WireBodies.dkgRound1(p1.broadcast(), suite)).build());
    Envelope round2 =
        header(1, 2, 2)
            .setDkgRound2(
                DkgRound2.newBuilder()
                    .setRecipient(2)
                    .setEncryptedShare(ByteString.copyFrom(bytes(80, 0x33))))
            .build();
    bodies.put(Envelope.BodyCase.DKG_ROUND2, round2);
    SignedEnvelope signedRound1 = sign(bodies.get(Envelope.BodyCase.DKG_ROUND1));
    SignedEnvelope signedRound2 = sign(round2);
    bodies.put(
        Envelope.BodyCase.DKG_COMPLAINT,
        header(2, 3, 1)
            .setDkgComplaint(
                DkgComplaint.newBuilder()
                    .setAccused(1)
                    .setRevealedShare(ByteString.copyFrom(bytes(32, 0x44)))
                    .setAccusedRound1(signedRound1)
                    .setAccusedRound2(signedRound2)
                    .setDecryptionEvidence(ByteString.copyFrom(bytes(97, 0x55))))
            .build());
    byte[] transcript = bytes(32, 0x66);
    var groupKey = identity.get(4).publicPoint();
    bodies.put(
        Envelope.BodyCase.DKG_CERTIFICATE_SIGNATURE,
        header(3, 4, 1)
            .setDkgCertificateSignature(
                WireBodies.certificateSignature(
                    transcript,
                    groupKey,
                    DkgCertificate.sign(transcript, groupKey, identity.get(3), bytes(32, 0))))
            .build());

    // Signing: 2-of-3, two messages (two inputs).
    TrustedDealer.Output dealt = TrustedDealer.generateForTestsOnly(suite, 3, 2, rnd);
    List<KeyPackage> kps = new ArrayList<>();
    dealt.shares().values().stream().limit(2).forEach(s -> kps.add(s.toKeyPackage()));
    List<byte[]> messages = List.of(bytes(32, 0x77), bytes(32, 0x78));
    bodies.put(
        Envelope.BodyCase.SIGNING_PROPOSAL,
        header(1, 1, 3)
            .setSigningProposal(
                SigningProposal.newBuilder()
                    .setRequestId(ByteString.copyFrom(REQUEST))
                    .setLeader(1)
                    .setLeaderAttempt(0)
                    .setUnsignedTx(ByteString.copyFrom(bytes(120, 0x02)))
                    .addInputIndices(0)
                    .addInputIndices(3)
                    .addMessageHashes(ByteString.copyFrom(messages.get(0)))
                    .addMessageHashes(ByteString.copyFrom(messages.get(1))))
            .build());
    // nonces[signer][message]
    List<List<SigningNonces>> nonces = new ArrayList<>();
    for (KeyPackage kp : kps) {
      nonces.add(List.of(Round1.commit(kp, rnd), Round1.commit(kp, rnd)));
    }
    List<SigningCommitments> mine = nonces.get(0).stream().map(SigningNonces::commitments).toList();
    bodies.put(
        Envelope.BodyCase.COMMITMENTS,
        header(2, 2, 1).setCommitments(WireBodies.commitments(REQUEST, mine)).build());
    List<SigningPackage> packages = new ArrayList<>();
    for (int m = 0; m < messages.size(); m++) {
      int mi = m;
      packages.add(
          SigningPackage.of(
              nonces.stream().map(n -> n.get(mi).commitments()).toList(), messages.get(m)));
    }
    bodies.put(
        Envelope.BodyCase.SIGNING_PACKAGES,
        header(1, 3, 4)
            .setSigningPackages(WireBodies.signingPackages(REQUEST, 0, packages))
            .build());
    List<SignatureShare> shares = new ArrayList<>();
    for (int m = 0; m < messages.size(); m++) {
      shares.add(Round2.sign(packages.get(m), nonces.get(0).get(m), kps.get(0)));
    }
    List<SigningCommitments> next =
        List.of(
            Round1.commit(kps.get(0), rnd).commitments(),
            Round1.commit(kps.get(0), rnd).commitments());
    Envelope sharesEnvelope =
        header(2, 4, 2)
            .setSignatureShares(WireBodies.signatureShares(REQUEST, 0, shares, next))
            .build();
    bodies.put(Envelope.BodyCase.SIGNATURE_SHARES, sharesEnvelope);
    bodies.put(
        Envelope.BodyCase.SHARE_REJECTION,
        header(1, 5, 5)
            .setShareRejection(
                ShareRejection.newBuilder()
                    .setRequestId(ByteString.copyFrom(REQUEST))
                    .setRoastSession(0)
                    .setCulprit(2)
                    .setReason(ShareRejection.Reason.INVALID_SHARE)
                    .setMessageIndex(1)
                    .setCulpritShares(sign(sharesEnvelope))
                    .setSigningPackages(sign(bodies.get(Envelope.BodyCase.SIGNING_PACKAGES))))
            .build());
    bodies.put(
        Envelope.BodyCase.SIGNING_COMPLETE,
        header(1, 6, 6)
            .setSigningComplete(
                dev.frostgate.node.wire.proto.SigningComplete.newBuilder()
                    .setRequestId(ByteString.copyFrom(REQUEST))
                    .addSignatures(ByteString.copyFrom(bytes(64, 0x33))))
            .build());
    bodies.put(
        Envelope.BodyCase.ABORT,
        header(3, 5, 2)
            .setAbort(Abort.newBuilder().setReason(Abort.Reason.TIMEOUT).setDetail("no quorum"))
            .build());
  }

  /** A clock the test moves by hand. */
  static final class FakeClock implements InstantSource {
    long millis;

    FakeClock(long millis) {
      this.millis = millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }
}
