package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkTest {
  @Test
  void parsesEveryAcceptedName() {
    assertThat(Network.fromName("mainnet")).isEqualTo(Network.MAINNET);
    assertThat(Network.fromName("Main")).isEqualTo(Network.MAINNET);
    assertThat(Network.fromName("bitcoin")).isEqualTo(Network.MAINNET);
    assertThat(Network.fromName("testnet")).isEqualTo(Network.TESTNET);
    assertThat(Network.fromName("testnet4")).isEqualTo(Network.TESTNET);
    assertThat(Network.fromName("test")).isEqualTo(Network.TESTNET);
    assertThat(Network.fromName("signet")).isEqualTo(Network.SIGNET);
    assertThat(Network.fromName("REGTEST")).isEqualTo(Network.REGTEST);
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> Network.fromName("testnet3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("testnet3")
        .hasMessageContaining("mainnet")
        .hasMessageContaining("signet")
        .hasMessageContaining("regtest");
  }

  @Test
  void parameters() {
    assertThat(Network.MAINNET.hrp()).isEqualTo("bc");
    assertThat(Network.MAINNET.xpubVersion()).isEqualTo(0x0488B21E);
    assertThat(Network.MAINNET.xprvVersion()).isEqualTo(0x0488ADE4);
    for (Network n : new Network[] {Network.TESTNET, Network.SIGNET, Network.REGTEST}) {
      assertThat(n.xpubVersion()).isEqualTo(0x043587CF);
      assertThat(n.xprvVersion()).isEqualTo(0x04358394);
    }
    assertThat(Network.TESTNET.hrp()).isEqualTo("tb");
    assertThat(Network.SIGNET.hrp()).isEqualTo("tb");
    assertThat(Network.REGTEST.hrp()).isEqualTo("bcrt");
  }
}
