package dev.frostgate.crypto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.crypto.codec.CodecFixtures.Session;
import dev.frostgate.crypto.codec.FrostCodec.Type;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrostCodecProperties {

  @Provide
  Arbitrary<Ciphersuite> suites() {
    return Arbitraries.of(Ciphersuite.all());
  }

  private static Session session(Ciphersuite suite, int n, int tChoice, long seed) {
    int t = 1 + tChoice % n;
    return CodecFixtures.session(suite, n, t, seed);
  }

  /**
   * EVERY single-byte change (each position; XOR with 0x01, 0x80, 0xff and a random delta) of an
   * encoded KeyPackage, SignatureShare, SigningCommitments and VssCommitment is rejected, with a
   * message naming the type, and a KeyPackage's messages never show its share.
   */
  @Property(tries = 25, seed = "20250117")
  void everySingleByteChangeIsRejected(
      @ForAll("suites") Ciphersuite suite,
      @ForAll @IntRange(min = 1, max = 7) int n,
      @ForAll @IntRange(min = 0, max = 100) int tChoice,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 255) int delta) {
    Session s = session(suite, n, tChoice, seed);
    String shareHex = HexFormat.of().formatHex(s.keyPackages().get(0).signingShare().toBytes());
    Set<Integer> deltas = new LinkedHashSet<>(List.of(0x01, 0x80, 0xff, delta));
    List<Cases> targets =
        Cases.of(s).stream()
            .filter(
                c ->
                    Set.of(
                            Type.KEY_PACKAGE,
                            Type.SIGNATURE_SHARE,
                            Type.SIGNING_COMMITMENTS,
                            Type.VSS_COMMITMENT)
                        .contains(c.type()))
            .toList();
    assertThat(targets).hasSize(4);
    for (Cases c : targets) {
      byte[] enc = c.encoded();
      for (int pos = 0; pos < enc.length; pos++) {
        for (int d : deltas) {
          byte[] bad = enc.clone();
          bad[pos] ^= (byte) d;
          FrostException e =
              catchThrowableOfType(FrostException.class, () -> Cases.decode(c.type(), bad));
          assertThat(e)
              .as("%s: change at %d (xor %02x) must be rejected", c.type(), pos, d)
              .isNotNull();
          assertThat(e.getMessage()).startsWith(c.type().typeName());
          if (c.type() == Type.KEY_PACKAGE) {
            assertThat(e.getMessage().toLowerCase(Locale.ROOT)).doesNotContain(shareHex);
          }
        }
      }
    }
  }

  /** Random shapes round-trip for every type, and re-encoding gives the same bytes. */
  @Property(tries = 40, seed = "777")
  void everyTypeRoundTripsCanonically(
      @ForAll("suites") Ciphersuite suite,
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 0, max = 100) int tChoice,
      @ForAll long seed) {
    Session s = session(suite, n, tChoice, seed);
    for (Cases c : Cases.of(s)) {
      assertThat(Cases.encode(Cases.decode(c.type(), c.encoded()))).isEqualTo(c.encoded());
    }
  }

  /**
   * Random bytes behind a valid header and checksum: decoding either fails with a FrostException
   * (never another exception) or succeeds, and then re-encoding reproduces the input exactly.
   */
  @Property(tries = 2000, seed = "4242")
  void arbitraryBodiesAreRejectedCleanlyOrAreCanonical(
      @ForAll("types") Type type,
      @ForAll @IntRange(min = 0, max = 3) int suiteTag,
      @ForAll @Size(max = 300) byte[] body) {
    byte[] data = new byte[5 + body.length + 4];
    data[0] = 'F';
    data[1] = 'G';
    data[2] = 1;
    data[3] = (byte) type.tag();
    data[4] = (byte) suiteTag;
    System.arraycopy(body, 0, data, 5, body.length);
    byte[] sealed = CodecFixtures.reseal(data);
    Object decoded;
    try {
      decoded = Cases.decode(type, sealed);
    } catch (FrostException e) {
      assertThat(e.getMessage()).startsWith(type.typeName());
      return;
    }
    assertThat(Cases.encode(decoded)).isEqualTo(sealed);
  }

  /** Random bytes of any shape never escape as anything but a FrostException. */
  @Property(tries = 2000, seed = "99")
  void arbitraryBytesNeverCrashTheDecoder(
      @ForAll("types") Type type, @ForAll @Size(max = 200) byte[] data) {
    try {
      Cases.decode(type, data);
    } catch (FrostException e) {
      assertThat(e.getMessage()).startsWith(type.typeName());
    }
  }

  /**
   * Mutating a body byte and recomputing the checksum: rejected, or a different canonical value.
   */
  @Property(tries = 300, seed = "31337")
  void resealedMutationsAreRejectedOrCanonical(
      @ForAll("suites") Ciphersuite suite,
      @ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 7) int typeIndex,
      @ForAll @IntRange(min = 0, max = 100_000) int positionChoice,
      @ForAll @IntRange(min = 1, max = 255) int delta) {
    Cases c = Cases.of(session(suite, n, n - 1, seed)).get(typeIndex);
    byte[] bad = c.encoded().clone();
    int pos = positionChoice % (bad.length - FrostCodec.CHECKSUM_LENGTH);
    bad[pos] ^= (byte) delta;
    byte[] sealed = CodecFixtures.reseal(bad);
    Object decoded;
    try {
      decoded = Cases.decode(c.type(), sealed);
    } catch (FrostException e) {
      assertThat(e.getMessage()).startsWith(c.type().typeName());
      return;
    }
    assertThat(Cases.encode(decoded)).isEqualTo(sealed);
  }

  @Provide
  Arbitrary<Type> types() {
    return Arbitraries.of(Type.values());
  }
}
