package dev.frostgate.node.engine.dkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hd.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
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

  /** Opens a validator's store at each start, and lets go of it at a crash (the disk stays). */
  public interface Disks {
    DkgStore open(DkgConfig config);

    default void crash(Identifier id) {}
  }

  /** In-memory disks: one {@link InMemoryDkgStore} per validator, kept across restarts. */
  public static Disks inMemory() {
    Map<Identifier, DkgStore> m = new TreeMap<>();
    return c -> m.computeIfAbsent(c.me(), k -> new InMemoryDkgStore());
  }

  /** In-memory disks, some of them given. */
  public static Disks inMemory(Map<Identifier, DkgStore> given) {
    Map<Identifier, DkgStore> m = new TreeMap<>(given);
    return c -> m.computeIfAbsent(c.me(), k -> new InMemoryDkgStore());
  }

  public final int n;
  public final int t;
  public long now;
  private long seq;
  private final SplittableRandom net;
  private final long seed;
  public final Map<Identifier, SecretScalar> idKeys = new TreeMap<>();
  public final Map<Identifier, byte[]> pubs = new TreeMap<>();
  public final Map<Identifier, DkgStore> stores = new TreeMap<>();
  private final Disks disks;
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

  public RestartNet(long seed, int n, int t, Disks disks) {
    this.disks = disks;
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
    DkgStore store = disks.open(configs.get(id));
    stores.put(id, store);
    DkgSession s = new DkgSession(configs.get(id), () -> now, () -> r, store);
    nodes.put(id, s);
    emit(id, s.start());
    return s;
  }

  public void crash(Identifier id) {
    nodes.remove(id);
    crashedAt.put(id, now);
    disks.crash(id);
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

  /**
   * The safety rules across incarnations, and agreement of every validator not in {@code mayFail}:
   * one round-1 package and one certificate signature per (validator, session); a test share only
   * from the incarnation that announced the commitment; same key, transcript, xpub; certificate and
   * test signature verify.
   */
  public DkgResult check(Set<Identifier> mayFail) {
    Map<String, Object> first = new HashMap<>();
    Map<String, Integer> commitIncarnation = new HashMap<>();
    for (RestartNet.Sent s : sent) {
      String key = s.from() + "/" + s.message().session();
      switch (s.message()) {
        case DkgMessage.Round1 r -> {
          Object prev = first.putIfAbsent("r1/" + key, r.pkg());
          assertThat(prev == null || prev.equals(r.pkg()))
              .as(s.from() + " sent two different round-1 packages in " + r.session())
              .isTrue();
        }
        case DkgMessage.CertificateSignature c -> {
          Object prev = first.putIfAbsent("cert/" + key, c.signature());
          assertThat(prev == null || java.util.Arrays.equals((byte[]) prev, c.signature()))
              .as(s.from() + " signed two certificates in " + c.session())
              .isTrue();
        }
        case DkgMessage.TestCommit c -> {
          Object prev = first.putIfAbsent("commit/" + key, c.commitments());
          commitIncarnation.putIfAbsent(key, s.incarnation());
          assertThat(prev == null || prev.equals(c.commitments()))
              .as(s.from() + " announced two test commitments in " + c.session())
              .isTrue();
        }
        case DkgMessage.TestShare sh ->
            assertThat(s.incarnation())
                .as(s.from() + " honoured a test commitment of an earlier process")
                .isEqualTo(commitIncarnation.get(key));
        default -> {}
      }
    }
    DkgResult common = null;
    for (Identifier id : ids()) {
      DkgSession s = node(id);
      if (mayFail.contains(id) && (s == null || s.result().isEmpty())) {
        continue;
      }
      assertThat(s).as(id + " is up").isNotNull();
      assertThat(s.result()).as(id + " completed").isPresent();
      DkgResult r = s.result().get();
      Map<Identifier, byte[]> keys = new TreeMap<>();
      r.session().participants().forEach(p -> keys.put(p, pubs.get(p)));
      r.certificate().verify(keys);
      DkgOutput o = new DkgOutput(r.rawKeyPackage(), r.rawPublicKeyPackage(), r.transcriptHash());
      DkgAcceptance.verify(o.publicKeyPackage(), r.transcriptHash(), r.testSignature());
      if (common == null) {
        common = r;
      } else {
        assertThat(r.rawKeyPackage().verifyingKey())
            .isEqualTo(common.rawKeyPackage().verifyingKey());
        assertThat(r.transcriptHash()).isEqualTo(common.transcriptHash());
        assertThat(r.xpub().serialize()).isEqualTo(common.xpub().serialize());
        assertThat(r.session()).isEqualTo(common.session());
      }
      for (DkgEvent e : events.get(id)) {
        if (e instanceof DkgEvent.Excluded x) {
          assertThat(mayFail).as("excluded " + x.accused()).contains(x.accused());
          assertThat(DkgProofs.problem(x, pubs, t)).isEmpty();
        }
      }
    }
    return common;
  }
}
