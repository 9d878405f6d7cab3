package dev.frostgate.crypto.ec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.hash.Hashes;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcdsaRecoverableTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc6979DeterministicNonceKnownVector() {
    // secp256k1, SHA-256, key 1, message "Satoshi Nakamoto": the widely used RFC 6979 vector
    byte[] key = new byte[32];
    key[31] = 1;
    byte[] digest = Hashes.sha256(Hashes.ascii("Satoshi Nakamoto"));
    byte[] sig = Secp256k1.signEcdsaRecoverable(digest, SecretScalar.fromBytes(key));
    assertThat(HEX.formatHex(Arrays.copyOfRange(sig, 1, 65)))
        .isEqualTo(
            "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
                + "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
  }

  @Test
  void signaturesAreLowSVerifyAndRecoverTheKey() {
    SecureRandom random = new SecureRandom();
    BigInteger halfN = Secp256k1.N.shiftRight(1);
    for (int i = 0; i < 50; i++) {
      SecretScalar key = SecretScalar.random(random);
      byte[] publicKey = key.publicPoint().compressed();
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      byte[] sig = Secp256k1.signEcdsaRecoverable(digest, key);
      byte[] rs = Arrays.copyOfRange(sig, 1, 65);
      assertThat(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64))).isLessThanOrEqualTo(halfN);
      assertThat(Secp256k1.verifyEcdsa(digest, rs, publicKey)).isTrue();
      assertThat(Secp256k1.recoverEcdsa(digest, rs, sig[0]))
          .hasValueSatisfying(p -> assertThat(p).isEqualTo(publicKey));
      digest[0] ^= 1;
      assertThat(Secp256k1.verifyEcdsa(digest, rs, publicKey)).isFalse();
    }
  }

  @Test
  void malformedInputsAreFalseOrEmpty() {
    assertThat(Secp256k1.verifyEcdsa(new byte[31], new byte[64], new byte[33])).isFalse();
    assertThat(Secp256k1.verifyEcdsa(new byte[32], new byte[64], new byte[33])).isFalse();
    assertThat(Secp256k1.recoverEcdsa(new byte[32], new byte[64], 0)).isEmpty();
    assertThat(Secp256k1.recoverEcdsa(new byte[32], new byte[64], 4)).isEmpty();
  }
}
