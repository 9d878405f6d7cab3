package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One DKG attempt: the ceremony name and the sorted participant set. A restart without a culprit is
 * a new session id.
 */
public record SessionId(String ceremony, List<Identifier> participants) {
  public SessionId {
    participants = participants.stream().sorted().distinct().toList();
  }

  public int size() {
    return participants.size();
  }

  /** Timeout votes needed to exclude a participant of this session with threshold t. */
  public int voteQuorum(int threshold) {
    return size() - threshold + 1;
  }

  /** Whether this session is {@code other} or an earlier (larger) session of the same ceremony. */
  public boolean isAncestorOrSelfOf(SessionId other) {
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
