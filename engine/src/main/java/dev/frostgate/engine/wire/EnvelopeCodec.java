package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs envelopes: {@code SignedEnvelope{envelope = bytes, signature = BIP340(identity key,
 * taggedHash("Frostgate/envelope", bytes))}}. The envelope is serialized once here and signed as
 * is; receivers verify those exact bytes ({@link EnvelopeVerifier}).
 */
public final class EnvelopeCodec {
  /** BIP340 tagged-hash tag of the signed digest. */
  public static final String TAG = "Frostgate/envelope";

  private EnvelopeCodec() {}

  /** The 32-byte digest that is signed: taggedHash("Frostgate/envelope", envelope bytes). */
  public static byte[] digest(byte[] envelopeBytes) {
    return Hashes.taggedHash(TAG, envelopeBytes);
  }

  /**
   * Validates, serializes and signs an envelope.
   *
   * @param auxRand32 BIP340 auxiliary randomness (32 bytes; fresh randomness in production)
   * @return the signed envelope; {@code toByteArray()} is what goes on the wire
   * @throws IllegalArgumentException if the envelope is not a valid current-version envelope, or
   *     its signed form would exceed {@code limits.maxEnvelopeBytes()}
   */
  public static SignedEnvelope sign(
      Envelope envelope, SecretScalar identityKey, byte[] auxRand32, WireLimits limits) {
    Objects.requireNonNull(identityKey, "identityKey");
    Bip340KeyPair key = Bip340KeyPair.of(identityKey);
    try {
      return sign(envelope, key, auxRand32, limits);
    } finally {
      key.destroy();
    }
  }

  /**
   * As {@link #sign(Envelope, SecretScalar, byte[], WireLimits)} with a key pair whose public key
   * is computed once (a validator signs every message with the same identity key: one generator
   * multiplication per signature instead of two).
   */
  public static SignedEnvelope sign(
      Envelope envelope, Bip340KeyPair identityKey, byte[] auxRand32, WireLimits limits) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(identityKey, "identityKey");
    Objects.requireNonNull(limits, "limits");
    if (auxRand32 == null || auxRand32.length != 32) {
      throw new IllegalArgumentException("auxRand32 must be 32 bytes");
    }
    Optional<String> problem = EnvelopeStructure.check(envelope, limits.decodeFrostPayloads());
    if (problem.isPresent()) {
      throw new IllegalArgumentException("invalid envelope: " + problem.get());
    }
    byte[] bytes = envelope.toByteArray();
    byte[] signature = identityKey.sign(digest(bytes), auxRand32);
    SignedEnvelope signed =
        SignedEnvelope.newBuilder()
            .setEnvelope(ByteString.copyFrom(bytes))
            .setSignature(ByteString.copyFrom(signature))
            .build();
    if (signed.getSerializedSize() > limits.maxEnvelopeBytes()) {
      throw new IllegalArgumentException(
          "signed envelope is "
              + signed.getSerializedSize()
              + " bytes, above the cap of "
              + limits.maxEnvelopeBytes());
    }
    return signed;
  }

  /** {@link #sign(Envelope, SecretScalar, byte[], WireLimits)} with fresh aux randomness. */
  public static SignedEnvelope sign(
      Envelope envelope, SecretScalar identityKey, SecureRandom random, WireLimits limits) {
    byte[] aux = new byte[32];
    random.nextBytes(aux);
    return sign(envelope, identityKey, aux, limits);
  }

  /** {@link #sign(Envelope, Bip340KeyPair, byte[], WireLimits)} with fresh aux randomness. */
  public static SignedEnvelope sign(
      Envelope envelope, Bip340KeyPair identityKey, SecureRandom random, WireLimits limits) {
    byte[] aux = new byte[32];
    random.nextBytes(aux);
    return sign(envelope, identityKey, aux, limits);
  }

  /** A header-only builder for the current version; set a body and build. */
  public static Envelope.Builder header(
      SessionHash session, int round, int sender, long sequence, long sentAtMs) {
    return Envelope.newBuilder()
        .setVersion(WireVersion.CURRENT)
        .setSessionId(session.toByteString())
        .setRound(round)
        .setSender(sender)
        .setSequence(sequence)
        .setSentAtMs(sentAtMs);
  }
}
