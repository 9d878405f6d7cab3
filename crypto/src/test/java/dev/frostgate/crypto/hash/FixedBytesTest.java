package dev.frostgate.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Bip340Signature;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Hash32} and {@link Bip340Signature}: the two fixed-length byte values. */
class FixedBytesTest {
  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void ownsItsBytesOnTheWayInAndOut() {
    byte[] in = filled(32, 7);
    Hash32 h = Hash32.of(in);
    in[0] = 1;
    assertThat(h.bytes()).isEqualTo(filled(32, 7));
    h.bytes()[1] = 1;
    assertThat(h.bytes()).isEqualTo(filled(32, 7));

    byte[] sigIn = filled(64, 9);
    Bip340Signature s = Bip340Signature.of(sigIn);
    sigIn[0] = 1;
    assertThat(s.bytes()).isEqualTo(filled(64, 9));
  }

  @Test
  void refusesAWrongLengthNamingWhatAndHowLong() {
    assertThatThrownBy(() -> Hash32.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("32-byte hash must be 32 bytes, got 31");
    assertThatThrownBy(() -> Hash32.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32-byte hash is missing");
    assertThatThrownBy(() -> Bip340Signature.of(new byte[65]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BIP340 signature must be 64 bytes, got 65");
    assertThatThrownBy(() -> Hash32.fromHex("00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("32-byte hash must be 64 hex digits, got 2");
    assertThatThrownBy(() -> Bip340Signature.fromHex("zz".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BIP340 signature is not hex");
  }

  @Test
  void equalsByValueAndNeverAcrossTypes() {
    assertThat(Hash32.of(filled(32, 3))).isEqualTo(Hash32.of(filled(32, 3)));
    assertThat(Hash32.of(filled(32, 3))).hasSameHashCodeAs(Hash32.of(filled(32, 3)));
    assertThat(Hash32.of(filled(32, 3))).isNotEqualTo(Hash32.of(filled(32, 4)));
    assertThat(Bip340Signature.of(filled(64, 3))).isEqualTo(Bip340Signature.of(filled(64, 3)));
    assertThat((Object) Hash32.of(filled(32, 0)))
        .isNotEqualTo(Bip340Signature.of(filled(64, 0)))
        .isNotEqualTo(null);
  }

  @Test
  void ordersUnsignedLexicographically() {
    Hash32 low = Hash32.of(filled(32, 0x7f));
    Hash32 high = Hash32.of(filled(32, 0x80)); // negative as a Java byte
    assertThat(low).isLessThan(high);
    assertThat(Bip340Signature.of(filled(64, 0xff)))
        .isGreaterThan(Bip340Signature.of(filled(64, 0x01)));
  }

  @Test
  void printsAsLowercaseHex() {
    assertThat(Hash32.of(filled(32, 0xab))).hasToString("ab".repeat(32));
    assertThat(Bip340Signature.of(filled(64, 0x0c))).hasToString("0c".repeat(64));
  }

  @Property
  void hexRoundTripsAndOrderMatchesHexOrder(
      @ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] b) {
    Hash32 x = Hash32.of(a);
    Hash32 y = Hash32.of(b);
    assertThat(Hash32.fromHex(x.toString())).isEqualTo(x);
    assertThat(Hash32.fromHex(HexFormat.of().withUpperCase().formatHex(a))).isEqualTo(x);
    assertThat(Integer.signum(x.compareTo(y)))
        .isEqualTo(Integer.signum(x.toString().compareTo(y.toString())));
  }

  @Property
  void signatureHexRoundTrips(@ForAll @Size(64) byte[] a) {
    Bip340Signature s = Bip340Signature.of(a);
    assertThat(Bip340Signature.fromHex(s.toString())).isEqualTo(s);
    assertThat(s.bytes()).isEqualTo(a);
  }
}
