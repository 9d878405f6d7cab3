package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.seal.ShareSealer;
import dev.frostgate.engine.Clock;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.engine.wire.proto.Abort;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.ShareRejection;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import dev.frostgate.engine.wire.proto.SigningProposal;
import dev.frostgate.testkit.crypto.Seeded;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Identity keys of validators 1..4 and one valid body of every type, built from real FROST. */
final class WireFixtures {
  static final int VALIDATORS = 4;
  static final long NOW = 1_750_000_000_000L;
  static final SessionHash SESSION = SessionHash.of(bytes(32, 0x11));
  static final byte[] REQUEST = bytes(32, 0x22);

  /** The DKG session of the DKG fixtures: validators 1..3, threshold 2. */
  static final dev.frostgate.engine.dkg.DkgSessionId DKG_SESSION =
      new dev.frostgate.engine.dkg.DkgSessionId(
          "wire-fixtures", List.of(Identifier.of(1), Identifier.of(2), Identifier.of(3)));

  final Map<Integer, SecretScalar> identity = new TreeMap<>();
  final IdentityKeys keys;
  final Map<Envelope.BodyCase, Envelope> bodies = new EnumMap<>(Envelope.BodyCase.class);

  /** The engine message behind each DKG body in {@link #bodies}. */
  final Map<Envelope.BodyCase, DkgMessage> dkg = new EnumMap<>(Envelope.BodyCase.class);

  private final SecureRandom rnd;

