package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Messages that came before this validator could use them: for a later session of the ceremony
 * (peers restarted first), or certificate signatures and test messages before our own transcript.
 * Bounded; each is replayed once its session or transcript exists. Decides nothing about a message
 * but when it is due.
 */
final class EarlyMessages {
  /** An authenticated message held back, with its sender. */
  record Pending(Identifier from, DkgMessage message) {}

  private static final int MAX_FUTURE = 10_000;

  private final List<Pending> future = new ArrayList<>();

  /** Holds {@code m} for later, unless the buffer is full (then it is dropped). */
  void hold(Identifier from, DkgMessage m) {
    if (future.size() < MAX_FUTURE) {
      future.add(new Pending(from, m));
    }
  }

  /** What is held, in the order it came. */
  List<Pending> held() {
    return Collections.unmodifiableList(future);
  }

  /**
   * On entering {@code a}: dispatches what came for its session (while it is still the current
   * one), keeps what is for a later session of the same ceremony and drops what is stale.
   */
  void replayOnEnter(DkgContext ctx, DkgAttempt a, BiConsumer<Identifier, DkgMessage> dispatch) {
    SessionId sid = a.sid;
    List<Pending> early = new ArrayList<>(future);
    future.clear();
    for (Pending p : early) {
      if (ctx.current != a) {
        future.add(p);
      } else if (p.message.session().equals(sid)) {
        dispatch.accept(p.from, p.message);
      } else if (!sid.isAncestorOrSelfOf(p.message.session())) {
        // still ahead of us (or unrelated: dropped)
        if (p.message.session().ceremony().equals(sid.ceremony())
            && sid.participants().containsAll(p.message.session().participants())) {
          future.add(p);
        }
      }
    }
  }

  /** Takes out, in order, what is held for {@code sid}; the rest stays. */
  List<Pending> take(SessionId sid) {
    List<Pending> early = new ArrayList<>(future);
    future.clear();
    List<Pending> now = new ArrayList<>();
    for (Pending p : early) {
      (p.message.session().equals(sid) ? now : future).add(p);
    }
    return now;
  }
}
