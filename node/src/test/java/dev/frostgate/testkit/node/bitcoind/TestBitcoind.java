package dev.frostgate.testkit.node.bitcoind;

import org.opentest4j.TestAbortedException;

/** A bitcoind for this module's tests, or a skip that says where it looked (a failure in CI). */
public final class TestBitcoind {
  private TestBitcoind() {}

  /** A fresh node; close it (try-with-resources or {@code @AfterAll}). */
  public static RegtestBitcoind startOrSkip() {
    return RegtestBitcoind.start(BitcoindBinary.find().orSkip(TestAbortedException::new));
  }
}
