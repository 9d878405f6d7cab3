package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.CryptoException;
import org.junit.jupiter.api.Test;

class DescriptorTest {
  // BIP380 "Test Vectors" (bitcoin/bips bip-0380.mediawiki, checksum and character set section).
  @Test
  void bip380ChecksumVectors() {
    assertThat(Descriptor.checksum("raw(deadbeef)")).isEqualTo("89f8spxm");
    assertThat(Descriptor.verifyChecksum("raw(deadbeef)#89f8spxm")).isEqualTo("raw(deadbeef)");
    assertThatThrownBy(() -> Descriptor.verifyChecksum("raw(deadbeef)"))
        .hasMessageContaining("no checksum");
    assertThatThrownBy(() -> Descriptor.verifyChecksum("raw(deadbeef)#"))
        .hasMessageContaining("8 characters, got 0");
    assertThatThrownBy(() -> Descriptor.verifyChecksum("raw(deadbeef)#89f8spxmx"))
        .hasMessageContaining("got 9");
    assertThatThrownBy(() -> Descriptor.verifyChecksum("raw(deadbeef)#89f8spx"))
        .hasMessageContaining("got 7");
    assertThatThrownBy(() -> Descriptor.verifyChecksum("raw(deedbeef)#89f8spxm"))
        .hasMessageContaining("does not match");
    assertThat(Descriptor.hasValidChecksum("raw(deedbeef)##9f8spxm")).isFalse();
    assertThatThrownBy(() -> Descriptor.verifyChecksum("raw(\u00dc)#00000000"))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("character set");
  }

  // Bitcoin Core src/test/descriptor_tests.cpp, "Checksums" section (bitcoin/bitcoin, MIT).
  @Test
  void bitcoinCoreChecksumExamples() {
    String prv =
        "sh(multi(2,[00000000/111'/222]xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc,xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L/0))";
    String pub =
        "sh(multi(2,[00000000/111'/222]xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL,xpub68NZiKmJWnxxS6aaHmn81bvJeTESw724CRDs6HbuccFQN9Ku14VQrADWgqbhhTHBaohPX4CjNLf9fq9MYo6oDaPPLPxSb7gwQN3ih19Zm4Y/0))";
    assertThat(Descriptor.withChecksum(prv)).isEqualTo(prv + "#ggrsrxfy");
    assertThat(Descriptor.withChecksum(pub)).isEqualTo(pub + "#tjg09x5t");
    assertThat(Descriptor.hasValidChecksum(pub + "#tjg09x5t")).isTrue();
    assertThat(Descriptor.hasValidChecksum(pub + "#tjq09x4t")).isFalse();
    assertThat(Descriptor.hasValidChecksum(pub + "#tjg09x5tq")).isFalse();
  }

  @Test
  void everySingleCharacterChangeOfTheChecksumIsDetected() {
    String d =
        "tr(xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8/0/*)";
    String good = Descriptor.withChecksum(d);
    String cs = good.substring(good.length() - 8);
    for (int i = 0; i < 8; i++) {
      for (char c : "qpzry9x8gf2tvdw0s3jn54khce6mua7l".toCharArray()) {
        if (c == cs.charAt(i)) {
          continue;
        }
        String bad = d + "#" + cs.substring(0, i) + c + cs.substring(i + 1);
        assertThat(Descriptor.hasValidChecksum(bad)).as(bad).isFalse();
      }
    }
  }

  @Test
  void taprootRangeDescriptors() {
    String xpub =
        "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";
    ThresholdXpub t = ThresholdXpub.parse(xpub);
    String receive = Descriptor.taprootRange(t, 0);
    String change = Descriptor.taprootRange(t, 1);
    assertThat(receive)
        .startsWith("tr(" + xpub + "/0/*)#")
        .hasSize(("tr(" + xpub + "/0/*)").length() + 9);
    assertThat(change).startsWith("tr(" + xpub + "/1/*)#");
    assertThat(Descriptor.verifyChecksum(receive)).isEqualTo("tr(" + xpub + "/0/*)");
    assertThat(Descriptor.hasValidChecksum(change)).isTrue();
    assertThatThrownBy(() -> Descriptor.taprootRange(t, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
