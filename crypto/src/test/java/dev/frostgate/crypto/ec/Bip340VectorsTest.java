package dev.frostgate.crypto.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BIP340's official vectors through both verification paths (32-byte and other lengths). */
class Bip340VectorsTest {
  @Test
  void allRowsVerifyAsTheBipSays() throws Exception {
    Path file =
        Path.of(
            System.getProperty("frostgate.vectors", "../../shared/vectors"),
            "bip340-test-vectors.csv");
    List<String> lines = Files.readAllLines(file);
    HexFormat hex = HexFormat.of();
    int rows = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      byte[] pub = hex.parseHex(f[2].toLowerCase());
      byte[] msg = hex.parseHex(f[4].toLowerCase());
      byte[] sig = hex.parseHex(f[5].toLowerCase());
      boolean expected = f[6].equals("TRUE");
      assertThat(Secp256k1.verifySchnorr(sig, msg, pub)).as("row " + f[0]).isEqualTo(expected);
      if (!f[1].isEmpty() && msg.length == 32) {
        SecretScalar key = SecretScalar.fromBytes(hex.parseHex(f[1].toLowerCase()));
        assertThat(Secp256k1.signSchnorr(msg, key, hex.parseHex(f[3].toLowerCase())))
            .as("signature of row " + f[0])
            .isEqualTo(sig);
      }
      rows++;
    }
    assertThat(rows).isEqualTo(19);
  }
}
