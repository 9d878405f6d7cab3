package dev.frostgate.engine.wire;

import static dev.frostgate.engine.wire.WireFixtures.NOW;
import static dev.frostgate.engine.wire.WireFixtures.REQUEST;
import static dev.frostgate.engine.wire.WireFixtures.bytes;
import static dev.frostgate.engine.wire.WireFixtures.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.engine.wire.proto.Abort;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeCodecTest {
  static final WireFixtures F = new WireFixtures(42);
  final EnvelopeVerifier verifier = new EnvelopeVerifier(F.keys, WireLimits.DEFAULT);

  @Test
  void fixturesCoverEveryBodyType() {
    Set<Envelope.BodyCase> all = EnumSet.allOf(Envelope.BodyCase.class);
    all.remove(Envelope.BodyCase.BODY_NOT_SET);
    assertThat(F.bodies.keySet()).isEqualTo(all);
  }

  @ParameterizedTest
  @EnumSource(
      value = Envelope.BodyCase.class,
      names = "BODY_NOT_SET",
      mode = EnumSource.Mode.EXCLUDE)
  void everyBodyRoundTrips(Envelope.BodyCase body) throws Exception {
    Envelope e = F.bodies.get(body);
    byte[] wire = F.sign(e).toByteArray();

    Decoded<VerifiedEnvelope> r = verifier.verify(e.getSender(), wire);

    assertThat(r.isAccepted()).as("%s", r).isTrue();
    VerifiedEnvelope v = r.value();
    assertThat(v.envelope()).isEqualTo(e);
    assertThat(v.bodyCase()).isEqualTo(body);
    assertThat(v.sender()).isEqualTo(e.getSender());
    assertThat(v.sessionId())
        .isEqualTo(
            body.name().startsWith("DKG_")
                ? DkgMessages.sessionId(WireFixtures.DKG_SESSION)
                : WireFixtures.SESSION);
    assertThat(v.sentAtMs()).isEqualTo(NOW);
    assertThat(v.signed().toByteArray()).isEqualTo(wire);
    // The signature is BIP340 over taggedHash("Frostgate/envelope", envelope bytes).
    assertThat(
            Secp256k1.verifySchnorr(
                v.signed().getSignature().toByteArray(),
                dev.frostgate.crypto.hash.Hashes.taggedHash("Frostgate/envelope", e.toByteArray()),
                F.keys.xOnly(e.getSender()).orElseThrow()))
        .isTrue();
  }

  @Test
  void frostPayloadsDecodeBackToCryptoValues() {
    var shares = F.bodies.get(Envelope.BodyCase.SIGNATURE_SHARES).getSignatureShares();
    assertThat(WireBodies.signatureShares(shares)).hasSize(2);
    assertThat(WireBodies.nextCommitments(shares)).hasSize(2);
    var pkgs = F.bodies.get(Envelope.BodyCase.SIGNING_PACKAGES).getSigningPackages();
    assertThat(WireBodies.signingPackages(pkgs)).hasSize(2);
    assertThat(
            WireBodies.signingPackages(
                WireBodies.signingPackages(REQUEST, 0, WireBodies.signingPackages(pkgs))))
        .isEqualTo(WireBodies.signingPackages(pkgs));
    var commits = F.bodies.get(Envelope.BodyCase.COMMITMENTS).getCommitments();
    assertThat(
            WireBodies.commitments(
                WireBodies.commitments(REQUEST, WireBodies.commitments(commits))))
        .isEqualTo(WireBodies.commitments(commits));
  }

  @Test
  void nestedEvidenceVerifiesForThirdParties() {
    var rejection = F.bodies.get(Envelope.BodyCase.SHARE_REJECTION).getShareRejection();
    Decoded<VerifiedEnvelope> culprit = verifier.verifyEvidence(rejection.getCulpritShares());
    assertThat(culprit.isAccepted()).isTrue();
    assertThat(culprit.value().sender()).isEqualTo(2);
  }

  @Test
  void signedByAnotherKeyIsBadSignature() {
    Envelope claimsTwo = F.envelope(Envelope.BodyCase.ABORT, 2, 5, 9);
    SignedEnvelope byThree =
        EnvelopeCodec.sign(claimsTwo, F.identity.get(3), bytes(32, 1), WireLimits.DEFAULT);

    assertThat(verifier.verify(2, byThree.toByteArray()).reason())
        .isEqualTo(RejectReason.BAD_SIGNATURE);
    assertThat(verifier.verifyEvidence(byThree).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
  }

  @Test
  void senderOtherThanTransportPeerIsForged() {
    byte[] wire = F.sign(F.envelope(Envelope.BodyCase.ABORT, 2, 5, 9)).toByteArray();
    assertThat(verifier.verify(3, wire).reason()).isEqualTo(RejectReason.FORGED_SENDER);
  }

  @Test
  void unpinnedSenderIsUnknown() {
    Envelope e = F.envelope(Envelope.BodyCase.ABORT, 7, 5, 9);
    SignedEnvelope s = EnvelopeCodec.sign(e, F.identity.get(1), bytes(32, 1), WireLimits.DEFAULT);
    assertThat(verifier.verify(7, s.toByteArray()).reason()).isEqualTo(RejectReason.UNKNOWN_SENDER);
  }

  @Test
  void unknownVersionIsRejectedEvenWhenSigned() {
    Envelope v2 = F.bodies.get(Envelope.BodyCase.ABORT).toBuilder().setVersion(2).build();
    byte[] wire = signRaw(v2, 3);
    Decoded<VerifiedEnvelope> r = verifier.verify(3, wire);
    assertThat(r.reason()).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    assertThat(((Decoded.Rejected<VerifiedEnvelope>) r).detail())
        .isEqualTo("wire version 2 received; this node speaks version [1]");
    assertThatThrownBy(() -> F.sign(v2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVersionWhoseOtherFieldsDoNotParseIsStillRefusedByVersion() {
    // A future version may lay out fields differently: here field 2 is a varint, not bytes.
    ByteString v7 =
        ByteString.copyFrom(new byte[] {0x08, 0x07, 0x10, 0x01}); // version = 7, field 2 = 1
    SignedEnvelope s =
        SignedEnvelope.newBuilder()
            .setEnvelope(v7)
            .setSignature(ByteString.copyFrom(bytes(64, 1)))
            .build();
    Decoded<VerifiedEnvelope> r = verifier.verify(3, s.toByteArray());
    assertThat(r.reason()).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    assertThat(((Decoded.Rejected<VerifiedEnvelope>) r).detail()).contains("wire version 7");
  }

  @Test
  void theVersionIsCoveredByTheSignature() {
    SignedEnvelope s = F.sign(F.envelope(Envelope.BodyCase.ABORT, 3, 5, 9));
    byte[] relabelled = s.getEnvelope().toByteArray();
    assertThat(relabelled[0]).isEqualTo((byte) 0x08); // field 1, varint: the version
    assertThat(relabelled[1]).isEqualTo((byte) WireVersion.CURRENT);
    relabelled[1] = 2;
    byte[] key = F.keys.xOnly(3).orElseThrow();
    byte[] signature = s.getSignature().toByteArray();
    assertThat(
            Secp256k1.verifySchnorr(
                signature, EnvelopeCodec.digest(s.getEnvelope().toByteArray()), key))
        .isTrue();
    assertThat(Secp256k1.verifySchnorr(signature, EnvelopeCodec.digest(relabelled), key)).isFalse();
  }

  @Test
  void oversizedIsRejectedBeforeParsing() {
    EnvelopeVerifier small = new EnvelopeVerifier(F.keys, new WireLimits(1024, true));
    byte[] garbage = new byte[1025];
    Arrays.fill(garbage, (byte) 0xff); // would not even parse
    assertThat(small.verify(1, garbage).reason()).isEqualTo(RejectReason.OVERSIZED);
    assertThat(small.verify(1, new byte[1024]).reason()).isEqualTo(RejectReason.MALFORMED);
    // A valid but large message: the proposal with a 2000-byte transaction.
    Envelope big =
        F.bodies.get(Envelope.BodyCase.SIGNING_PROPOSAL).toBuilder()
            .setSigningProposal(
                F.bodies.get(Envelope.BodyCase.SIGNING_PROPOSAL).getSigningProposal().toBuilder()
                    .setUnsignedTx(ByteString.copyFrom(new byte[2000])))
            .build();
    byte[] wire = F.sign(big).toByteArray();
    assertThat(verifier.verify(1, wire).isAccepted()).isTrue();
    assertThat(small.verify(1, wire).reason()).isEqualTo(RejectReason.OVERSIZED);
    assertThatThrownBy(
            () ->
                EnvelopeCodec.sign(
                    big, F.identity.get(1), bytes(32, 0), new WireLimits(1024, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cap");
  }

  @Test
  void wrongFieldSizesAreMalformed() {
    Envelope abort = F.bodies.get(Envelope.BodyCase.ABORT);
    assertMalformed(abort.toBuilder().setSessionId(ByteString.copyFrom(new byte[31])).build());
    assertMalformed(abort.toBuilder().setSessionId(ByteString.copyFrom(new byte[33])).build());
    assertMalformed(abort.toBuilder().clearBody().build());
    assertMalformed(abort.toBuilder().setSender(0).build());
    assertMalformed(abort.toBuilder().setAbort(Abort.newBuilder().setReasonValue(99)).build());
    Envelope fin = F.bodies.get(Envelope.BodyCase.DKG_FINAL);
    var f = fin.getDkgFinal();
    assertMalformed(
        fin.toBuilder()
            .setDkgFinal(f.toBuilder().setGroupKey(f.getGroupKey().substring(1)))
            .build());
    Envelope cert = F.bodies.get(Envelope.BodyCase.DKG_CERTIFICATE_SIGNATURE);
    var c = cert.getDkgCertificateSignature();
    assertMalformed(
        cert.toBuilder()
            .setDkgCertificateSignature(c.toBuilder().setSignature(c.getSignature().substring(1)))
            .build());
    Envelope proposal = F.bodies.get(Envelope.BodyCase.SIGNING_PROPOSAL);
    var p = proposal.getSigningProposal();
    assertMalformed(
        proposal.toBuilder()
            .setSigningProposal(
                p.toBuilder().setMessageHashes(0, ByteString.copyFrom(new byte[31])))
            .build());
    assertMalformed(
        proposal.toBuilder().setSigningProposal(p.toBuilder().addInputIndices(7)).build());
    assertMalformed(proposal.toBuilder().setSigningProposal(p.toBuilder().setLeader(2)).build());
    Envelope shares = F.bodies.get(Envelope.BodyCase.SIGNATURE_SHARES);
    var s = shares.getSignatureShares();
    assertMalformed(
        shares.toBuilder()
            .setSignatureShares(
                s.toBuilder().setSignatureShares(0, s.getSignatureShares(1).substring(2)))
            .build());
    Envelope r2 = F.bodies.get(Envelope.BodyCase.DKG_ROUND2);
    assertMalformed(
        r2.toBuilder()
            .setDkgRound2(
                r2.getDkgRound2().toBuilder()
                    .setSealedShare(r2.getDkgRound2().getSealedShare().substring(1)))
            .build());
  }

  @Test
  void shortSignatureAndUnknownFieldsAreMalformed() {
    SignedEnvelope ok = F.sign(F.bodies.get(Envelope.BodyCase.ABORT));
    SignedEnvelope shortSig = ok.toBuilder().setSignature(ok.getSignature().substring(1)).build();
    assertThat(verifier.verify(3, shortSig.toByteArray()).reason())
        .isEqualTo(RejectReason.MALFORMED);

    UnknownFieldSet extra =
        UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
            .build();
    Envelope withExtra =
        F.bodies.get(Envelope.BodyCase.ABORT).toBuilder().setUnknownFields(extra).build();
    assertThat(verifier.verify(3, signRaw(withExtra, 3)).reason())
        .isEqualTo(RejectReason.MALFORMED);
    SignedEnvelope outerExtra = ok.toBuilder().setUnknownFields(extra).build();
    assertThat(verifier.verify(3, outerExtra.toByteArray()).reason())
        .isEqualTo(RejectReason.MALFORMED);
  }

  @Test
  void unknownFieldsInsideAnyBodyAreMalformed() {
    UnknownFieldSet extra =
        UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
            .build();
    for (Envelope e : F.bodies.values()) {
      com.google.protobuf.Descriptors.FieldDescriptor body =
          e.getOneofFieldDescriptor(Envelope.getDescriptor().getOneofs().get(0));
      com.google.protobuf.Message inner =
          ((com.google.protobuf.Message) e.getField(body))
              .toBuilder().setUnknownFields(extra).build();
      Envelope tampered = e.toBuilder().setField(body, inner).build();
      assertThat(verifier.verify(e.getSender(), signRaw(tampered, e.getSender())).reason())
          .as(body.getName())
          .isEqualTo(RejectReason.MALFORMED);
    }
  }

  @Test
  void nonCanonicalEncodingIsMalformed() {
    Envelope abort = F.bodies.get(Envelope.BodyCase.ABORT);
    // The sender field written twice (last one wins in protobuf): same meaning, other bytes.
    byte[] canonical = abort.toByteArray();
    byte[] dup = new byte[canonical.length + 2];
    System.arraycopy(canonical, 0, dup, 0, canonical.length);
    dup[canonical.length] = 0x20; // field 4, varint
    dup[canonical.length + 1] = 3;
    byte[] wire = signRawBytes(dup, 3);
    assertThat(verifier.verify(3, wire).reason()).isEqualTo(RejectReason.MALFORMED);
  }

  private void assertMalformed(Envelope e) {
    int signer = e.getSender() == 0 ? 1 : e.getSender();
    assertThatThrownBy(
            () -> EnvelopeCodec.sign(e, F.identity.get(signer), bytes(32, 0), WireLimits.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wire = signRaw(e, signer);
    assertThat(verifier.verify(e.getSender(), wire).reason())
        .as("%s", e)
        .isEqualTo(RejectReason.MALFORMED);
  }

  /** Signs any bytes the way EnvelopeCodec does, bypassing its validation (a hostile sender). */
  static byte[] signRaw(Envelope e, int signer) {
    return signRawBytes(e.toByteArray(), signer);
  }

  static byte[] signRawBytes(byte[] envelope, int signer) {
    byte[] sig =
        Secp256k1.signSchnorr(EnvelopeCodec.digest(envelope), F.identity.get(signer), bytes(32, 9));
    return SignedEnvelope.newBuilder()
        .setEnvelope(ByteString.copyFrom(envelope))
        .setSignature(ByteString.copyFrom(sig))
        .build()
        .toByteArray();
  }

  @Test
  void headerBuilderSetsCurrentVersion() {
    assertThat(header(1, 0, 0).getVersion()).isEqualTo(WireVersion.CURRENT);
  }

  @Test
  void badFrostPayloadIsCheckedAfterTheSignature() {
    Envelope shares = F.bodies.get(Envelope.BodyCase.SIGNATURE_SHARES);
    byte[] share = shares.getSignatureShares().getSignatureShares(0).toByteArray();
    share[share.length - 1] ^= 1; // breaks the FrostCodec checksum
    Envelope bad =
        shares.toBuilder()
            .setSignatureShares(
                shares.getSignatureShares().toBuilder()
                    .setSignatureShares(0, ByteString.copyFrom(share)))
            .build();
    // Signed by its sender: MALFORMED, and attributable to it.
    assertThat(verifier.verify(2, signRaw(bad, 2)).reason()).isEqualTo(RejectReason.MALFORMED);
    // Signed by someone else: the signature fails first, the payload is never decoded.
    assertThat(verifier.verify(2, signRaw(bad, 3)).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    // Without payload decoding (engine decodes itself), the envelope passes.
    EnvelopeVerifier lazy = new EnvelopeVerifier(F.keys, new WireLimits(1 << 20, false));
    assertThat(lazy.verify(2, signRaw(bad, 2)).isAccepted()).isTrue();
  }
}
