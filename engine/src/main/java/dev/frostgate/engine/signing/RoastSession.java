package dev.frostgate.engine.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.engine.Message.SignRequest;
import java.util.List;
import java.util.TreeMap;

/**
 * One ROAST session: a t-subset of signers asked to sign one set of packages. It closes once every
 * member has answered, whether or not the shares aggregate.
 */
final class RoastSession {
  final long id;
  final List<Identifier> members;
  final SignRequest request;

  /** Each member's shares (one per input), by member id: aggregation takes them in id order. */
  final TreeMap<Identifier, List<SignatureShare>> shares = new TreeMap<>();

  final long startedAt;
  boolean closed;

  RoastSession(long id, List<Identifier> members, SignRequest request, long startedAt) {
    this.id = id;
    this.members = members;
    this.request = request;
    this.startedAt = startedAt;
  }
}
