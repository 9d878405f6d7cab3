package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.CryptoException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class Bech32Test {
  private static final JsonNode BIP173 = Vectors.json("bip173-bech32-vectors.json");
  private static final JsonNode BIP350 = Vectors.json("bip350-bech32m-vectors.json");

  @Test
  void validBech32DecodesAndReEncodes() {
    checkValid(BIP173.get("valid_bech32"), Bech32.Encoding.BECH32);
  }

  @Test
  void validBech32mDecodesAndReEncodes() {
    checkValid(BIP350.get("valid_bech32m"), Bech32.Encoding.BECH32M);
  }

  private static void checkValid(JsonNode strings, Bech32.Encoding encoding) {
    assertThat(strings.size()).isGreaterThanOrEqualTo(7);
    for (JsonNode n : strings) {
      String s = n.asText();
      Bech32.Decoded d = Bech32.decode(s);
      assertThat(d.encoding()).as(s).isEqualTo(encoding);
      assertThat(Bech32.encode(d.hrp(), d.data(), encoding))
          .as(s)
          .isEqualTo(s.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void invalidBech32IsRejected() {
    checkInvalid(BIP173.get("invalid_bech32"));
  }

  @Test
  void invalidBech32mIsRejected() {
    checkInvalid(BIP350.get("invalid_bech32m"));
  }

  private static void checkInvalid(JsonNode cases) {
    assertThat(cases.size()).isGreaterThanOrEqualTo(10);
    for (JsonNode c : cases) {
      String s = c.get("string").asText();
      assertThatThrownBy(() -> Bech32.decode(s))
          .as("%s (%s)", s, c.get("reason").asText())
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void encodeRejectsBadInput() {
    assertThatThrownBy(() -> Bech32.encode("", new byte[0], Bech32.Encoding.BECH32))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Bech32.encode("BC", new byte[0], Bech32.Encoding.BECH32))
        .hasMessageContaining("lowercase");
    assertThatThrownBy(() -> Bech32.encode("bc", new byte[] {32}, Bech32.Encoding.BECH32))
        .hasMessageContaining("5-bit");
    assertThatThrownBy(() -> Bech32.encode("bc", new byte[90], Bech32.Encoding.BECH32))
        .hasMessageContaining("90");
  }

  @Test
  void mixedCaseIsNamed() {
    assertThatThrownBy(() -> Bech32.decode("A12uEL5L")).hasMessageContaining("mixes");
  }
}
