package dev.frostgate.stacks.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StacksAddressTest {
  private static final String DEPLOYER = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM";

  @Test
  void parsesAndPrintsBothNetworks() {
    StacksAddress a = StacksAddress.parse(DEPLOYER);
    assertThat(a.version()).isEqualTo(AddressVersion.TESTNET_SINGLE_SIG);
    assertThat(a.toString()).isEqualTo(DEPLOYER);
    StacksAddress main = StacksAddress.of(AddressVersion.MAINNET_SINGLE_SIG, a.hash160());
    assertThat(main.toString()).startsWith("SP");
    assertThat(StacksAddress.parse(main.toString())).isEqualTo(main);
  }

  @Test
  void readsLowerCaseAndLookAlikesAsTheReferenceDecoderDoes() {
    assertThat(StacksAddress.parse("S" + DEPLOYER.substring(1).toLowerCase()))
        .isEqualTo(StacksAddress.parse(DEPLOYER));
  }

  @Test
  void rejectsEveryCorruption() {
    // one character changed anywhere breaks the checksum (or the version)
    String alphabet = C32.ALPHABET;
    for (int i = 1; i < DEPLOYER.length(); i++) {
      char c = DEPLOYER.charAt(i);
      char other = alphabet.charAt((alphabet.indexOf(c) + 1) % 32);
      String bad = DEPLOYER.substring(0, i) + other + DEPLOYER.substring(i + 1);
      assertThatThrownBy(() -> StacksAddress.parse(bad))
          .as(bad)
          .isInstanceOf(StacksAddressException.class);
    }
    assertThatThrownBy(() -> StacksAddress.parse("X" + DEPLOYER.substring(1)))
        .hasMessageContaining("must start with 'S'");
    assertThatThrownBy(() -> StacksAddress.parse(DEPLOYER + "U"))
        .isInstanceOf(StacksAddressException.class);
    assertThatThrownBy(() -> StacksAddress.parse("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZG#"))
        .hasMessageContaining("not a c32 digit");
    assertThatThrownBy(() -> StacksAddress.parse("S")).isInstanceOf(StacksAddressException.class);
  }

  @Test
  void rejectsUnknownVersionsAndWrongHashLengths() {
    String version0 = "S" + C32.checkEncode(0, new byte[20]);
    assertThatThrownBy(() -> StacksAddress.parse(version0)).hasMessageContaining("version 0");
    String shortHash = "S" + C32.checkEncode(26, new byte[19]);
    assertThatThrownBy(() -> StacksAddress.parse(shortHash)).hasMessageContaining("20 bytes");
  }
}
