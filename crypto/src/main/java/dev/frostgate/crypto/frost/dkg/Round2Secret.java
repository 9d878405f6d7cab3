package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;

/**
 * What a participant keeps between DKG part 2 and part 3: its own share f_i(i) and commitment (the
 * polynomial itself is no longer needed and has been wiped).
 */
public record Round2Secret(
    Ciphersuite suite,
    Identifier identifier,
    SecretScalar ownShare,
    VssCommitment commitment,
    int minSigners,
    int maxSigners) {

  public void destroy() {
    ownShare.destroy();
  }

  @Override
  public String toString() {
    return "Round2Secret[" + identifier + ", " + minSigners + "-of-" + maxSigners + "]";
  }
}
