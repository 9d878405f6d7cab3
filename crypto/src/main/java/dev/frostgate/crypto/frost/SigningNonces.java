package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.SecretScalar;

/**
 * A signer's secret nonces (d_i, e_i) with their commitments. Usable for exactly one signature
 * share: {@link Round2#sign} wipes them, and a second use fails with NONCES_ALREADY_USED. They
 * exist only in memory and must never be persisted.
 */
public final class SigningNonces {
  private final SecretScalar hiding;
  private final SecretScalar binding;
  private final SigningCommitments commitments;
  private boolean used;

  SigningNonces(SecretScalar hiding, SecretScalar binding, SigningCommitments commitments) {
    this.hiding = hiding;
    this.binding = binding;
    this.commitments = commitments;
  }

  public SigningCommitments commitments() {
    return commitments;
  }

  public synchronized boolean isUsed() {
    return used;
  }

  /** Hands the secrets to one signing operation and marks them used; fails on the second call. */
  synchronized SecretScalar[] take() {
    if (used) {
      throw new FrostException(
          FrostException.Kind.NONCES_ALREADY_USED,
          "signing nonces of participant " + commitments.identifier() + " were already used");
    }
    used = true;
    return new SecretScalar[] {hiding, binding};
  }

  /** Wipes the nonces without using them (e.g. a session was abandoned). */
  public synchronized void discard() {
    used = true;
    hiding.destroy();
    binding.destroy();
  }

  @Override
  public String toString() {
    return "SigningNonces[" + commitments.identifier() + (used ? ", used]" : "]");
  }
}
