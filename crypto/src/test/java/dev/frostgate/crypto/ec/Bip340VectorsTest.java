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
    int signingRows = 0;
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
      if (!f[1].isEmpty()) {
        // The key pair signer (public key computed once) reproduces every signing row, for
        // messages of any length.
        Bip340KeyPair pair =
            Bip340KeyPair.of(SecretScalar.fromBytes(hex.parseHex(f[1].toLowerCase())));
        assertThat(pair.publicKey()).as("public key of row " + f[0]).isEqualTo(pub);
        assertThat(pair.sign(msg, hex.parseHex(f[3].toLowerCase())))
            .as("key pair signature of row " + f[0])
            .isEqualTo(sig);
        signingRows++;
      }
      rows++;
    }
    assertThat(rows).isEqualTo(19);
    assertThat(signingRows).isEqualTo(8);
  }

  @Test
  void keyPairSignaturesEqualLibsecp256k1sForRandomKeysOfBothParities() {
    java.util.Random r = new java.util.Random(340);
    int odd = 0;
    for (int i = 0; i < 200; i++) {
      byte[] sk = new byte[32];
      byte[] msg = new byte[32];
      byte[] aux = new byte[32];
      r.nextBytes(sk);
      r.nextBytes(msg);
      r.nextBytes(aux);
      SecretScalar key = SecretScalar.fromBytes(sk);
      odd += key.publicPoint().hasEvenY() ? 0 : 1;
      byte[] ours = Bip340KeyPair.of(key).sign(msg, aux);
      assertThat(ours).isEqualTo(Secp256k1.signSchnorr(msg, key, aux));
      assertThat(Secp256k1.verifySchnorr(ours, msg, key.publicPoint().xOnly())).isTrue();
    }
    assertThat(odd).isBetween(50, 150);
  }
}
