package dev.frostgate.crypto.frost;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the coordinator sends every signer: the chosen signers' commitments and the message.
 * Immutable; the message is copied in and out.
 */
public final class SigningPackage {
  private final SortedMap<Identifier, SigningCommitments> commitments;
  private final byte[] message;

  private SigningPackage(SortedMap<Identifier, SigningCommitments> commitments, byte[] message) {
    this.commitments = Collections.unmodifiableSortedMap(commitments);
    this.message = message;
  }

  /**
   * @throws FrostException DUPLICATE_IDENTIFIER if two commitments share an identifier
   */
  public static SigningPackage of(Collection<SigningCommitments> commitments, byte[] message) {
    TreeMap<Identifier, SigningCommitments> map = new TreeMap<>();
    for (SigningCommitments c : commitments) {
      if (map.put(c.identifier(), c) != null) {
        throw new FrostException(
            FrostException.Kind.DUPLICATE_IDENTIFIER,
            "two commitments from participant " + c.identifier(),
            java.util.List.of(c.identifier()));
      }
    }
    if (map.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS, "signing package has no commitments");
    }
    return new SigningPackage(map, message.clone());
  }

  public SortedMap<Identifier, SigningCommitments> commitments() {
    return commitments;
  }

  public Optional<SigningCommitments> commitment(Identifier id) {
    return Optional.ofNullable(commitments.get(id));
  }

  public byte[] message() {
    return message.clone();
  }

  byte[] messageNoCopy() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningPackage p
        && p.commitments.equals(commitments)
        && Arrays.equals(p.message, message);
  }

  @Override
  public int hashCode() {
    return commitments.hashCode() * 31 + Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "SigningPackage[signers="
        + commitments.keySet()
        + ", message="
        + message.length
        + " bytes]";
  }
}
