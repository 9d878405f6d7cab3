package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One DKG attempt: the ceremony name and the sorted participant set. A restart without a culprit is
 * a new session id. On the wire an envelope carries only its {@link #hash()} (as {@code
 * engine.wire.SessionHash}).
 */
public record DkgSessionId(String ceremony, List<Identifier> participants) {
  /** Longest ceremony name, in characters. */
  public static final int MAX_CEREMONY_LENGTH = 128;

  public DkgSessionId {
    if (!isValidCeremony(ceremony)) {
      // The hash reads the name as ASCII: other characters would collide (all become '?').
      throw new IllegalArgumentException(
          "ceremony must be 1.." + MAX_CEREMONY_LENGTH + " printable ASCII characters");
    }
    participants = participants.stream().sorted().distinct().toList();
  }

  /** Whether {@code c} is 1..128 printable ASCII characters (space to '~'). */
  public static boolean isValidCeremony(String c) {
    return c != null
        && !c.isEmpty()
        && c.length() <= MAX_CEREMONY_LENGTH
        && c.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e);
  }

  public int size() {
    return participants.size();
  }

  /** Timeout votes needed to exclude a participant of this session with threshold t. */
  public int voteQuorum(int threshold) {
    return size() - threshold + 1;
  }

  /** Whether this session is {@code other} or an earlier (larger) session of the same ceremony. */
  public boolean isAncestorOrSelfOf(DkgSessionId other) {
    return ceremony.equals(other.ceremony) && participants.containsAll(other.participants);
  }

  public byte[] hash() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Identifier id : participants) {
      b.writeBytes(id.toBytes());
    }
    return Hashes.taggedHash("Frostgate/dkg-session", Hashes.ascii(ceremony), b.toByteArray());
  }

  @Override
  public String toString() {
    return ceremony + participants.stream().map(Identifier::toString).toList();
  }
}
