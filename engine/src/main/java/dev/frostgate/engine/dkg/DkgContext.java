package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Clock;
import dev.frostgate.engine.RandomSource;
import java.util.Objects;

/**
 * What every part of one validator's {@link DkgSession} shares: its configuration, the ports
 * (clock, randomness, store) and the outbox of the step in progress. No decisions live here.
 */
final class DkgContext {
  final DkgConfig config;
  final Clock clock;
  final RandomSource random;
  final Identifier me;
  // The identity key as a key pair: opens the shares sealed to us, discloses one in a complaint.
  final Bip340KeyPair identity;
  final DkgStore store;
  final DkgOutbox outbox;

  // Where this validator stands: the session it is in (null before start), and how the DKG ended.
  DkgAttempt current;
  DkgResult result;
  boolean failed;

  DkgContext(DkgConfig config, Clock clock, RandomSource random, DkgStore store) {
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.me = config.me();
    this.identity = Bip340KeyPair.of(config.identityKey());
    this.store = Objects.requireNonNull(store, "store");
    this.outbox = new DkgOutbox(me);
  }

  /** Fresh BIP340 auxiliary randomness (one draw from the secure random port). */
  byte[] aux() {
    byte[] b = new byte[32];
    random.secureRandom().nextBytes(b);
    return b;
  }

  /** Whether exclusion proofs are still applied (until the DKG completes or fails). */
  boolean open() {
    return !failed && result == null;
  }

  /** {@code m} to every other participant of the current session. */
  void broadcast(DkgMessage m) {
    outbox.broadcastTo(current.sid.participants(), m);
  }
}
