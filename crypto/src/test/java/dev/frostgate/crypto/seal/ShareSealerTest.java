package dev.frostgate.crypto.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Dleq;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.testkit.crypto.Seeded;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareSealerTest {
  private final SecureRandom rnd = Seeded.sha1prng(7);

  private static SealContext context(SealPurpose purpose, String session, int dealer, int to) {
    return new SealContext(
        purpose,
        "FROST-secp256k1-SHA256-TR-v1",
        Hashes.ascii(session),
        Identifier.of(dealer),
        Identifier.of(to),
        Hash32.of(Hashes.sha256(Hashes.ascii("commitment of " + dealer))));
  }

  /** A key pair whose secret as drawn has odd y (BIP340 negates it), or even y. */
  private Bip340KeyPair identity(boolean oddY) {
    while (true) {
      SecretScalar sk = SecretScalar.random(rnd);
      if (sk.publicPoint().hasEvenY() != oddY) {
        return Bip340KeyPair.of(sk);
      }
    }
  }

  @Test
  void sealsAndOpensForBothParitiesOfTheRecipientKey() {
    for (boolean odd : new boolean[] {false, true}) {
      Bip340KeyPair bob = identity(odd);
      SealContext ctx = context(SealPurpose.DKG_SHARE, "s1", 1, 2);
      SecretScalar share = SecretScalar.random(rnd);
      SealedShare sealed = ShareSealer.seal(ctx, rnd, bob.publicKey(), share);
      assertThat(ShareSealer.open(ctx, bob, sealed).sameValue(share)).isTrue();
      assertThat(SealedShare.decode(sealed.encode())).isEqualTo(sealed);
      // The plaintext does not stand in the encoding.
      assertThat(HexFormat.of().formatHex(sealed.encode())).doesNotContain(share.reveal().toHex());
    }
  }

  @Test
  void anotherKeyOrContextOrAlteredBytesDoNotOpen() {
    Bip340KeyPair bob = identity(false);
    Bip340KeyPair carol = identity(false);
    SealContext ctx = context(SealPurpose.DKG_SHARE, "s1", 1, 2);
    SealedShare sealed = ShareSealer.seal(ctx, rnd, bob.publicKey(), SecretScalar.random(rnd));

    assertNotAuthentic(() -> ShareSealer.open(ctx, carol, sealed));
    assertNotAuthentic(
        () -> ShareSealer.open(context(SealPurpose.DKG_SHARE, "s2", 1, 2), bob, sealed));
    assertNotAuthentic(
        () -> ShareSealer.open(context(SealPurpose.REFRESH_SHARE, "s1", 1, 2), bob, sealed));
    assertNotAuthentic(
        () -> ShareSealer.open(context(SealPurpose.DKG_SHARE, "s1", 3, 2), bob, sealed));
    assertNotAuthentic(
        () -> ShareSealer.open(context(SealPurpose.DKG_SHARE, "s1", 1, 3), bob, sealed));
    SealContext otherCommitment =
        new SealContext(
            ctx.purpose(),
            ctx.ciphersuite(),
            ctx.session(),
            ctx.dealer(),
            ctx.recipient(),
            Hash32.of(Hashes.sha256(Hashes.ascii("another commitment"))));
    assertNotAuthentic(() -> ShareSealer.open(otherCommitment, bob, sealed));

    byte[] enc = sealed.encode();
    for (int i : new int[] {1, 20, 33, 50, 80}) {
      byte[] bad = enc.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> ShareSealer.open(ctx, bob, SealedShare.decode(bad)))
          .isInstanceOf(SealException.class); // NOT_AUTHENTIC, or MALFORMED off the curve
    }
  }

  @Test
  void decodingIsStrict() {
    assertThatThrownBy(() -> SealedShare.decode(new byte[80]))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("81 bytes, got 80");
    byte[] uncompressedPrefix = new byte[81];
    uncompressedPrefix[0] = 4;
    assertThatThrownBy(() -> SealedShare.decode(uncompressedPrefix))
        .hasMessageContaining("not a compressed point");
    byte[] offCurve = new byte[81];
    offCurve[0] = 2;
    offCurve[32] = 5; // x = 5 is not on secp256k1
    assertThatThrownBy(() -> SealedShare.decode(offCurve)).isInstanceOf(SealException.class);
    assertThatThrownBy(() -> KeyDisclosure.decode(new byte[96]))
        .hasMessageContaining("97 bytes, got 96");
  }

  @Test
  void dealerEphemeralIsDeterministicPerContextAndIndependentOfTheRecipient() {
    SecretScalar a0 = SecretScalar.random(rnd);
    SealContext to2 = context(SealPurpose.DKG_SHARE, "s1", 1, 2);
    SealContext to3 = to2.to(Identifier.of(3));
    Point e2 = ShareSealer.dealerEphemeral(a0, to2).publicPoint();
    assertThat(ShareSealer.dealerEphemeral(a0, to3).publicPoint()).isEqualTo(e2);
    assertThat(
            ShareSealer.dealerEphemeral(a0, context(SealPurpose.DKG_SHARE, "s2", 1, 2))
                .publicPoint())
        .isNotEqualTo(e2);
    assertThat(ShareSealer.dealerEphemeral(SecretScalar.random(rnd), to2).publicPoint())
        .isNotEqualTo(e2);

    // The same ephemeral and share give the same ciphertext: a re-send after a restart is
    // byte-identical.
    Bip340KeyPair bob = identity(true);
    SecretScalar share = SecretScalar.random(rnd);
    SealedShare first =
        ShareSealer.seal(to2, ShareSealer.dealerEphemeral(a0, to2), bob.publicKey(), share);
    SealedShare again =
        ShareSealer.seal(to2, ShareSealer.dealerEphemeral(a0, to2), bob.publicKey(), share);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aDisclosureOpensExactlyItsOwnCiphertext() {
    Bip340KeyPair bob = identity(true);
    Bip340KeyPair carol = identity(false);
    SecretScalar a0 = SecretScalar.random(rnd);
    SealContext toBob = context(SealPurpose.DKG_SHARE, "s1", 1, 2);
    SealContext toCarol = toBob.to(Identifier.of(3));
    SecretScalar e = ShareSealer.dealerEphemeral(a0, toBob);
    SecretScalar bobShare = SecretScalar.random(rnd);
    SecretScalar carolShare = SecretScalar.random(rnd);
    SealedShare forBob = ShareSealer.seal(toBob, e, bob.publicKey(), bobShare);
    SealedShare forCarol = ShareSealer.seal(toCarol, e, carol.publicKey(), carolShare);

    KeyDisclosure d = KeyDisclosure.disclose(toBob, bob, forBob);
    assertThat(d.verify(toBob, bob.publicKey(), forBob)).isTrue();
    assertThat(KeyDisclosure.decode(d.encode()).verify(toBob, bob.publicKey(), forBob)).isTrue();
    assertThat(
            ShareSealer.openDisclosed(toBob, bob.publicKey(), forBob, d.sharedPoint())
                .sameValue(bobShare))
        .isTrue();

    // Bob's disclosed key opens nothing sent to Carol under the same ephemeral key.
    assertThatThrownBy(
            () -> ShareSealer.openDisclosed(toCarol, carol.publicKey(), forCarol, d.sharedPoint()))
        .isInstanceOf(SealException.class);
    // The disclosure is bound to its ciphertext, context and key.
    assertThat(d.verify(toCarol, carol.publicKey(), forCarol)).isFalse();
    assertThat(d.verify(toBob, carol.publicKey(), forBob)).isFalse();
    SealedShare otherForBob = ShareSealer.seal(toBob, rnd, bob.publicKey(), bobShare);
    assertThat(d.verify(toBob, bob.publicKey(), otherForBob)).isFalse();
    // A wrong shared point, or a proof made with another key, does not verify.
    KeyDisclosure wrongPoint = new KeyDisclosure(d.sharedPoint().add(Point.G), d.proof());
    assertThat(wrongPoint.verify(toBob, bob.publicKey(), forBob)).isFalse();
    Point carolsPoint = carol.agree(forBob.ephemeral());
    KeyDisclosure carolsProof =
        new KeyDisclosure(
            carolsPoint, carol.proveAgreement(forBob.ephemeral(), carolsPoint, new byte[0]));
    assertThat(carolsProof.verify(toBob, bob.publicKey(), forBob)).isFalse();
    Dleq.Proof tampered = new Dleq.Proof(d.proof().c(), d.proof().z().add(Scalar.ONE));
    assertThat(new KeyDisclosure(d.sharedPoint(), tampered).verify(toBob, bob.publicKey(), forBob))
        .isFalse();
  }

  @Test
  void aComplaintConvictsExactlyTheGuiltyParty() {
    Bip340KeyPair bob = identity(true);
    SealContext ctx = context(SealPurpose.DKG_SHARE, "s1", 1, 2);
    SecretScalar good = SecretScalar.random(rnd);
    Point expected = good.publicPoint();

    SealedShare honest = ShareSealer.seal(ctx, rnd, bob.publicKey(), good);
    assertThat(complaint(ctx, bob, honest, expected).judge())
        .isEqualTo(ShareComplaint.Verdict.FALSE_COMPLAINT);

    SealedShare wrongShare = ShareSealer.seal(ctx, rnd, bob.publicKey(), SecretScalar.random(rnd));
    assertThat(complaint(ctx, bob, wrongShare, expected).judge())
        .isEqualTo(ShareComplaint.Verdict.DEALER_AT_FAULT);

    // Garbage the dealer signed: sealed to another key, so it never opens for Bob.
    SealedShare garbage = ShareSealer.seal(ctx, rnd, identity(false).publicKey(), good);
    assertThat(complaint(ctx, bob, garbage, expected).judge())
        .isEqualTo(ShareComplaint.Verdict.DEALER_AT_FAULT);

    // A disclosure with a wrong point is no evidence.
    KeyDisclosure d = KeyDisclosure.disclose(ctx, bob, wrongShare);
    ShareComplaint forged =
        new ShareComplaint(
            ctx,
            Bip340PublicKey.of(bob.publicKey()),
            wrongShare,
            new KeyDisclosure(d.sharedPoint().negate(), d.proof()),
            Optional.of(expected));
    assertThat(forged.judge()).isEqualTo(ShareComplaint.Verdict.EVIDENCE_INVALID);
  }

  private static ShareComplaint complaint(
      SealContext ctx, Bip340KeyPair recipient, SealedShare sealed, Point expected) {
    return new ShareComplaint(
        ctx,
        Bip340PublicKey.of(recipient.publicKey()),
        sealed,
        KeyDisclosure.disclose(ctx, recipient, sealed),
        Optional.of(expected));
  }

  private static void assertNotAuthentic(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    assertThatThrownBy(c)
        .isInstanceOfSatisfying(
            SealException.class,
            e -> assertThat(e.kind()).isEqualTo(SealException.Kind.NOT_AUTHENTIC));
  }
}
