package dev.frostgate.sim.signing;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.signing.SigningSimulation.Envelope;
import dev.frostgate.testkit.engine.DealtGroup;
import fr.acinq.bitcoin.Satoshi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * The Byzantine validators of the signing simulation: each {@link SigningFault} behaviour rewrites,
 * withholds or adds to what its engine sends (invalid shares, fake commitments, altered or
 * equivocating proposals, sign requests with other packages, substituted messages or changed
 * co-signers, sign requests replayed after the target restarted), and {@link
 * SigningFault#FORGED_SENDER} also sends in other validators' names. Every choice is drawn from the
 * run's stream at the moment the message leaves, as the seeds always drew it.
 */
final class SigningAdversary {
  private final SigningScenario scenario;
  private final SimClock clock;
  private final SplittableRandom rnd;
  private final DealtGroup group;
  private final SigningRequests requests;

  /** Schedules a (non-permanent) crash of a validator at a time. */
  private final ObjLongConsumer<Identifier> crashAt;

  /** Sign requests of replaying leaders, per target: delivered again after it restarts. */
  private final Map<Identifier, List<Envelope>> replayAfterRestart = new TreeMap<>();

  private int forcedCrashes;

  SigningAdversary(
      SigningScenario scenario,
      SimClock clock,
      SplittableRandom rnd,
      DealtGroup group,
      SigningRequests requests,
      ObjLongConsumer<Identifier> crashAt) {
    this.scenario = scenario;
    this.clock = clock;
    this.rnd = rnd;
    this.group = group;
    this.requests = requests;
    this.crashAt = crashAt;
  }

  /**
   * The validator whose name a {@link SigningFault#FORGED_SENDER} node also sends its message in,
   * drawn after the real send: half the messages, never its own name.
   */
  Optional<Identifier> forgedName(SigningNode node) {
    if (node.byzantine != SigningFault.FORGED_SENDER || !rnd.nextBoolean()) {
      return Optional.empty();
    }
    List<Identifier> ids = group.group().validators();
    Identifier victim = ids.get(rnd.nextInt(ids.size()));
    return victim.equals(node.id) ? Optional.empty() : Optional.of(victim);
  }

  /** The sign requests a replaying leader sends {@code target} again after it restarted. */
  List<Envelope> replaysTo(Identifier target) {
    return replayAfterRestart.getOrDefault(target, List.of());
  }

  /** What Byzantine {@code node} sends instead of the messages its engine made. */
  List<Outgoing<Message>> outgoing(SigningNode node, List<Outgoing<Message>> in) {
    List<Outgoing<Message>> out = new ArrayList<>();
    for (Outgoing<Message> o : in) {
      Message m = o.message();
      switch (node.byzantine) {
        case BYZ_INVALID_SHARES -> {
          if (m instanceof Message.Share s) {
            List<SignatureShare> bad =
                s.shares().stream()
                    .map(x -> new SignatureShare(x.identifier(), randomScalar()))
                    .toList();
            m = new Message.Share(s.request(), s.attempt(), s.session(), bad, s.next());
          }
        }
        case BYZ_WRONG_COMMITMENTS -> {
          if (m instanceof Message.Commit c) {
            m = new Message.Commit(c.request(), c.attempt(), fake(c.commitments()));
          } else if (m instanceof Message.Share s) {
            m =
                new Message.Share(
                    s.request(), s.attempt(), s.session(), s.shares(), fake(s.next()));
          }
        }
        case BYZ_WITHHOLD_SHARES -> {
          if (m instanceof Message.Share) {
            continue;
          }
        }
        case BYZ_WITHHOLD_LEADER -> {
          if (m instanceof Message.SignRequest || m instanceof Message.Signed) {
            continue;
          }
        }
        case BYZ_CHANGED_RECIPIENT -> {
          if (m instanceof Message.Proposal p) {
            m = altered(p, false);
          }
        }
        case BYZ_CONFLICTING_SPEND -> {
          if (m instanceof Message.Proposal p) {
            m = altered(p, true);
          }
        }
        case BYZ_EQUIVOCATING_LEADER -> {
          if (m instanceof Message.Proposal p && o.to().smallValue() % 2 == 1) {
            m = altered(p, rnd.nextBoolean());
          }
        }
        case BYZ_LEADER_TWO_PACKAGES -> {
          if (m instanceof Message.SignRequest sr) {
            // The same commitment of the target in a second session, another co-signer's
            // commitment changed: another package, so another binding factor and R.
            out.add(o);
            m =
                new Message.SignRequest(
                    sr.request(),
                    sr.attempt(),
                    sr.session() ^ 0x4000_0000_0000_0000L,
                    otherPackages(sr.packages(), o.to(), false));
          }
        }
        case BYZ_LEADER_CHANGED_COSIGNERS -> {
          if (m instanceof Message.SignRequest sr) {
            // Under the same session id, a co-signer swapped for a validator outside the session.
            List<SigningPackage> changed = otherPackages(sr.packages(), o.to(), true);
            if (rnd.nextBoolean()) {
              out.add(o);
              m = new Message.SignRequest(sr.request(), sr.attempt(), sr.session(), changed);
            } else {
              out.add(
                  new Outgoing<>(
                      o.to(),
                      new Message.SignRequest(sr.request(), sr.attempt(), sr.session(), changed)));
            }
          }
        }
        case BYZ_LEADER_SUBSTITUTED_MESSAGE -> {
          if (m instanceof Message.SignRequest sr) {
            List<SigningPackage> substituted =
                sr.packages().stream()
                    .map(
                        pk ->
                            SigningPackage.of(
                                pk.commitments().values(),
                                Hashes.sha256(
                                    "substituted".getBytes(StandardCharsets.UTF_8), pk.message())))
                    .toList();
            out.add(
                new Outgoing<>(
                    o.to(),
                    new Message.SignRequest(
                        sr.request(), sr.attempt(), sr.session(), substituted)));
          }
        }
        case BYZ_LEADER_REPLAY_AFTER_RESTART -> {
          if (m instanceof Message.SignRequest) {
            replayAfterRestart
                .computeIfAbsent(o.to(), k -> new ArrayList<>())
                .add(new Envelope(node.id, node.id, o.to(), m));
            if (clock.now() < scenario.chaosEnd() && forcedCrashes < 3 && rnd.nextBoolean()) {
              // Make sure the target restarts: after it has answered, most likely.
              forcedCrashes++;
              crashAt.accept(o.to(), clock.now() + scenario.maxDelay() + 1 + rnd.nextInt(20));
            }
          }
        }
        default -> {}
      }
      out.add(new Outgoing<>(o.to(), m));
    }
    return out;
  }

  /**
   * The packages with one co-signer other than {@code target} changed: its commitment replaced by
   * fresh points, or ({@code swap}) the co-signer replaced by a validator outside the session.
   */
  private List<SigningPackage> otherPackages(
      List<SigningPackage> packages, Identifier target, boolean swap) {
    List<Identifier> members = new ArrayList<>(packages.get(0).commitments().keySet());
    members.remove(target);
    if (members.isEmpty()) {
      return packages;
    }
    Identifier victim = members.get(rnd.nextInt(members.size()));
    List<Identifier> outside =
        group.group().validators().stream()
            .filter(v -> !packages.get(0).commitments().containsKey(v))
            .toList();
    Identifier replacement =
        swap && !outside.isEmpty() ? outside.get(rnd.nextInt(outside.size())) : victim;
    List<SigningPackage> out = new ArrayList<>();
    for (SigningPackage pk : packages) {
      List<SigningCommitments> cs = new ArrayList<>(pk.commitments().values());
      cs.removeIf(c -> c.identifier().equals(victim));
      cs.add(
          new SigningCommitments(
              replacement, Point.mulGenerator(randomScalar()), Point.mulGenerator(randomScalar())));
      out.add(SigningPackage.of(cs, pk.message()));
    }
    return out;
  }

  private Scalar randomScalar() {
    byte[] b = new byte[32];
    rnd.nextBytes(b);
    Scalar s = Scalar.reduce(b);
    return s.isZero() ? Scalar.ONE : s;
  }

  private List<SigningCommitments> fake(List<SigningCommitments> real) {
    return real.stream()
        .map(
            c ->
                new SigningCommitments(
                    c.identifier(),
                    Point.mulGenerator(randomScalar()),
                    Point.mulGenerator(randomScalar())))
        .toList();
  }

  /** The proposal with another recipient, or spending another request's coin as well. */
  private Message.Proposal altered(Message.Proposal p, boolean conflicting) {
    SpendRequest r = requests.byId(p.request());
    if (r == null) {
      return p;
    }
    SpendRecipe recipe = r.recipe();
    SpendRecipe changed;
    if (conflicting) {
      List<SpendInput> ins = new ArrayList<>(recipe.inputs());
      for (SpendRequest other : requests.all()) {
        SpendInput extra = other.recipe().inputs().get(0);
        if (!other.id().equals(r.id())
            && ins.stream().noneMatch(x -> x.outpoint().equals(extra.outpoint()))) {
          ins.add(extra);
          break;
        }
      }
      if (ins.size() == recipe.inputs().size()) {
        return p;
      }
      changed =
          new SpendRecipe(
              ins, recipe.outputs(), recipe.feeRate(), recipe.change(), new Satoshi(1_000_000));
    } else {
      changed =
          new SpendRecipe(
              recipe.inputs(),
              List.of(
                  SpendOutput.toAddress(
                      group.group().xpub().depositAddress(666_666),
                      recipe.outputs().get(0).amount())),
              recipe.feeRate(),
              recipe.change(),
              recipe.feeCap());
    }
    UnsignedSpend u;
    try {
      u = SpendBuilder.build(changed, group.group().xpub());
    } catch (SpendException e) {
      return p;
    }
    return Message.Proposal.of(p.request(), p.attempt(), u.bytes(), u.sigHashes());
  }
}
