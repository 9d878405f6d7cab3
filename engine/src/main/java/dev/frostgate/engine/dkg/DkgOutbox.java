package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Outgoing;
import java.util.ArrayList;
import java.util.List;

/**
 * What one DKG step produces, in order: the messages to send and the events. Every part of a {@link
 * DkgSession} writes here; the facade hands the collected step to its caller ({@link #flush}) at
 * the end of each {@code start}, {@code onMessage} and {@code onTick}.
 */
final class DkgOutbox {
  private final Identifier me;
  private final List<Outgoing<DkgMessage>> out = new ArrayList<>();
  private final List<DkgEvent> events = new ArrayList<>();

  DkgOutbox(Identifier me) {
    this.me = me;
  }

  /** {@code m} to every one of {@code to} except this validator. */
  void broadcastTo(List<Identifier> to, DkgMessage m) {
    for (Identifier p : to) {
      if (!p.equals(me)) {
        out.add(new Outgoing<>(p, m));
      }
    }
  }

  void send(Identifier to, DkgMessage m) {
    out.add(new Outgoing<>(to, m));
  }

  void event(DkgEvent e) {
    events.add(e);
  }

  /** A peer sent something invalid (reported, not by itself a reason to exclude). */
  void misbehaviour(Identifier peer, String detail) {
    events.add(new DkgEvent.Misbehaviour(peer, detail));
  }

  /** The step collected since the last flush; starts the next one empty. */
  DkgStep flush() {
    DkgStep s = new DkgStep(out, events);
    out.clear();
    events.clear();
    return s;
  }
}
