package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.CryptoException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {
  @Test
  void bitcoinCoreEncodeDecodeVectors() {
    JsonNode rows = Vectors.json("bitcoincore-base58_encode_decode.json");
    assertThat(rows.size()).isGreaterThan(10);
    for (JsonNode row : rows) {
      byte[] bytes = HexFormat.of().parseHex(row.get(0).asText().toLowerCase(Locale.ROOT));
      String text = row.get(1).asText();
      assertThat(Base58.encode(bytes)).as("encode %s", row).isEqualTo(text);
      assertThat(Base58.decode(text)).as("decode %s", row).isEqualTo(bytes);
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabet() {
    for (String bad : new String[] {"0", "O", "I", "l", "3mJr0", " 1", "1 ", "abc\u00e9"}) {
      assertThatThrownBy(() -> Base58.decode(bad))
          .as(bad)
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("invalid Base58 character")
          .hasMessageContaining("position");
    }
  }

  @Test
  void checkRoundTripsAndRejectsAnyAlteredCharacter() {
    Random r = new Random(1);
    for (int n = 0; n < 50; n++) {
      byte[] payload = new byte[r.nextInt(40)];
      r.nextBytes(payload);
      if (n % 5 == 0 && payload.length > 2) {
        payload[0] = 0;
        payload[1] = 0;
      }
      String s = Base58.encodeCheck(payload);
      assertThat(Base58.decodeCheck(s)).isEqualTo(payload);
      int pos = r.nextInt(s.length());
      char replacement = s.charAt(pos) == 'z' ? 'y' : 'z';
      String altered = s.substring(0, pos) + replacement + s.substring(pos + 1);
      assertThatThrownBy(() -> Base58.decodeCheck(altered))
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("checksum");
    }
  }

  @Test
  void checkRejectsInputShorterThanTheChecksum() {
    assertThatThrownBy(() -> Base58.decodeCheck("111"))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("shorter than its checksum");
  }
}
