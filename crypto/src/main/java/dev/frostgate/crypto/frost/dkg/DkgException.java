package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import java.util.List;

/** A DKG failure that blames dealers, with evidence a third party can check. */
public final class DkgException extends FrostException {
  private static final long serialVersionUID = 1L;
  private final transient List<InvalidShareEvidence> evidence;

  public DkgException(
      Kind kind, String message, List<Identifier> culprits, List<InvalidShareEvidence> evidence) {
    super(kind, message, culprits);
    this.evidence = List.copyOf(evidence);
  }

  /** One complaint per culprit whose share failed verification (empty for other failures). */
  public List<InvalidShareEvidence> evidence() {
    return evidence;
  }
}
