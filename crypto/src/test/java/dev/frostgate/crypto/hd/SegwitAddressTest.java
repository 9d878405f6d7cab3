package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.CryptoException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SegwitAddressTest {
  private static final JsonNode BIP173 = Vectors.json("bip173-bech32-vectors.json");
  private static final JsonNode BIP350 = Vectors.json("bip350-bech32m-vectors.json");
  private static final List<String> HRPS = List.of("bc", "tb", "bcrt");

  /** Decodes under whichever of bc/tb/bcrt succeeds; fails if none does. */
  private static SegwitAddress decodeAnyHrp(String address) {
    List<String> errors = new ArrayList<>();
    for (String hrp : HRPS) {
      try {
        return SegwitAddress.decode(address, hrp);
      } catch (CryptoException e) {
        errors.add(hrp + ": " + e.getMessage());
      }
    }
    throw new CryptoException(String.join("; ", errors));
  }

  @Test
  void bip350ValidAddresses() {
    JsonNode valid = BIP350.get("valid_segwit_addresses");
    assertThat(valid.size()).isEqualTo(8);
    for (JsonNode v : valid) {
      String address = v.get("address").asText();
      SegwitAddress a = decodeAnyHrp(address);
      assertThat(a.scriptPubKeyHex()).as(address).isEqualTo(v.get("scriptPubKey").asText());
      assertThat(a.encode()).isEqualTo(address.toLowerCase(Locale.ROOT));
      assertThat(SegwitAddress.of(a.hrp(), a.version(), a.program())).isEqualTo(a);
    }
  }

  @Test
  void bip350InvalidAddressesFailUnderEveryHrp() {
    JsonNode invalid = BIP350.get("invalid_segwit_addresses");
    assertThat(invalid.size()).isEqualTo(15);
    for (JsonNode v : invalid) {
      String address = v.get("address").asText();
      for (String hrp : HRPS) {
        assertThatThrownBy(() -> SegwitAddress.decode(address, hrp))
            .as("%s under %s (%s)", address, hrp, v.get("reason").asText())
            .isInstanceOf(CryptoException.class);
      }
    }
  }

  @Test
  void bip173OriginalListOnlyV0StaysValid() {
    JsonNode orig = BIP173.get("segwit_addresses_bip173_original");
    int v0 = 0;
    int rejected = 0;
    for (JsonNode v : orig.get("valid_under_bip173")) {
      String address = v.get("address").asText();
      String spk = v.get("scriptPubKey").asText();
      if (spk.startsWith("00")) {
        assertThat(decodeAnyHrp(address).scriptPubKeyHex()).isEqualTo(spk);
        v0++;
      } else {
        // BIP350: v1+ with the old bech32 checksum must be rejected.
        assertThatThrownBy(() -> decodeAnyHrp(address))
            .as(address)
            .isInstanceOf(CryptoException.class);
        rejected++;
      }
    }
    assertThat(v0).isEqualTo(3);
    assertThat(rejected).isEqualTo(3);
    for (JsonNode v : orig.get("invalid")) {
      String address = v.get("address").asText();
      assertThatThrownBy(() -> decodeAnyHrp(address))
          .as(address)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void bitcoinCoreValidSegwitAddresses() {
    int count = 0;
    int p2tr = 0;
    for (JsonNode row : Vectors.json("bitcoincore-key_io_valid.json")) {
      JsonNode meta = row.get(2);
      if (meta.get("isPrivkey").asBoolean()) {
        continue;
      }
      String spk = row.get(1).asText();
      if (!isWitnessScript(spk)) {
        continue;
      }
      String address = row.get(0).asText();
      Network network = Network.fromName(meta.get("chain").asText());
      SegwitAddress a = SegwitAddress.decode(address, network);
      assertThat(a.scriptPubKeyHex()).as(address).isEqualTo(spk);
      assertThat(a.encode()).isEqualTo(address);
      if (meta.path("tryCaseFlip").asBoolean(false)) {
        assertThat(SegwitAddress.decode(address.toUpperCase(Locale.ROOT), network)).isEqualTo(a);
      }
      for (Network other : Network.values()) {
        if (!other.hrp().equals(network.hrp())) {
          assertThatThrownBy(() -> SegwitAddress.decode(address, other))
              .hasMessageContaining("HRP");
        }
      }
      count++;
      if (spk.startsWith("5120")) {
        p2tr++;
      }
    }
    assertThat(count).isEqualTo(32);
    assertThat(p2tr).isGreaterThanOrEqualTo(4);
  }

  @Test
  void bitcoinCoreInvalidStringsNeverDecodeAsSegwit() {
    JsonNode rows = Vectors.json("bitcoincore-key_io_invalid.json");
    assertThat(rows.size()).isGreaterThan(50);
    for (JsonNode row : rows) {
      String s = row.get(0).asText();
      for (Network n : Network.values()) {
        assertThatThrownBy(() -> SegwitAddress.decode(s, n))
            .as("%s on %s", s, n)
            .isInstanceOf(CryptoException.class);
      }
    }
  }

  @Test
  void witnessRulesAreEnforcedWhenBuilding() {
    assertThatThrownBy(() -> SegwitAddress.of("bc", 0, new byte[21]))
        .hasMessageContaining("v0 program must be 20 or 32");
    assertThatThrownBy(() -> SegwitAddress.of("bc", 17, new byte[32]))
        .hasMessageContaining("0..16");
    assertThatThrownBy(() -> SegwitAddress.of("bc", 1, new byte[41])).hasMessageContaining("2..40");
    assertThatThrownBy(() -> SegwitAddress.of("bc", 1, new byte[1])).hasMessageContaining("2..40");
  }

  @Test
  void v0WithBech32mAndV1WithBech32AreRejectedWithAReason() {
    byte[] program = HexFormat.of().parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
    byte[] data = new byte[33];
    byte[] conv = Bech32.convertBits(program, 8, 5, true);
    System.arraycopy(conv, 0, data, 1, conv.length);
    String v0m =
        Bech32.encode(
            "bc", java.util.Arrays.copyOf(data, conv.length + 1), Bech32.Encoding.BECH32M);
    assertThatThrownBy(() -> SegwitAddress.decode(v0m, "bc"))
        .hasMessageContaining("must use bech32 but the checksum is bech32m");
  }

  static boolean isWitnessScript(String spkHex) {
    byte[] s = HexFormat.of().parseHex(spkHex);
    if (s.length < 4 || s.length > 42) {
      return false;
    }
    int op = s[0] & 0xff;
    return (op == 0 || (op >= 0x51 && op <= 0x60)) && (s[1] & 0xff) == s.length - 2;
  }
}
