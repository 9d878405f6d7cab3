package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.testkit.crypto.ExtendedPrivateKey;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code frostgate address} against BIP32 test vector 2, whose chain includes the non-hardened
 * {@code m/0}: the loan key m/0/n is derived here independently, privately, from the vector's
 * {@code m/0} xprv, and tweaked into a {@link TaprootOutput}.
 */
class AddressCommandTest {
  static String rootXpub;
  static String rootTpub;
  static ExtendedPrivateKey rootPrv; // m, from the vector's xprv
  static ExtendedPrivateKey receiveBranch; // m/0, from the vector's xprv

  @BeforeAll
  static void load() throws Exception {
    Path file = Path.of(System.getProperty("frostgate.vectors"), "bip32-test-vectors.json");
    JsonNode vector2 = null;
    for (JsonNode v : new ObjectMapper().readTree(file.toFile()).get("valid")) {
      if (v.get("vector").asInt() == 2) {
        vector2 = v;
      }
    }
    assertThat(vector2).isNotNull();
    for (JsonNode c : vector2.get("chains")) {
      switch (c.get("path").asText()) {
        case "m" -> {
          rootXpub = c.get("ext_pub").asText();
          rootPrv = ExtendedPrivateKey.parse(c.get("ext_prv").asText());
        }
        case "m/0" -> receiveBranch = ExtendedPrivateKey.parse(c.get("ext_prv").asText());
        default -> {}
      }
    }
    assertThat(rootXpub).startsWith("xpub");
    assertThat(receiveBranch).isNotNull();
    ThresholdXpub root = ThresholdXpub.parse(rootXpub);
    rootTpub = ThresholdXpub.of(root.groupKey(), root.chainCode(), Network.REGTEST).serialize();
  }

  static TaprootOutput expected(int n) {
    return TaprootOutput.of(receiveBranch.deriveChild(n).publicKey());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 2147483647})
  void printsTheLoanAddressAloneOnOneLine(int n) {
    Cli.Run r = Cli.run("address", "--xpub", rootXpub, "--index", "" + n, "--network", "mainnet");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(expected(n).address(Network.MAINNET) + System.lineSeparator());
    assertThat(r.out()).startsWith("bc1p");
  }

  @Test
  void jsonCarriesEveryField() throws Exception {
    Cli.Run r =
        Cli.run("address", "--xpub", rootXpub, "--index", "5", "--network", "mainnet", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(r.out());
    TaprootOutput t = expected(5);
    HexFormat hex = HexFormat.of();
    assertThat(o.get("index").asLong()).isEqualTo(5);
    assertThat(o.get("network").asText()).isEqualTo("mainnet");
    assertThat(o.get("address").asText()).isEqualTo(t.address(Network.MAINNET));
    assertThat(o.get("internal_key").asText()).isEqualTo(hex.formatHex(t.internalKey()));
    assertThat(o.get("output_key").asText()).isEqualTo(hex.formatHex(t.outputKey()));
    assertThat(o.get("script_pub_key").asText()).isEqualTo("5120" + hex.formatHex(t.outputKey()));
    assertThat(o.get("internal_key").asText()).hasSize(64);
    assertThat(o.get("change").asBoolean()).isFalse();
  }

  @Test
  void changeUsesBranchOne() throws Exception {
    Cli.Run r =
        Cli.run("address", "--xpub", rootTpub, "--index", "3", "--network", "regtest", "--change");
    assertThat(r.exit()).as(r.err()).isZero();
    // m/1 is not in the vector; derive m/1/3 privately from the vector's root xprv.
    TaprootOutput t = TaprootOutput.of(rootPrv.derivePath("m/1/3").publicKey());
    assertThat(r.out().strip()).isEqualTo(t.address(Network.REGTEST)).startsWith("bcrt1p");
    Cli.Run receive =
        Cli.run("address", "--xpub", rootTpub, "--index", "3", "--network", "regtest");
    assertThat(receive.out().strip()).isEqualTo(expected(3).address(Network.REGTEST));
    assertThat(receive.out()).isNotEqualTo(r.out());
  }

  @Test
  void aMainnetXpubOnRegtestIsAVersionMismatch() {
    Cli.Run r = Cli.run("address", "--xpub", rootXpub, "--index", "0", "--network", "regtest");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("version mismatch")
        .contains("the key is an xpub")
        .contains("--network regtest needs a tpub");
    Cli.Run back = Cli.run("address", "--xpub", rootTpub, "--index", "0", "--network", "mainnet");
    assertThat(back.exit()).isEqualTo(2);
    assertThat(back.err()).contains("version mismatch").contains("needs an xpub");
  }

  @Test
  void badIndexOrXpubIsExitTwo() {
    for (String index : new String[] {"-1", "2147483648"}) {
      Cli.Run r = Cli.run("address", "--xpub", rootXpub, "--index", index, "--network", "mainnet");
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("--index must be 0..2147483647");
    }
    String damaged =
        rootXpub.substring(0, 20)
            + (rootXpub.charAt(20) == 'a' ? 'b' : 'a')
            + rootXpub.substring(21);
    Cli.Run r = Cli.run("address", "--xpub", damaged, "--index", "0", "--network", "mainnet");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--xpub: not a valid root extended public key");
    Cli.Run child =
        Cli.run(
            "address",
            "--xpub",
            receiveBranch.neuter().serialize(),
            "--index",
            "0",
            "--network",
            "mainnet");
    assertThat(child.exit()).isEqualTo(2);
    assertThat(child.err()).contains("depth");
    Cli.Run missing = Cli.run("address", "--xpub", rootXpub, "--network", "mainnet");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--index");
  }
}
