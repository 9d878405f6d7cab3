package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import java.util.List;

/**
 * A typed FROST failure. Where a participant is at fault, {@link #culprits()} names it
 * (identifiable abort). Messages never contain secret values.
 */
public class FrostException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    INVALID_IDENTIFIER,
    DUPLICATE_IDENTIFIER,
    UNKNOWN_IDENTIFIER,
    INSUFFICIENT_SIGNERS,
    INVALID_THRESHOLD,
    MALFORMED_ELEMENT,
    IDENTITY_ELEMENT,
    MALFORMED_SCALAR,
    MISSING_COMMITMENT,
    INCORRECT_COMMITMENT,
    MESSAGE_MISMATCH,
    NONCES_ALREADY_USED,
    INVALID_SIGNATURE_SHARE,
    INVALID_SIGNATURE,
    INVALID_PROOF_OF_KNOWLEDGE,
    INVALID_SECRET_SHARE,
    INCONSISTENT_COMMITMENTS,
    WRONG_CIPHERSUITE,
    INVALID_CERTIFICATE,
    MALFORMED_ENCODING
  }

  private final Kind kind;
  private final List<Identifier> culprits;

  public FrostException(Kind kind, String message) {
    this(kind, message, List.of());
  }

  public FrostException(Kind kind, String message, List<Identifier> culprits) {
    super(message);
    this.kind = kind;
    this.culprits = List.copyOf(culprits);
  }

  public Kind kind() {
    return kind;
  }

  /** The participants proven at fault, in ascending order; empty if none is to blame. */
  public List<Identifier> culprits() {
    return culprits;
  }
}
