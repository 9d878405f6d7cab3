package dev.frostgate.node.runtime;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The output path of a Byzantine devnet validator: what its honest engine sends, rewritten by a
 * {@link ByzantineMode} just before the event loop seals it. Only the event loop thread uses it.
 */
final class ByzantineOutput {
  /** Proposals received (per request, the latest), for {@link ByzantineMode#WRONG_LEADER}. */
  private static final int MAX_REMEMBERED = 1_000;

  private final ByzantineMode mode;
  private final Identifier me;
  private final List<Identifier> validators;
  private final Map<String, Message.Proposal> received = new TreeMap<>();

  ByzantineOutput(ByzantineMode mode, Identifier me, List<Identifier> validators) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.me = me;
    this.validators = List.copyOf(validators);
  }

  ByzantineMode mode() {
    return mode;
  }

  /** A signing message from another validator (authenticated): remembered if the mode uses it. */
  void observe(Identifier from, Message m) {
    if (mode == ByzantineMode.WRONG_LEADER
        && m instanceof Message.Proposal p
        && !from.equals(me)
        && (received.size() < MAX_REMEMBERED || received.containsKey(p.request().value()))) {
      received.put(p.request().value(), p);
    }
  }

  /** What this validator sends instead of {@code honest}. */
  List<Outgoing<Message>> rewrite(List<Outgoing<Message>> honest) {
    List<Outgoing<Message>> out = new ArrayList<>();
    for (Outgoing<Message> o : honest) {
      Message m = o.message();
      switch (mode) {
        case INVALID_SHARES -> {
          if (m instanceof Message.Share s) {
            List<SignatureShare> altered =
                s.shares().stream()
                    .map(x -> new SignatureShare(x.identifier(), x.share().add(Scalar.ONE)))
                    .toList();
            m = new Message.Share(s.request(), s.attempt(), s.session(), altered, s.next());
          }
        }
        case EQUIVOCATE -> {
          if (m instanceof Message.Proposal p) {
            out.add(o);
            m = otherProposal(p);
          }
        }
        case WITHHOLD -> {
          if (m instanceof Message.Share) {
            continue;
          }
        }
        case WRONG_LEADER -> {
          if (m instanceof Message.Commit c) {
            Message.Proposal led = received.remove(c.request().value());
            if (led != null && led.attempt() == c.attempt()) {
              for (Identifier v : validators) {
                if (!v.equals(me)) {
                  out.add(new Outgoing<>(v, led));
                }
              }
            }
          }
        }
      }
      out.add(new Outgoing<>(o.to(), m));
    }
    return out;
  }

  /** The proposal with its first sighash changed: the same request and attempt, another body. */
  private static Message.Proposal otherProposal(Message.Proposal p) {
    List<Hash32> messages = new ArrayList<>(p.messages());
    byte[] first = messages.get(0).bytes();
    first[0] ^= 1;
    messages.set(0, Hash32.of(first));
    return new Message.Proposal(p.request(), p.attempt(), p.tx(), messages);
  }
}