  WireFixtures(long seed) {
    rnd = Seeded.sha1prng(seed);
    for (int i = 1; i <= VALIDATORS; i++) {
      identity.put(i, SecretScalar.random(rnd));
    }
    Map<Integer, Point> pts = new TreeMap<>();
    identity.forEach((id, k) -> pts.put(id, k.publicPoint()));
    keys = IdentityKeys.ofPoints(pts);
    buildBodies();
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

  /** Signs any envelope bytes as EnvelopeCodec does, without its checks (a hostile sender). */
  byte[] signRawBytes(byte[] envelope, int signer) {
    byte[] sig =
        dev.frostgate.crypto.ec.Secp256k1.signSchnorr(
            EnvelopeCodec.digest(envelope), identity.get(signer), bytes(32, 9));
    return SignedEnvelope.newBuilder()
        .setEnvelope(ByteString.copyFrom(envelope))
        .setSignature(ByteString.copyFrom(sig))
        .build()
        .toByteArray();
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
    buildDkgBodies(suite);

    // Signing: 2-of-3, two messages (two inputs).
    TrustedDealer.Output dealt = TrustedDealer.generate(suite, 3, 2, rnd);
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
                dev.frostgate.engine.wire.proto.SigningComplete.newBuilder()
                    .setRequestId(ByteString.copyFrom(REQUEST))
                    .addSignatures(ByteString.copyFrom(bytes(64, 0x33))))
            .build());
    bodies.put(
        Envelope.BodyCase.ABORT,
        header(3, 5, 2)
            .setAbort(Abort.newBuilder().setReason(Abort.Reason.TIMEOUT).setDetail("no quorum"))
            .build());
  }

  /** One real message of every DKG type, from a 2-of-3 DKG among validators 1..3. */
  private void buildDkgBodies(Ciphersuite suite) {
    var sid = DKG_SESSION;
    Map<Integer, Dkg.Part1> p1 = new TreeMap<>();
    Map<Integer, DkgMessage.Round1> r1 = new TreeMap<>();
    TreeMap<Identifier, Round1Package> all = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      p1.put(i, Dkg.part1(suite, Identifier.of(i), 3, 2, rnd));
      r1.put(i, DkgSignatures.round1(sid, p1.get(i).broadcast(), identity.get(i), rnd));
      all.put(Identifier.of(i), p1.get(i).broadcast());
    }
    Hash32 view = DkgSignatures.viewDigest(sid, all);
    TreeMap<Identifier, Round1Package> others = new TreeMap<>(all);
    others.remove(Identifier.of(1));
    SecretScalar constant1 = p1.get(1).secret().polynomial().constant().copy();
    Dkg.Part2 p2 = Dkg.part2(p1.get(1).secret(), others);
    Round2Package toTwo = p2.outgoing().get(Identifier.of(2));
    VssCommitment c1 = all.get(Identifier.of(1)).commitment();
    Bip340PublicKey twoKey = Bip340PublicKey.of(identity.get(2).publicPoint());
    DkgMessage.Round2 sealedToTwo =
        DkgSignatures.round2(
            sid,
            Identifier.of(1),
            Identifier.of(2),
            DkgShares.seal(
                suite,
                sid,
                Identifier.of(1),
                c1,
                constant1,
                Identifier.of(2),
                twoKey,
                toTwo.share()),
            c1,
            view,
            identity.get(1),
            rnd);
    putDkg(1, r1.get(1));
    putDkg(1, sealedToTwo);
    // 2 complains about a (made-up) bad sealed share from 1, signed by 1.
    SecretScalar bad = toTwo.share().add(Scalar.ONE);
    DkgMessage.Round2 badToTwo =
        DkgSignatures.round2(
            sid,
            Identifier.of(1),
            Identifier.of(2),
            ShareSealer.seal(
                DkgShares.context(suite, sid, Identifier.of(1), Identifier.of(2), c1),
                rnd,
                twoKey.bytes(),
                bad),
            c1,
            view,
            identity.get(1),
            rnd);
    putDkg(
        2,
        DkgSignatures.complaint(
            suite, badToTwo, c1, Bip340KeyPair.of(identity.get(2)), identity.get(2), rnd));
    putDkg(
        3,
        new DkgMessage.TimeoutVote(
            sid,
            Identifier.of(3),
            Identifier.of(1),
            DkgSignatures.sign(
                DkgSignatures.voteDigest(sid, Identifier.of(3), Identifier.of(1)),
                identity.get(3),
                rnd)));
    Hash32 transcript = Hash32.of(bytes(32, 0x66));
    Point groupKey = identity.get(4).publicPoint();
    putDkg(
        2,
        new DkgMessage.CertificateSignature(
            sid, DkgCertificate.sign(transcript, groupKey, identity.get(2), bytes(32, 0))));
    // Test signature: 2-of-3 keys from a dealer, signers 1 and 2.
    TrustedDealer.Output dealt = TrustedDealer.generate(suite, 3, 2, rnd);
    List<KeyPackage> kps = new ArrayList<>();
    dealt.shares().values().stream().limit(2).forEach(sh -> kps.add(sh.toKeyPackage()));
    List<SigningNonces> nonces =
        List.of(Round1.commit(kps.get(0), rnd), Round1.commit(kps.get(1), rnd));
    SigningPackage pkg =
        SigningPackage.of(
            nonces.stream().map(SigningNonces::commitments).toList(), transcript.bytes());
    List<SignatureShare> shares =
        List.of(
            Round2.sign(pkg, nonces.get(0), kps.get(0)),
            Round2.sign(pkg, nonces.get(1), kps.get(1)));
    putDkg(1, new DkgMessage.TestCommit(sid, nonces.get(0).commitments()));
    putDkg(1, new DkgMessage.TestShare(sid, shares.get(0)));
    TreeMap<Identifier, Bip340Signature> certSigs = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      certSigs.put(
          Identifier.of(i),
          DkgCertificate.sign(transcript, groupKey, identity.get(i), bytes(32, i)));
    }
    putDkg(
        3,
        new DkgMessage.Final(
            sid,
            new DkgCertificate(transcript, groupKey, certSigs),
            Aggregator.aggregate(pkg, shares, dealt.publicKeys())));
    putDkg(
        2,
        new DkgMessage.Round1Set(
            sid,
            List.copyOf(r1.values()),
            List.of(
                new DkgMessage.ViewClaim(
                    Identifier.of(1),
                    Identifier.of(2),
                    c1,
                    sealedToTwo.sealed().digest(),
                    view,
                    sealedToTwo.dealerSignature()))));
    // 2 asks for its share from 1; 3 passes the request on (requests are signed, so anyone may).
    putDkg(
        3,
        DkgSignatures.shareRequest(sid, Identifier.of(2), Identifier.of(1), identity.get(2), rnd));
    // 3 signs a second, different round-1 package.
    DkgMessage.Round1 second =
        DkgSignatures.round1(
            sid, Dkg.part1(suite, Identifier.of(3), 3, 2, rnd).broadcast(), identity.get(3), rnd);
    putDkg(1, new DkgMessage.Equivocation(sid, r1.get(3), second));
  }

  private void putDkg(int sender, DkgMessage m) {
    Envelope e = DkgMessages.envelope(m, sender, 1, NOW);
    bodies.put(e.getBodyCase(), e);
    dkg.put(e.getBodyCase(), m);
  }

  /** A clock the test moves by hand. */
  static final class FakeClock implements Clock {
    long millis;

    FakeClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long now() {
      return millis;
    }
  }
}
