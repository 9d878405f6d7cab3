package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.testkit.crypto.ExtendedPrivateKey;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Bip32Test {
  private static final JsonNode VECTORS = Vectors.json("bip32-test-vectors.json");

  @Test
  void validVectorsEndToEnd() {
    int chains = 0;
    for (JsonNode vector : VECTORS.get("valid")) {
      byte[] seed = HexFormat.of().parseHex(vector.get("seed_hex").asText());
      ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed, Network.MAINNET);
      ExtendedPublicKey previousPub = null;
      for (JsonNode chain : vector.get("chains")) {
        String path = chain.get("path").asText();
        String xprv = chain.get("ext_prv").asText();
        String xpub = chain.get("ext_pub").asText();
        ExtendedPrivateKey prv = master.derivePath(path);
        assertThat(prv.serialize()).as("xprv %s", path).isEqualTo(xprv);
        assertThat(prv.neuter().serialize()).as("xpub %s", path).isEqualTo(xpub);

        ExtendedPrivateKey parsedPrv = ExtendedPrivateKey.parse(xprv);
        assertThat(parsedPrv.serialize()).isEqualTo(xprv);
        assertThat(parsedPrv.neuter()).isEqualTo(prv.neuter());
        ExtendedPublicKey parsedPub = ExtendedPublicKey.parse(xpub);
        assertThat(parsedPub.serialize()).isEqualTo(xpub);
        assertThat(parsedPub).isEqualTo(prv.neuter());

        // Where the last step is non-hardened, CKDpub from the parent xpub must agree, and the
        // tweak must satisfy child = parent + IL·G.
        int[] indices = ExtendedPrivateKey.parsePath(path);
        if (previousPub != null && indices.length > 0 && indices[indices.length - 1] >= 0) {
          ExtendedPublicKey.Child c = previousPub.deriveChildWithTweak(indices[indices.length - 1]);
          assertThat(c.key().serialize()).as("CKDpub %s", path).isEqualTo(xpub);
          assertThat(previousPub.key().addMulGenerator(c.tweak())).isEqualTo(parsedPub.key());
        }
        previousPub = parsedPub;
        chains++;
      }
    }
    assertThat(chains).isEqualTo(17);
  }

  @Test
  void hardenedChildFromXpubIsRefused() {
    ExtendedPublicKey xpub = ExtendedPublicKey.parse(firstXpub());
    assertThatThrownBy(() -> xpub.deriveChild(ExtendedPrivateKey.hardened(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hardened child 0'");
  }

  @Test
  void invalidExtendedKeysAreRejectedByBothParsersWithTheReason() {
    // What the parser of the key's own kind must say, per vector-5 reason.
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("pubkey version / prvkey mismatch", "got 0x00"),
            Map.entry("prvkey version / pubkey mismatch", "must start with 0x00, got 0x0"),
            Map.entry("invalid pubkey prefix 04", "0x02 or 0x03, got 0x04"),
            Map.entry("invalid prvkey prefix 04", "must start with 0x00, got 0x04"),
            Map.entry("invalid pubkey prefix 01", "0x02 or 0x03, got 0x01"),
            Map.entry("invalid prvkey prefix 01", "must start with 0x00, got 0x01"),
            Map.entry("zero depth with non-zero parent fingerprint", "non-zero parent fingerprint"),
            Map.entry("zero depth with non-zero index", "non-zero child number"),
            Map.entry("unknown extended key version", "unknown extended key version"),
            Map.entry("private key 0 not in 1..n-1", "not in 1..n-1"),
            Map.entry("private key n not in 1..n-1", "not in 1..n-1"),
            Map.entry(
                "invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007",
                "not a point on secp256k1"),
            Map.entry("invalid checksum", "checksum"));
    JsonNode keys = VECTORS.get("invalid").get("invalid_extended_keys");
    assertThat(keys.size()).isEqualTo(16);
    for (JsonNode k : keys) {
      String key = k.get("key").asText();
      String reason = k.get("reason").asText();
      assertThat(expected).as("known reason %s", reason).containsKey(reason);
      Throwable pub = catchCrypto(() -> ExtendedPublicKey.parse(key));
      Throwable prv = catchCrypto(() -> ExtendedPrivateKey.parse(key));
      assertThat(pub).as("xpub parser accepted %s (%s)", key, reason).isNotNull();
      assertThat(prv).as("xprv parser accepted %s (%s)", key, reason).isNotNull();
      Throwable own = key.startsWith("xprv") ? prv : pub;
      assertThat(own.getMessage()).as("%s", reason).contains(expected.get(reason));
      if (key.startsWith("xprv")) {
        assertThat(pub.getMessage())
            .satisfiesAnyOf(
                m -> assertThat(m).contains("private-key version"),
                m -> assertThat(m).contains("checksum"),
                m -> assertThat(m).contains("depth 0"));
      }
    }
  }

  private static Throwable catchCrypto(Runnable r) {
    try {
      r.run();
      return null;
    } catch (CryptoException e) {
      return e;
    }
  }

  @Test
  void xpubIsNotAnXprvAndNetworksAreChecked() {
    String xpub = firstXpub();
    assertThatThrownBy(() -> ExtendedPrivateKey.parse(xpub))
        .hasMessageContaining("public-key version");
    assertThatThrownBy(() -> ExtendedPublicKey.parse(xpub, Network.TESTNET))
        .hasMessageContaining("expected TESTNET");
    ExtendedPublicKey k = ExtendedPublicKey.parse(xpub);
    ExtendedPublicKey t =
        ExtendedPublicKey.of(
            Network.REGTEST,
            k.depth(),
            k.parentFingerprint(),
            k.childNumber(),
            k.chainCode(),
            k.key());
    assertThat(t.serialize()).startsWith("tpub");
    assertThat(ExtendedPublicKey.parse(t.serialize(), Network.REGTEST)).isEqualTo(t);
    assertThat(ExtendedPublicKey.parse(t.serialize()).network()).isEqualTo(Network.TESTNET);
  }

  @Test
  void wrongLengthIsNamed() {
    String short77 = Base58.encodeCheck(new byte[77]);
    assertThatThrownBy(() -> ExtendedPublicKey.parse(short77)).hasMessageContaining("78 bytes");
  }

  @Test
  void fingerprintAndPrivateKeyConsistency() {
    ExtendedPrivateKey master =
        ExtendedPrivateKey.fromSeed(
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), Network.MAINNET);
    // BIP32 vector 1: m/0H has parent fingerprint 3442193e (fingerprint of m).
    assertThat(String.format("%08x", master.fingerprint())).isEqualTo("3442193e");
    ExtendedPrivateKey child = master.deriveChild(ExtendedPrivateKey.hardened(0));
    assertThat(child.parentFingerprint()).isEqualTo(master.fingerprint());
    SecretScalar k = child.privateKey();
    Point p = k.publicPoint();
    k.destroy();
    assertThat(p).isEqualTo(child.publicKey());
    assertThat(child.toString()).doesNotContain(child.serialize());
  }

  @Test
  void seedLengthAndPathsAreChecked() {
    assertThatThrownBy(() -> ExtendedPrivateKey.fromSeed(new byte[15], Network.MAINNET))
        .hasMessageContaining("16..64");
    ExtendedPrivateKey m = ExtendedPrivateKey.fromSeed(new byte[16], Network.MAINNET);
    assertThatThrownBy(() -> m.derivePath("0/1")).hasMessageContaining("start with 'm'");
    assertThatThrownBy(() -> m.derivePath("m/2147483648")).hasMessageContaining("2^31");
    assertThatThrownBy(() -> m.derivePath("m/1x")).hasMessageContaining("bad path element");
    assertThat(m.derivePath("m/1h/2'/3").serialize())
        .isEqualTo(m.derivePath("m/1'/2h/3").serialize());
  }

  private static String firstXpub() {
    return VECTORS.get("valid").get(0).get("chains").get(0).get("ext_pub").asText();
  }
}
