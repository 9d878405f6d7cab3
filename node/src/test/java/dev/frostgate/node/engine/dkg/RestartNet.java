package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hd.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small reliable network of DKG sessions with stores, for crash-restart tests: a validator can be
 * crashed right after a chosen step (its session is thrown away; its store stays) and restarted
 * later from its store. Records every message sent, with the sender's incarnation.
 */
public final class RestartNet {
  public static final long TICK = 10;

  public record Sent(Identifier from, int incarnation, Identifier to, DkgMessage message) {}

  private record Delivery(long at, long seq, Identifier from, Identifier to, DkgMessage m) {}

  private record CrashRule(Predicate<DkgStep> when, long downtime) {}

  public final int n;
  public final int t;
  public long now;
  private long seq;
  private final SplittableRandom net;
  private final long seed;
  public final Map<Identifier, SecretScalar> idKeys = new TreeMap<>();
  public final Map<Identifier, byte[]> pubs = new TreeMap<>();
  public final Map<Identifier, DkgStore> stores = new TreeMap<>();
  private final Map<Identifier, DkgSession> nodes = new TreeMap<>();
  private final Map<Identifier, DkgConfig> configs = new TreeMap<>();
  public final Map<Identifier, Integer> incarnation = new TreeMap<>();
  public final Map<Identifier, List<DkgEvent>> events = new TreeMap<>();
  public final List<Sent> sent = new ArrayList<>();
  private final Map<Identifier, CrashRule> crashRules = new HashMap<>();
  private final Map<Identifier, Long> restartAt = new TreeMap<>();
  public final Map<Identifier, Long> crashedAt = new TreeMap<>();
  private final PriorityQueue<Delivery> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));

  public RestartNet(long seed, int n, int t, Function<Identifier, DkgStore> storeFor) {
    this.n = n;
    this.t = t;
    this.seed = seed;
    this.net = new SplittableRandom(seed);
    DkgNet.SeededRandom keys = new DkgNet.SeededRandom(seed * 31 + 7);
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Identifier id = Identifier.of(i);
      ids.add(id);
      SecretScalar k = SecretScalar.random(keys);
      idKeys.put(id, k);
      pubs.put(id, k.publicPoint().xOnly());
    }
    for (Identifier id : ids) {
      configs.put(
          id,
          new DkgConfig(
              "restart-" + seed,
              id,
              ids,
              t,
              pubs,
              idKeys.get(id),
              Ciphersuite.TAPROOT,
              Network.REGTEST,
              3000,
              50));
      stores.put(id, storeFor.apply(id));
      events.put(id, new ArrayList<>());
      incarnation.put(id, 0);
    }
  }

  public List<Identifier> ids() {
    return List.copyOf(configs.keySet());
  }

  public DkgConfig config(Identifier id) {
    return configs.get(id);
  }

  /** The live session of {@code id} (null while it is down). */
  public DkgSession node(Identifier id) {
    return nodes.get(id);
  }

  /** Crash {@code id} right after the first step of its for which {@code when} holds. */
  public void crashAfter(Identifier id, Predicate<DkgStep> when, long downtime) {
    crashRules.put(id, new CrashRule(when, downtime));
  }

  /** Starts (or restarts) {@code id} from its store. */
  public DkgSession start(Identifier id) {
    int inc = incarnation.merge(id, 1, Integer::sum);
    DkgNet.SeededRandom r = new DkgNet.SeededRandom(seed * 1000 + id.smallValue() * 17 + inc);
    DkgSession s = new DkgSession(configs.get(id), () -> now, () -> r, stores.get(id));
    nodes.put(id, s);
    emit(id, s.start());
    return s;
  }

  public void crash(Identifier id) {
    nodes.remove(id);
    crashedAt.put(id, now);
  }

  public boolean allDone() {
    for (Identifier id : configs.keySet()) {
      DkgSession s = nodes.get(id);
      if (s == null || (s.result().isEmpty() && !s.isFailed())) {
        return false;
      }
    }
    return true;
  }

  /** Starts every validator, then runs until all are complete or failed, or {@code limit}. */
  public void run(long limit) {
    for (Identifier id : configs.keySet()) {
      start(id);
    }
    while (now < limit && !allDone()) {
      long next = now + TICK;
      while (!queue.isEmpty() && queue.peek().at <= next) {
        Delivery d = queue.poll();
        now = Math.max(now, d.at);
        DkgSession s = nodes.get(d.to);
        if (s != null) {
          emit(d.to, s.onMessage(d.from, d.m));
        }
      }
      now = next;
      for (var e : new TreeMap<>(restartAt).entrySet()) {
        if (e.getValue() <= now) {
          restartAt.remove(e.getKey());
          start(e.getKey());
        }
      }
      for (Identifier id : configs.keySet()) {
        DkgSession s = nodes.get(id);
        if (s != null) {
          emit(id, s.onTick());
        }
      }
    }
  }

  private void emit(Identifier from, DkgStep step) {
    events.get(from).addAll(step.events());
    for (DkgStep.Outgoing o : step.messages()) {
      sent.add(new Sent(from, incarnation.get(from), o.to(), o.message()));
      queue.add(new Delivery(now + 1 + net.nextInt(5), seq++, from, o.to(), o.message()));
    }
    CrashRule rule = crashRules.get(from);
    if (rule != null && nodes.containsKey(from) && rule.when.test(step)) {
      crashRules.remove(from);
      crash(from);
      restartAt.put(from, now + rule.downtime);
    }
  }

  /** Messages of a type {@code from} sent in a session, with the incarnation that sent them. */
  public <M extends DkgMessage> List<Sent> sentBy(Identifier from, Class<M> type) {
    return sent.stream()
        .filter(s -> s.from().equals(from) && type.isInstance(s.message()))
        .toList();
  }

  public static Predicate<DkgStep> sends(Class<? extends DkgMessage> type) {
    return step -> step.messages().stream().anyMatch(o -> type.isInstance(o.message()));
  }
}
