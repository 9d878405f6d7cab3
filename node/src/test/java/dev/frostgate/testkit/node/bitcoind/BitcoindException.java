package dev.frostgate.testkit.node.bitcoind;

/** bitcoind could not be started or did not become ready; the message carries its output. */
public final class BitcoindException extends RuntimeException {
  public BitcoindException(String message) {
    super(message);
  }

  public BitcoindException(String message, Throwable cause) {
    super(message, cause);
  }
}
