package dev.frostgate.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] DST = Hashes.ascii("QUUX-V01-CS02-with-expander-SHA256-128");

  /** RFC 9380 Appendix K.1 (expand_message_xmd, SHA-256). */
  @Test
  void expandMessageXmdMatchesRfc9380() {
    assertThat(HEX.formatHex(Hashes.expandMessageXmd(new byte[0], DST, 0x20)))
        .isEqualTo("68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235");
    assertThat(HEX.formatHex(Hashes.expandMessageXmd(Hashes.ascii("abc"), DST, 0x20)))
        .isEqualTo("d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615");
    assertThat(HEX.formatHex(Hashes.expandMessageXmd(new byte[0], DST, 0x80)))
        .isEqualTo(
            "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbe"
                + "e0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18"
                + "eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dc"
                + "c541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced");
  }

  @Test
  void taggedDigestsAreIndependentCopiesOfTheTagPrefix() {
    byte[] tag = Hashes.sha256("TapTweak".getBytes(StandardCharsets.UTF_8));
    byte[] data = Hashes.ascii("data");
    byte[] expected = Hashes.sha256(tag, tag, data);
    MessageDigest a = Hashes.taggedDigest("TapTweak");
    a.update(Hashes.ascii("something else"));
    assertThat(Hashes.taggedHash("TapTweak", data)).isEqualTo(expected);
    assertThat(Hashes.taggedHash("TapTweak", data)).isEqualTo(expected);
    assertThat(Arrays.equals(Hashes.taggedHash("TapLeaf", data), expected)).isFalse();
  }
}
