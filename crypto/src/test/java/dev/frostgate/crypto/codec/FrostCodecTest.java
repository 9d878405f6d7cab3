package dev.frostgate.crypto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.crypto.codec.CodecFixtures.Session;
import dev.frostgate.crypto.codec.FrostCodec.Type;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.FrostException.Kind;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.crypto.frost.SigningPackage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrostCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Session RFC = CodecFixtures.session(Ciphersuite.RFC9591, 5, 3, 1);
  private static final Session TR = CodecFixtures.session(Ciphersuite.TAPROOT, 5, 3, 2);

  static Stream<Arguments> sessions() {
    List<Arguments> out = new ArrayList<>();
    long seed = 100;
    for (Ciphersuite suite : Ciphersuite.all()) {
      for (int[] nt : new int[][] {{1, 1}, {2, 2}, {3, 2}, {5, 3}, {15, 10}}) {
        // several seeds per shape, so both parities of the group key occur
        for (int k = 0; k < 3; k++) {
          out.add(
              Arguments.of(
                  suite.contextString(),
                  nt[0],
                  nt[1],
                  CodecFixtures.session(suite, nt[0], nt[1], seed++)));
        }
      }
    }
    return out.stream();
  }

  static Stream<Cases> allCases() {
    return Stream.concat(Cases.of(RFC).stream(), Cases.of(TR).stream());
  }

  static FrostException reject(Executable decode) {
    FrostException e = catchThrowableOfType(FrostException.class, decode::execute);
    assertThat(e).as("decoding must fail").isNotNull();
    return e;
  }

  static FrostException reject(Type type, byte[] data) {
    return reject(() -> Cases.decode(type, data));
  }

  // ------------------------------------------------------------- round trips

  @ParameterizedTest(name = "{0} {2}-of-{1}")
  @MethodSource("sessions")
  void everyTypeRoundTrips(String suiteName, int n, int t, Session s) {
    Ciphersuite suite = s.suite();
    for (KeyPackage kp : s.keyPackages()) {
      byte[] enc = FrostCodec.encode(kp);
      KeyPackage back = FrostCodec.decodeKeyPackage(enc);
      assertThat(back.suite()).isSameAs(suite);
      assertThat(back.identifier()).isEqualTo(kp.identifier());
      assertThat(back.signingShare().sameValue(kp.signingShare())).isTrue();
      assertThat(back.verifyingShare()).isEqualTo(kp.verifyingShare());
      assertThat(back.verifyingKey()).isEqualTo(kp.verifyingKey());
      assertThat(back.minSigners()).isEqualTo(t);
      assertThat(FrostCodec.encode(back)).isEqualTo(enc);
    }
    for (SecretShare share : s.dealer().shares().values()) {
      byte[] enc = FrostCodec.encode(share);
      SecretShare back = FrostCodec.decodeSecretShare(enc);
      assertThat(back.suite()).isSameAs(suite);
      assertThat(back.identifier()).isEqualTo(share.identifier());
      assertThat(back.signingShare().sameValue(share.signingShare())).isTrue();
      assertThat(back.commitment()).isEqualTo(share.commitment());
      assertThat(back.toKeyPackage().verifyingShare())
          .isEqualTo(share.toKeyPackage().verifyingShare());
      assertThat(FrostCodec.encode(back)).isEqualTo(enc);
    }
    PublicKeyPackage pkp = s.dealer().publicKeys();
    assertThat(FrostCodec.decodePublicKeyPackage(FrostCodec.encode(pkp))).isEqualTo(pkp);
    for (var c : s.commitments()) {
      assertThat(FrostCodec.decodeSigningCommitments(FrostCodec.encode(c))).isEqualTo(c);
    }
    SigningPackage pkg = s.signingPackage();
    assertThat(FrostCodec.decodeSigningPackage(FrostCodec.encode(pkg))).isEqualTo(pkg);
    for (var share : s.shares()) {
      assertThat(FrostCodec.decodeSignatureShare(FrostCodec.encode(share))).isEqualTo(share);
    }
    var sig = FrostCodec.decodeSignature(FrostCodec.encode(s.signature()));
    assertThat(sig).isEqualTo(s.signature());
    assertThat(suite.verify(sig, s.message(), suite.preAggregate(pkp).verifyingKey())).isTrue();
    var vss = s.secretShare(0).commitment();
    assertThat(FrostCodec.decodeVssCommitment(FrostCodec.encode(vss))).isEqualTo(vss);

    for (Cases c : Cases.of(s)) {
      assertThat(Cases.encode(Cases.decode(c.type(), c.encoded()))).isEqualTo(c.encoded());
      assertThat(FrostCodec.peekType(c.encoded())).isEqualTo(c.type());
    }
  }

  @Test
  void decodedKeyPackagesSignAndAggregate() {
    Session s = CodecFixtures.session(Ciphersuite.TAPROOT, 4, 3, 77);
    List<KeyPackage> decoded = new ArrayList<>();
    for (KeyPackage kp : s.keyPackages()) {
      decoded.add(FrostCodec.decodeKeyPackage(FrostCodec.encode(kp)));
    }
    PublicKeyPackage pkp =
        FrostCodec.decodePublicKeyPackage(FrostCodec.encode(s.dealer().publicKeys()));
    var rnd = new CodecFixtures.SeededRandom(5);
    List<dev.frostgate.crypto.frost.SigningNonces> nonces = new ArrayList<>();
    for (KeyPackage kp : decoded.subList(1, 4)) {
      nonces.add(dev.frostgate.crypto.frost.Round1.commit(kp, rnd));
    }
    SigningPackage pkg =
        FrostCodec.decodeSigningPackage(
            FrostCodec.encode(
                SigningPackage.of(
                    nonces.stream().map(n -> n.commitments()).toList(), new byte[] {1, 2, 3})));
    List<dev.frostgate.crypto.frost.SignatureShare> shares = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shares.add(
          FrostCodec.decodeSignatureShare(
              FrostCodec.encode(
                  dev.frostgate.crypto.frost.Round2.sign(pkg, nonces.get(i), decoded.get(i + 1)))));
    }
    var sig = dev.frostgate.crypto.frost.Aggregator.aggregate(pkg, shares, pkp);
    assertThat(FrostCodec.decodeSignature(FrostCodec.encode(sig))).isEqualTo(sig);
  }

  @Test
  void layoutAndLengthsAreFixed() {
    byte[] kp = FrostCodec.encode(TR.keyPackages().get(0));
    assertThat(Arrays.copyOf(kp, 5)).containsExactly('F', 'G', 1, 1, 2);
    assertThat(kp).hasSize(5 + 32 + 32 + 33 + 33 + 2 + 4);
    byte[] kpRfc = FrostCodec.encode(RFC.keyPackages().get(0));
    assertThat(kpRfc[4]).isEqualTo((byte) 1);
    assertThat(FrostCodec.encode(RFC.dealer().publicKeys())).hasSize(5 + 2 + 5 * 65 + 33 + 2 + 4);
    assertThat(FrostCodec.encode(RFC.commitments().get(0))).hasSize(5 + 32 + 66 + 4);
    assertThat(FrostCodec.encode(RFC.signingPackage())).hasSize(5 + 2 + 3 * 98 + 4 + 32 + 4);
    assertThat(FrostCodec.encode(RFC.shares().get(0))).hasSize(5 + 64 + 4);
    assertThat(FrostCodec.encode(RFC.signature())).hasSize(5 + 65 + 4);
    assertThat(FrostCodec.encode(RFC.secretShare(0))).hasSize(5 + 64 + 2 + 3 * 33 + 4);
    assertThat(FrostCodec.encode(RFC.secretShare(0).commitment())).hasSize(5 + 2 + 3 * 33 + 4);
    for (Cases c : Cases.of(RFC)) {
      assertThat(c.encoded()[3]).isEqualTo((byte) c.type().tag());
      assertThat(c.encoded()[4]).isEqualTo((byte) (c.type().hasCiphersuite() ? 1 : 0));
    }
    assertThat(Arrays.stream(Type.values()).mapToInt(Type::tag))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void encodingIsDeterministic() {
    for (Cases c : Cases.of(RFC)) {
      assertThat(Cases.encode(Cases.decode(c.type(), c.encoded()))).isEqualTo(c.encoded());
    }
    assertThat(FrostCodec.encode(RFC.keyPackages().get(1)))
        .isEqualTo(FrostCodec.encode(RFC.keyPackages().get(1)));
  }

  @Test
  void messagesOfZeroAndMaximumLengthRoundTrip() {
    for (int len : new int[] {0, 1, FrostCodec.MAX_MESSAGE_LENGTH}) {
      SigningPackage pkg = SigningPackage.of(RFC.commitments(), new byte[len]);
      byte[] enc = FrostCodec.encode(pkg);
      assertThat(FrostCodec.decodeSigningPackage(enc)).isEqualTo(pkg);
    }
    SigningPackage tooLong =
        SigningPackage.of(RFC.commitments(), new byte[FrostCodec.MAX_MESSAGE_LENGTH + 1]);
    assertThat(reject(() -> FrostCodec.encode(tooLong)).getMessage())
        .startsWith("SigningPackage.message");
  }

  // ------------------------------------------------------------- envelope errors

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void everyTruncationIsRejected(Cases c) {
    for (int len = 0; len < c.encoded().length; len++) {
      FrostException e = reject(c.type(), Arrays.copyOf(c.encoded(), len));
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ENCODING);
      assertThat(e.getMessage()).startsWith(c.type().typeName()).contains("truncated");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void oneTrailingByteIsRejected(Cases c) {
    byte[] padded = Arrays.copyOf(c.encoded(), c.encoded().length + 1);
    for (byte[] candidate : List.of(padded, CodecFixtures.reseal(padded))) {
      FrostException e = reject(c.type(), candidate);
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ENCODING);
      assertThat(e.getMessage()).startsWith(c.type().typeName()).contains("trailing");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void crossTypeDecodingIsRejected(Cases c) {
    for (Type other : Type.values()) {
      if (other == c.type()) {
        continue;
      }
      FrostException e = reject(other, c.encoded());
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ENCODING);
      assertThat(e.getMessage())
          .startsWith(other.typeName() + ".type")
          .contains("a " + c.type().typeName() + " (tag " + c.type().tag() + ")");
    }
  }

  @Test
  void decodingASignatureShareAsAKeyPackageSaysSo() {
    byte[] share = FrostCodec.encode(RFC.shares().get(0));
    assertThatThrownBy(() -> FrostCodec.decodeKeyPackage(share))
        .isInstanceOf(FrostException.class)
        .hasMessage(
            "KeyPackage.type: expected a KeyPackage (tag 1), but the encoding holds a"
                + " SignatureShare (tag 5)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void headerErrorsAreRejected(Cases c) {
    String name = c.type().typeName();
    byte[] magic = c.encoded().clone();
    magic[0] = 'f';
    assertThat(reject(c.type(), CodecFixtures.reseal(magic)).getMessage())
        .startsWith(name + ".magic");

    byte[] version = c.encoded().clone();
    version[2] = 2;
    FrostException v = reject(c.type(), CodecFixtures.reseal(version));
    assertThat(v.getMessage()).startsWith(name + ".version").contains("version 2");

    byte[] unknownType = c.encoded().clone();
    unknownType[3] = 9;
    assertThat(reject(c.type(), CodecFixtures.reseal(unknownType)).getMessage())
        .startsWith(name + ".type")
        .contains("unknown type tag 9");
    assertThatThrownBy(() -> FrostCodec.peekType(CodecFixtures.reseal(unknownType)))
        .isInstanceOf(FrostException.class)
        .hasMessageContaining("unknown type tag 9");

    for (int suiteTag : new int[] {0, 1, 2, 3, 255}) {
      byte[] suite = c.encoded().clone();
      if (suite[4] == suiteTag) {
        continue;
      }
      suite[4] = (byte) suiteTag;
      byte[] sealed = CodecFixtures.reseal(suite);
      if (c.type().hasCiphersuite() && (suiteTag == 1 || suiteTag == 2)) {
        // the other known suite: a valid encoding of the same key under the other ciphersuite
        assertThat(Cases.encode(Cases.decode(c.type(), sealed))).isEqualTo(sealed);
        continue;
      }
      FrostException e = reject(c.type(), sealed);
      assertThat(e.getMessage()).startsWith(name + ".ciphersuite");
      assertThat(e.kind())
          .isEqualTo(c.type().hasCiphersuite() ? Kind.WRONG_CIPHERSUITE : Kind.MALFORMED_ENCODING);
    }

    byte[] checksum = c.encoded().clone();
    checksum[checksum.length - 1] ^= 1;
    assertThat(reject(c.type(), checksum).getMessage()).startsWith(name + ".checksum");
    assertThat(reject(c.type(), new byte[0]).getMessage()).startsWith(name + ": truncated");
  }

  // ------------------------------------------------------------- body errors

  private static byte[] put(byte[] enc, int offset, byte[] field) {
    byte[] out = enc.clone();
    System.arraycopy(field, 0, out, offset, field.length);
    return CodecFixtures.reseal(out);
  }

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  private static final byte[] ORDER =
      Secp256k1.N.toByteArray().length == 33
          ? Arrays.copyOfRange(Secp256k1.N.toByteArray(), 1, 33)
          : Secp256k1.N.toByteArray();

  @Test
  void invalidPointsAreRejected() {
    byte[] kp = FrostCodec.encode(RFC.keyPackages().get(0));
    int vk = 5 + 32 + 32 + 33; // verifyingKey offset
    byte[] uncompressedPrefix = new byte[33];
    uncompressedPrefix[0] = 4;
    uncompressedPrefix[1] = 1;
    FrostException e = reject(Type.KEY_PACKAGE, put(kp, vk, uncompressedPrefix));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ELEMENT);
    assertThat(e.getMessage()).startsWith("KeyPackage.verifyingKey");

    byte[] offCurve = new byte[33];
    Arrays.fill(offCurve, (byte) 0xff);
    offCurve[0] = 2; // x >= p
    e = reject(Type.KEY_PACKAGE, put(kp, vk, offCurve));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ELEMENT);

    byte[] notOnCurve = new byte[33];
    notOnCurve[0] = 2;
    notOnCurve[32] = 5; // x = 5: 5^3 + 7 = 132 is not a square mod p
    e = reject(Type.KEY_PACKAGE, put(kp, vk, notOnCurve));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ELEMENT);

    e = reject(Type.KEY_PACKAGE, put(kp, vk, new byte[33]));
    assertThat(e.kind()).isEqualTo(Kind.IDENTITY_ELEMENT);
    assertThat(e.getMessage()).startsWith("KeyPackage.verifyingKey");

    byte[] vss = FrostCodec.encode(RFC.secretShare(0).commitment());
    e = reject(Type.VSS_COMMITMENT, put(vss, 5 + 2 + 33, new byte[33]));
    assertThat(e.kind()).isEqualTo(Kind.IDENTITY_ELEMENT);
    assertThat(e.getMessage()).startsWith("VssCommitment.coefficients[1]");

    byte[] com = FrostCodec.encode(RFC.commitments().get(0));
    e = reject(Type.SIGNING_COMMITMENTS, put(com, 5 + 32 + 33, uncompressedPrefix));
    assertThat(e.getMessage()).startsWith("SigningCommitments.binding");
  }

  @Test
  void invalidScalarsAndIdentifiersAreRejected() {
    byte[] share = FrostCodec.encode(RFC.shares().get(0));
    FrostException e = reject(Type.SIGNATURE_SHARE, put(share, 5 + 32, ORDER));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_SCALAR);
    assertThat(e.getMessage()).startsWith("SignatureShare.share");

    e = reject(Type.SIGNATURE_SHARE, put(share, 5, new byte[32]));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_SCALAR);
    assertThat(e.getMessage()).isEqualTo("SignatureShare.identifier: identifier is zero");

    e = reject(Type.SIGNATURE_SHARE, put(share, 5, ORDER));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_SCALAR);
    assertThat(e.getMessage()).startsWith("SignatureShare.identifier");

    byte[] sig = FrostCodec.encode(RFC.signature());
    e = reject(Type.SIGNATURE, put(sig, 5 + 33, ORDER));
    assertThat(e.getMessage()).startsWith("Signature.z");

    byte[] kp = FrostCodec.encode(RFC.keyPackages().get(0));
    e = reject(Type.KEY_PACKAGE, put(kp, 5 + 32, new byte[32]));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_SCALAR);
    assertThat(e.getMessage()).startsWith("KeyPackage.signingShare");
    e = reject(Type.KEY_PACKAGE, put(kp, 5 + 32, ORDER));
    assertThat(e.getMessage()).startsWith("KeyPackage.signingShare");

    byte[] ss = FrostCodec.encode(RFC.secretShare(0));
    e = reject(Type.SECRET_SHARE, put(ss, 5, new byte[32]));
    assertThat(e.getMessage()).startsWith("SecretShare.identifier");
  }

  @Test
  void keyPackageWhoseShareDoesNotMatchItsVerifyingShareIsRejected() {
    byte[] kp = FrostCodec.encode(RFC.keyPackages().get(0));
    byte[] other = RFC.keyPackages().get(1).verifyingShare().compressed();
    FrostException e = reject(Type.KEY_PACKAGE, put(kp, 5 + 64, other));
    assertThat(e.getMessage())
        .isEqualTo("KeyPackage.verifyingShare: does not match the signing share");
  }

  @Test
  void countsAndThresholdsOutOfRangeAreRejected() {
    byte[] pkp = FrostCodec.encode(RFC.dealer().publicKeys()); // 3-of-5
    int minOffset = pkp.length - 4 - 2;
    for (int bad : new int[] {0, 6, 1000, 65535}) {
      FrostException e = reject(Type.PUBLIC_KEY_PACKAGE, put(pkp, minOffset, u16(bad)));
      assertThat(e.getMessage())
          .startsWith("PublicKeyPackage.minSigners")
          .contains("between 1 and 5");
    }
    for (int bad : new int[] {0, 1001, 65535}) {
      FrostException e = reject(Type.PUBLIC_KEY_PACKAGE, put(pkp, 5, u16(bad)));
      assertThat(e.getMessage()).startsWith("PublicKeyPackage.count");
    }
    // a count that is in range but disagrees with the entries: truncated or trailing
    assertThat(reject(Type.PUBLIC_KEY_PACKAGE, put(pkp, 5, u16(6))).getMessage())
        .contains("truncated");
    assertThat(reject(Type.PUBLIC_KEY_PACKAGE, put(pkp, 5, u16(4))).getMessage())
        .startsWith("PublicKeyPackage.verifyingKey");

    byte[] kp = FrostCodec.encode(RFC.keyPackages().get(0));
    for (int bad : new int[] {0, 1001}) {
      assertThat(reject(Type.KEY_PACKAGE, put(kp, kp.length - 6, u16(bad))).getMessage())
          .startsWith("KeyPackage.minSigners");
    }

    byte[] vss = FrostCodec.encode(RFC.secretShare(0).commitment());
    for (int bad : new int[] {0, 1001}) {
      assertThat(reject(Type.VSS_COMMITMENT, put(vss, 5, u16(bad))).getMessage())
          .startsWith("VssCommitment.count");
    }
    byte[] ss = FrostCodec.encode(RFC.secretShare(0));
    assertThat(reject(Type.SECRET_SHARE, put(ss, 5 + 64, u16(0))).getMessage())
        .startsWith("SecretShare.commitment.count");

    byte[] pkg = FrostCodec.encode(RFC.signingPackage());
    assertThat(reject(Type.SIGNING_PACKAGE, put(pkg, 5, u16(0))).getMessage())
        .startsWith("SigningPackage.count");
    int lengthOffset = 5 + 2 + 3 * 98;
    for (byte[] len :
        List.of(
            new byte[] {0, 0x10, 0, 1},
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})) {
      assertThat(reject(Type.SIGNING_PACKAGE, put(pkg, lengthOffset, len)).getMessage())
          .startsWith("SigningPackage.message.length")
          .contains("exceeds");
    }
    assertThat(
            reject(Type.SIGNING_PACKAGE, put(pkg, lengthOffset, new byte[] {0, 0, 0, 33}))
                .getMessage())
        .startsWith("SigningPackage.message")
        .contains("truncated");
    assertThat(
            reject(Type.SIGNING_PACKAGE, put(pkg, lengthOffset, new byte[] {0, 0, 0, 31}))
                .getMessage())
        .startsWith("SigningPackage")
        .contains("trailing");
  }

  private static byte[] swapEntries(byte[] enc, int first, int entryLength, int i, int j) {
    byte[] out = enc.clone();
    int a = first + i * entryLength;
    int b = first + j * entryLength;
    System.arraycopy(enc, a, out, b, entryLength);
    System.arraycopy(enc, b, out, a, entryLength);
    return CodecFixtures.reseal(out);
  }

  private static byte[] copyEntry(byte[] enc, int first, int entryLength, int from, int to) {
    byte[] out = enc.clone();
    System.arraycopy(enc, first + from * entryLength, out, first + to * entryLength, entryLength);
    return CodecFixtures.reseal(out);
  }

  @Test
  void mapsMustBeStrictlyAscending() {
    byte[] pkp = FrostCodec.encode(RFC.dealer().publicKeys());
    FrostException e = reject(Type.PUBLIC_KEY_PACKAGE, swapEntries(pkp, 7, 65, 1, 2));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ENCODING);
    assertThat(e.getMessage())
        .startsWith("PublicKeyPackage.verifyingShares[2].identifier")
        .contains("ascending");
    e = reject(Type.PUBLIC_KEY_PACKAGE, copyEntry(pkp, 7, 65, 3, 4));
    assertThat(e.kind()).isEqualTo(Kind.DUPLICATE_IDENTIFIER);
    assertThat(e.getMessage()).startsWith("PublicKeyPackage.verifyingShares[4].identifier");

    byte[] pkg = FrostCodec.encode(RFC.signingPackage());
    e = reject(Type.SIGNING_PACKAGE, swapEntries(pkg, 7, 98, 0, 2));
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ENCODING);
    assertThat(e.getMessage()).startsWith("SigningPackage.commitments[1].identifier");
    e = reject(Type.SIGNING_PACKAGE, copyEntry(pkg, 7, 98, 0, 1));
    assertThat(e.kind()).isEqualTo(Kind.DUPLICATE_IDENTIFIER);
    assertThat(e.getMessage()).startsWith("SigningPackage.commitments[1].identifier");
  }

  // ------------------------------------------------------------- secrets and text

  @Test
  void keyPackageErrorsNeverContainTheShare() {
    for (Session s : List.of(RFC, TR)) {
      KeyPackage kp = s.keyPackages().get(2);
      byte[] shareBytes = kp.signingShare().toBytes();
      String shareHex = HEX.formatHex(shareBytes);
      String upper = shareHex.toUpperCase(java.util.Locale.ROOT);
      byte[] enc = FrostCodec.encode(kp);
      List<String> messages = new ArrayList<>();
      for (int len = 0; len < enc.length; len++) {
        messages.add(reject(Type.KEY_PACKAGE, Arrays.copyOf(enc, len)).getMessage());
      }
      for (int pos = 0; pos < enc.length; pos++) {
        byte[] bad = enc.clone();
        bad[pos] ^= 0x40;
        messages.add(reject(Type.KEY_PACKAGE, bad).getMessage());
        // with a recomputed checksum some changes are valid (another identifier or threshold)
        byte[] resealed = CodecFixtures.reseal(bad);
        try {
          FrostCodec.decodeKeyPackage(resealed);
        } catch (FrostException e) {
          messages.add(e.getMessage());
        }
      }
      assertThat(messages).allSatisfy(m -> assertThat(m).startsWith("KeyPackage"));
      for (Type other : Type.values()) {
        if (other != Type.KEY_PACKAGE) {
          messages.add(reject(other, enc).getMessage());
        }
      }
      messages.add(reject(() -> FrostCodec.fromText(FrostCodec.toText(enc) + "x")).getMessage());
      assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(shareHex, upper));
      // not even 8 consecutive bytes of the share, in either case
      for (int i = 0; i + 16 <= shareHex.length(); i += 2) {
        String window = shareHex.substring(i, i + 16);
        assertThat(messages)
            .allSatisfy(
                m -> assertThat(m.toLowerCase(java.util.Locale.ROOT)).doesNotContain(window));
      }
    }
  }

  @Test
  void textArmourIsStrictLowercaseHex() {
    for (Cases c : Cases.of(TR)) {
      String text = FrostCodec.toText(c.encoded());
      assertThat(text).matches("[0-9a-f]+").hasSize(2 * c.encoded().length);
      assertThat(FrostCodec.fromText(text)).isEqualTo(c.encoded());
    }
    String text = FrostCodec.toText(FrostCodec.encode(TR.shares().get(0)));
    assertThat(text).startsWith("464701050");
    for (String bad :
        List.of(
            text.toUpperCase(java.util.Locale.ROOT),
            text + "0",
            " " + text,
            text + "\n",
            "0x" + text,
            "zz")) {
      FrostException e = reject(() -> FrostCodec.fromText(bad));
      assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ENCODING);
      assertThat(e.getMessage()).startsWith("text:").doesNotContain(text);
    }
    assertThat(FrostCodec.fromText("")).isEmpty();
  }

  @Test
  void peekTypeReadsOnlyTheHeader() {
    for (Cases c : Cases.of(RFC)) {
      assertThat(FrostCodec.peekType(c.encoded())).isEqualTo(c.type());
    }
    assertThatThrownBy(() -> FrostCodec.peekType(new byte[] {'F', 'G'}))
        .isInstanceOf(FrostException.class)
        .hasMessageContaining("truncated");
  }
}
