package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hd.Network;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One validator's DKG settings.
 *
 * @param ceremony a name unique to this key generation (part of every session id)
 * @param identityKeys every validator's x-only BIP340 identity key
 * @param identityKey this validator's identity secret (signs round-1 packages, shares with their
 *     view, complaints, votes, the certificate)
 * @param roundTimeout how long a participant has to deliver its round-1 broadcast (from the moment
 *     this validator entered the session), to answer a public request for its round-2 share (from
 *     the moment this validator saw the request; a share still missing is requested 3/4 of it after
 *     this validator sent its own), its certificate contributions (from the moment this validator
 *     certified), and the justification of a view differing from ours (from the moment we learnt of
 *     it)
 * @param retransmitInterval how often everything still useful is sent again (lossy transport)
 */
public record DkgConfig(
    String ceremony,
    Identifier me,
    List<Identifier> validators,
    int threshold,
    Map<Identifier, Bip340PublicKey> identityKeys,
    SecretScalar identityKey,
    Ciphersuite suite,
    Network network,
    long roundTimeout,
    long retransmitInterval) {
  public DkgConfig {
    if (!DkgSessionId.isValidCeremony(ceremony)) {
      throw new IllegalArgumentException(
          "ceremony must be 1.."
              + DkgSessionId.MAX_CEREMONY_LENGTH
              + " printable ASCII characters");
    }
    Objects.requireNonNull(me, "me");
    Objects.requireNonNull(identityKey, "identityKey");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(network, "network");
    validators = validators.stream().sorted().distinct().toList();
    identityKeys = new TreeMap<>(identityKeys);
    if (!validators.contains(me)) {
      throw new IllegalArgumentException(me + " is not a configured validator");
    }
    if (threshold < 2 || threshold > validators.size()) {
      throw new IllegalArgumentException("threshold must be 2..n, got " + threshold);
    }
    if (threshold * 2 <= validators.size()) {
      // Timeout exclusion needs n − t + 1 votes (so one is honest); the t honest validators can
      // only cast them if t ≥ n − t + 1.
      throw new IllegalArgumentException(
          "threshold must be more than half of the validators for the networked DKG, got "
              + threshold
              + " of "
              + validators.size());
    }
    if (!identityKeys.keySet().containsAll(validators)) {
      throw new IllegalArgumentException("a validator has no identity key");
    }
    if (roundTimeout <= 0 || retransmitInterval <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
