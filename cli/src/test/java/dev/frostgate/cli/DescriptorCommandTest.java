package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.hd.Descriptor;
import org.junit.jupiter.api.Test;

class DescriptorCommandTest {
  static final String XPUB =
      "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

  @Test
  void printsTheReceiveRangeWithAValidChecksum() {
    Cli.Run r = Cli.run("descriptor", "--xpub", XPUB);
    assertThat(r.exit()).as(r.err()).isZero();
    String line = r.out().strip();
    assertThat(line).matches("tr\\(" + XPUB + "/0/\\*\\)#[a-z0-9]{8}");
    assertThat(Descriptor.verifyChecksum(line)).isEqualTo("tr(" + XPUB + "/0/*)");
  }

  @Test
  void changePrintsBranchOne() {
    Cli.Run r = Cli.run("descriptor", "--xpub", XPUB, "--change", "--network", "mainnet");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Descriptor.verifyChecksum(r.out().strip())).isEqualTo("tr(" + XPUB + "/1/*)");
  }

  @Test
  void aNetworkMismatchOrBadXpubIsExitTwo() {
    Cli.Run r = Cli.run("descriptor", "--xpub", XPUB, "--network", "signet");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("version mismatch").contains("tpub");
    Cli.Run bad = Cli.run("descriptor", "--xpub", "xpubnotakey");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--xpub");
  }
}
