package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hashes;
import java.security.SecureRandom;
import java.util.Arrays;

/** FROST round 1 (RFC 9591 §5.1): nonce generation and commitment. */
public final class Round1 {
  private Round1() {}

  /**
   * Generates fresh nonces for one signature. The nonces mix 32 bytes of fresh randomness with the
   * signing share (RFC 9591 nonce_generate), so a weak RNG alone does not expose the share.
   */
  public static SigningNonces commit(KeyPackage keyPackage, SecureRandom random) {
    byte[] hidingRandom = new byte[32];
    byte[] bindingRandom = new byte[32];
    random.nextBytes(hidingRandom);
    random.nextBytes(bindingRandom);
    try {
      return derive(keyPackage, hidingRandom, bindingRandom);
    } finally {
      Arrays.fill(hidingRandom, (byte) 0);
      Arrays.fill(bindingRandom, (byte) 0);
    }
  }

  /**
   * Deterministic commitment from the randomness a test vector records. FOR TEST VECTORS AND
   * CONFORMANCE CHECKS ONLY (ArchitectureTest.vectorOnlyNonceEntryPoints keeps every other caller
   * out): reusing randomness with the same share reuses nonces and leaks the share. Nonces kept on
   * disk between the rounds use {@link #fromStoredRandomness}, with its ledger obligation.
   */
  public static SigningNonces commitForTestVectors(
      KeyPackage keyPackage, byte[] hidingRandomness, byte[] bindingRandomness) {
    return derive(keyPackage, hidingRandomness, bindingRandomness);
  }

  /** RFC 9591 commit from 32 + 32 bytes of randomness: the one derivation behind every entry. */
  private static SigningNonces derive(
      KeyPackage keyPackage, byte[] hidingRandomness, byte[] bindingRandomness) {
    SecretScalar d = nonceGenerate(keyPackage, hidingRandomness);
    SecretScalar e = nonceGenerate(keyPackage, bindingRandomness);
    SigningCommitments commitments =
        new SigningCommitments(keyPackage.identifier(), d.publicPoint(), e.publicPoint());
    return new SigningNonces(d, e, commitments);
  }

  /**
   * Rebuilds nonces from randomness that was kept on disk between round 1 and round 2 (the offline
   * ceremony's nonces file): the same derivation as {@link #commit}, from 32 + 32 bytes drawn from
   * a {@link SecureRandom} when the nonces were committed.
   *
   * <p><b>Security.</b> Nonces MUST NOT be used in two different FROST signings: two signature
   * shares with one nonce over two signing packages reveal the signing share. Nonces that live only
   * in memory ({@link #commit}) are used once by construction; nonces read back from disk are not,
   * because a file can be copied, restored from a backup or a VM snapshot. The caller MUST record
   * the commitment durably as used (write and fsync, under an exclusive lock, before the share is
   * computed) and refuse a commitment already recorded: the offline ceremony's nonce ledger does
   * this. The same caution as the Zcash Foundation's {@code SigningNonces::from_nonces} ("if you're
   * using this method because e.g. you're writing it to disk between rounds, be careful so that
   * does not happen").
   */
  public static SigningNonces fromStoredRandomness(
      KeyPackage keyPackage, byte[] hidingRandomness, byte[] bindingRandomness) {
    return derive(keyPackage, hidingRandomness, bindingRandomness);
  }

  /**
   * The nonce that {@link #commitForTestVectors} derives from this randomness, revealed as a public
   * scalar. FOR CONFORMANCE CHECKS ONLY (test vectors record nonces); a nonce that is used to sign
   * must never be revealed.
   */
  public static Scalar revealNonceForConformance(KeyPackage keyPackage, byte[] randomness) {
    SecretScalar nonce = nonceGenerate(keyPackage, randomness);
    try {
      return nonce.reveal();
    } finally {
      nonce.destroy();
    }
  }

  /** nonce_generate: H3(random_bytes ‖ SerializeScalar(secret)). */
  static SecretScalar nonceGenerate(KeyPackage keyPackage, byte[] randomness) {
    if (randomness.length != 32) {
      throw new IllegalArgumentException("nonce randomness must be 32 bytes");
    }
    byte[] share = keyPackage.signingShare().toBytes();
    byte[] input = Hashes.concat(randomness, share);
    try {
      return keyPackage.suite().h3(input);
    } finally {
      Arrays.fill(share, (byte) 0);
      Arrays.fill(input, (byte) 0);
    }
  }
}
