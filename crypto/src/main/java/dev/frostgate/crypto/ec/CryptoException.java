package dev.frostgate.crypto.ec;

/** A failure inside curve arithmetic or decoding. Messages never contain secret values. */
public class CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CryptoException(String message) {
    super(message);
  }
}
