package dev.frostgate.crypto.seal;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything one encrypted share is bound to: its purpose, the ciphersuite, the session, the
 * dealer, the recipient, and a 32-byte hash of the dealer's public commitment (for a DKG share, the
 * hash of the dealer's round-1 VSS commitment, which fixes what the plaintext must be). It is the
 * AEAD's associated data and enters the key derivation, so a ciphertext opens only in the context
 * it was made for: not in another session, not from another dealer, not as another step.
 *
 * @param session an opaque, canonical encoding of the session (the caller's session id bytes; not
 *     necessarily a hash, so it stays variable-length bytes)
 */
public record SealContext(
    SealPurpose purpose,
    String ciphersuite,
    byte[] session,
    Identifier dealer,
    Identifier recipient,
    Hash32 dealerCommitment) {
  private static final int MAX_FIELD = 4096;

  public SealContext {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(ciphersuite, "ciphersuite");
    Objects.requireNonNull(dealer, "dealer");
    Objects.requireNonNull(recipient, "recipient");
    if (dealer.equals(recipient)) {
      throw new IllegalArgumentException("a dealer does not encrypt a share to itself");
    }
    if (session.length == 0 || session.length > MAX_FIELD) {
      throw new IllegalArgumentException("session must be 1.." + MAX_FIELD + " bytes");
    }
    Objects.requireNonNull(dealerCommitment, "dealerCommitment");
    session = session.clone();
  }

  /** The same context addressed to another recipient. */
  public SealContext to(Identifier otherRecipient) {
    return new SealContext(purpose, ciphersuite, session, dealer, otherRecipient, dealerCommitment);
  }

  /**
   * The canonical associated data: a version tag, then every field length-prefixed (2 bytes), so no
   * two different contexts encode alike.
   */
  public byte[] associatedData() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, Hashes.ascii("Frostgate/seal/v1"));
    field(out, Hashes.ascii(purpose.label()));
    field(out, ciphersuite.getBytes(StandardCharsets.UTF_8));
    field(out, session);
    field(out, dealer.toBytes());
    field(out, recipient.toBytes());
    field(out, dealerCommitment.bytes());
    return out.toByteArray();
  }

  /** The associated data without the recipient: what one dealer's ephemeral key is derived for. */
  byte[] dealerScope() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, Hashes.ascii("Frostgate/seal/dealer-scope/v1"));
    field(out, Hashes.ascii(purpose.label()));
    field(out, ciphersuite.getBytes(StandardCharsets.UTF_8));
    field(out, session);
    field(out, dealer.toBytes());
    field(out, dealerCommitment.bytes());
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    out.write(value.length >>> 8);
    out.write(value.length);
    out.writeBytes(value);
  }

  @Override
  public byte[] session() {
    return session.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealContext c && Arrays.equals(associatedData(), c.associatedData());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(associatedData());
  }

  @Override
  public String toString() {
    return "SealContext[" + purpose.label() + " " + dealer + " -> " + recipient + "]";
  }
}
