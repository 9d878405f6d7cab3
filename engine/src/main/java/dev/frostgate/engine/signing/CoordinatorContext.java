package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.RandomSource;
import dev.frostgate.engine.request.RequestId;
import java.util.List;

/**
 * All a {@link RoastCoordinator} may see of and do to the engine that runs it: the step's output,
 * the clock, randomness, the group, its settings, and completing a request. It never reaches into
 * the signer's state.
 */
interface CoordinatorContext {
  void send(Identifier to, Message m);

  void broadcast(Message m);

  void emit(EngineEvent e);

  long now();

  RandomSource random();

  int threshold();

  /** The group's validators, ascending. */
  List<Identifier> validators();

  Identifier me();

  long retransmitInterval();

  /** Records the request as signed (journal first) and drops its signer and coordinator state. */
  void complete(
      RequestId id,
      int attempt,
      UnsignedSpend spend,
      SignedSpend signed,
      List<Bip340Signature> sigs);
}
