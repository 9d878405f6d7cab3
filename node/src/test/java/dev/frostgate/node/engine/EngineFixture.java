package dev.frostgate.node.engine;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.ChainFacts;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.engine.DealtGroup;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import dev.frostgate.testkit.engine.InMemoryRequestSource;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A group with requests and coins, and a lossless in-order network to run validators on. Each
 * validator's journal is the production one, a {@link SqliteJournal} on its own SQLite file in a
 * temporary directory that {@link #close} deletes; a crash closes the file, a restart opens it
 * again (which voids earlier commitments).
 */
final class EngineFixture implements AutoCloseable {
  final DealtGroup group;
  final InMemoryChainFacts chain = new InMemoryChainFacts();
  final InMemoryRequestSource requests = new InMemoryRequestSource();
  final TreeMap<Identifier, SigningEngine> nodes = new TreeMap<>();
  final TreeMap<Identifier, SqliteJournal> journals = new TreeMap<>();
  private final Path dir;
  final Set<Identifier> down = new HashSet<>();
  final List<EngineEvent> events = new ArrayList<>();
  final List<Identifier> eventSource = new ArrayList<>();
  final TreeMap<Identifier, UnaryOperator<Message>> tamper = new TreeMap<>();
  final Deque<Object[]> wire = new ArrayDeque<>();
  long now;

  /** The spend-lock lifecycle every (re)started node runs, if set. */
  final java.util.Optional<dev.frostgate.engine.spendlock.LifecycleConfig> lifecycle;

  EngineFixture(int n, int t) {
    this(n, t, java.util.Optional.empty());
  }

  /** A group whose nodes run the spend-lock lifecycle with {@code lifecycle}, if set. */
  EngineFixture(
      int n, int t, java.util.Optional<dev.frostgate.engine.spendlock.LifecycleConfig> lifecycle) {
    this.lifecycle = lifecycle;
    try {
      dir = Files.createTempDirectory("frostgate-engine-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    group = DealtGroup.of(n, t);
    for (Identifier id : group.group().validators()) {
      openJournal(id);
      start(id);
    }
  }

  private void openJournal(Identifier id) {
    StateDatabase db = StateDatabase.open(dir.resolve("v" + id.smallValue() + ".db"));
    journals.put(id, new SqliteJournal(db, 50_000));
  }

  /** Closes every state file and deletes the directory. */
  @Override
  public void close() {
    journals.values().forEach(j -> j.database().close());
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start(Identifier id) {
    SecureRandom rnd = new SecureRandom();
    nodes.put(
        id,
        new SigningEngine(
            new SigningConfig(
                id,
                group.rawKeys().get(id),
                group.group(),
                PolicyConfig.defaults().withFeeCap(new Satoshi(50_000)),
                400,
                50,
                lifecycle),
            new Ports(() -> now, () -> rnd, journals.get(id), requests, chain)));
  }

  static String txid(String s) {
    return HexFormat.of().formatHex(Hashes.sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  SpendInput coin(String label, long amount, long index, int confirmations) {
    SpendInput in =
        SpendInput.of(new TxId(txid(label)), 0, new Satoshi(amount), Branch.DEPOSIT, index);
    chain.add(
        new ChainFacts.OwnedCoin(
            in.outpoint(), new Satoshi(amount), Branch.DEPOSIT, index, confirmations));
    return in;
  }

  String recipient(int k) {
    return group.group().xpub().depositAddress(1_000_000 + k);
  }

  SpendRequest request(String id, List<SpendInput> inputs, long amount, int k) {
    SpendRecipe recipe =
        new SpendRecipe(
            inputs,
            List.of(SpendOutput.toAddress(recipient(k), new Satoshi(amount))),
            FeeRate.satPerVb(2),
            ChangePolicy.toIndex(k),
            new Satoshi(20_000));
    SpendRequest r = new SpendRequest(new RequestId(id), recipe, 0, 1_000_000);
    requests.add(r);
    return r;
  }

  /** Crashes a node: its in-memory state and its mail still on the wire are lost. */
  void crash(Identifier id) {
    down.add(id);
    nodes.remove(id);
    wire.removeIf(w -> w[0].equals(id));
    journals.get(id).database().close();
  }

  void restart(Identifier id) {
    down.remove(id);
    openJournal(id);
    start(id);
  }

  private void take(Identifier from, Output out) {
    for (EngineEvent e : out.events()) {
      events.add(e);
      eventSource.add(from);
    }
    for (Outgoing<Message> o : out.messages()) {
      Message m = o.message();
      if (tamper.containsKey(from)) {
        m = tamper.get(from).apply(m);
        if (m == null) {
          continue;
        }
      }
      wire.add(new Object[] {from, o.to(), m});
    }
  }

  /** Makes {@code cheater} send every share with invalid values (commitments stay genuine). */
  void sendInvalidShares(Identifier cheater) {
    tamper.put(
        cheater,
        m ->
            m instanceof Message.Share s
                ? new Message.Share(
                    s.request(),
                    s.attempt(),
                    s.session(),
                    s.shares().stream()
                        .map(
                            x ->
                                new dev.frostgate.crypto.frost.SignatureShare(
                                    x.identifier(), dev.frostgate.crypto.ec.Scalar.of(12345)))
                        .toList(),
                    s.next())
                : m);
  }

  /** Ticks every node every 10 time units and delivers all messages, until {@code until}. */
  void runUntil(long until) {
    while (now < until) {
      for (var e : new TreeMap<>(nodes).entrySet()) {
        take(e.getKey(), e.getValue().onTick());
      }
      deliverAll();
      now += 10;
    }
  }

  void deliverAll() {
    while (!wire.isEmpty()) {
      Object[] w = wire.poll();
      Identifier to = (Identifier) w[1];
      SigningEngine v = nodes.get(to);
      if (v == null || down.contains(to)) {
        continue;
      }
      take(to, v.onMessage((Identifier) w[0], (Message) w[2]));
    }
  }

  /** Delivers messages in order until the next one matches {@code stop} (left undelivered). */
  void deliverUntil(java.util.function.Predicate<Message> stop) {
    while (!wire.isEmpty() && !stop.test((Message) wire.peek()[2])) {
      Object[] w = wire.poll();
      Identifier to = (Identifier) w[1];
      SigningEngine v = nodes.get(to);
      if (v != null && !down.contains(to)) {
        take(to, v.onMessage((Identifier) w[0], (Message) w[2]));
      }
    }
  }

  /** One tick of every node, without delivering anything. */
  void tickAll() {
    for (var e : new TreeMap<>(nodes).entrySet()) {
      take(e.getKey(), e.getValue().onTick());
    }
  }

  <T extends EngineEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  boolean signedBySomeone(RequestId r) {
    return events(EngineEvent.RequestSigned.class).stream().anyMatch(e -> e.request().equals(r));
  }
}
