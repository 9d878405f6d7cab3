package dev.frostgate.sim.signing;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.ChainFacts;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.FeeBumps;
import dev.frostgate.testkit.engine.DealtGroup;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import dev.frostgate.testkit.engine.InMemoryRequestSource;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spend requests of one seed and the chain their coins are on, drawn before the run: what the
 * validators are asked to sign, and what the invariants judge their signatures by (the canonical
 * transaction of each request, the requests that must be signed, those that must never be).
 */
final class SigningRequests {
  private final DealtGroup group;
  private final InMemoryRequestSource source = new InMemoryRequestSource();
  private final InMemoryChainFacts chain = new InMemoryChainFacts();
  private final Map<RequestId, SpendRequest> byId = new TreeMap<>();
  private final Map<RequestId, UnsignedSpend> canonical = new TreeMap<>();
  private final Set<RequestId> good = new TreeSet<>();
  private final Set<RequestId> mustNotSign = new TreeSet<>();

  private SigningRequests(DealtGroup group) {
    this.group = group;
  }

  /**
   * The requests of {@code scenario}, drawn from the run's stream: each with 1 to 3 coins (2 for
   * more than 7 validators), plus a second request for the first one's coin ({@link
   * SigningFault#CONFLICTING_REQUESTS}: neither of the two must be signed then) and one with an
   * unconfirmed input ({@link SigningFault#UNCONFIRMED_INPUT}: never to be signed).
   */
  static SigningRequests draw(SigningScenario scenario, DealtGroup group, SplittableRandom rnd) {
    SigningRequests book = new SigningRequests(group);
    int maxInputs = scenario.n() > 7 ? 2 : 3;
    List<SpendRequest> made = new ArrayList<>();
    for (int k = 0; k < scenario.requests(); k++) {
      int count = 1 + rnd.nextInt(maxInputs);
      List<SpendInput> ins = new ArrayList<>();
      for (int j = 0; j < count; j++) {
        ins.add(
            book.coin(
                "s" + scenario.seed() + "/r" + k + "/" + j,
                j,
                40_000 + rnd.nextInt(20_000),
                k * 8L + j,
                3));
      }
      SpendRequest r = book.request("req-" + scenario.seed() + "-" + k, ins, k, rnd.nextInt(300));
      made.add(r);
      book.good.add(r.id());
    }
    if (scenario.faults().contains(SigningFault.CONFLICTING_REQUESTS) && !made.isEmpty()) {
      SpendRequest victim = made.get(0);
      SpendRequest c =
          book.request(
              "conflict-" + scenario.seed(),
              List.of(victim.recipe().inputs().get(0)),
              900,
              victim.createdAt() + rnd.nextInt(50));
      book.good.remove(victim.id());
      book.good.remove(c.id());
    }
    if (scenario.faults().contains(SigningFault.UNCONFIRMED_INPUT)) {
      SpendInput u = book.coin("s" + scenario.seed() + "/unconfirmed", 0, 45_000, 7_000, 0);
      SpendRequest r =
          book.request("unconfirmed-" + scenario.seed(), List.of(u), 901, rnd.nextInt(300));
      book.mustNotSign.add(r.id());
    }
    return book;
  }

  private static String txid(String label) {
    return HexFormat.of().formatHex(Hashes.sha256(label.getBytes(StandardCharsets.UTF_8)));
  }

  private SpendInput coin(String label, int vout, long amount, long index, int confirmations) {
    SpendInput in =
        SpendInput.of(new TxId(txid(label)), vout, new Satoshi(amount), Branch.DEPOSIT, index);
    chain.add(
        new ChainFacts.OwnedCoin(
            in.outpoint(), new Satoshi(amount), Branch.DEPOSIT, index, confirmations));
    return in;
  }

  private SpendRequest request(String id, List<SpendInput> inputs, int k, long createdAt) {
    SpendRecipe recipe =
        new SpendRecipe(
            inputs,
            List.of(
                SpendOutput.toAddress(
                    group.group().xpub().depositAddress(1_000_000 + k), new Satoshi(30_000))),
            FeeRate.satPerVb(2),
            ChangePolicy.toIndex(k),
            new Satoshi(20_000));
    SpendRequest r = new SpendRequest(new RequestId(id), recipe, createdAt, Long.MAX_VALUE / 4);
    source.add(r);
    byId.put(r.id(), r);
    canonical.put(r.id(), SpendBuilder.build(recipe, group.group().xpub()));
    return r;
  }

  /** Where the validators find the requests. */
  InMemoryRequestSource source() {
    return source;
  }

  /** The chain with every request's coins. */
  InMemoryChainFacts chain() {
    return chain;
  }

  /** The request of {@code id}, or null. */
  SpendRequest byId(RequestId id) {
    return byId.get(id);
  }

  /** Every request, in identifier order. */
  Collection<SpendRequest> all() {
    return byId.values();
  }

  /** The one transaction that may be signed for {@code id}, or null for an unknown request. */
  UnsignedSpend canonical(RequestId id) {
    return canonical.get(id);
  }

  /** Whether the run bumps fees (the lifecycle switch): else only the canonical spend counts. */
  private boolean bumpsAllowed;

  /** Admits the fee bumps of every request ({@link #allowed}). */
  void allowBumps() {
    bumpsAllowed = true;
  }

  /** The most bumps a request may get in a run: more would mean the miner never mines. */
  static final int MAX_BUMPS = 8;

  private final Map<TxId, RequestId> requestOfTx = new java.util.HashMap<>();
  private final Map<TxId, UnsignedSpend> spendOfTx = new java.util.HashMap<>();
  private final Map<RequestId, Integer> generationsBuilt = new TreeMap<>();

  /**
   * The spend {@code tx} may be for {@code id}: the canonical one or one of its fee bumps ({@link
   * FeeBumps#request}, generations 1..{@link #MAX_BUMPS}, as far as they can be built within the
   * caps), or null if {@code tx} is neither.
   */
  UnsignedSpend allowed(RequestId id, TxId tx) {
    SpendRequest r = byId.get(id);
    if (r == null) {
      return null;
    }
    if (!bumpsAllowed) {
      UnsignedSpend c = canonical.get(id);
      return c.txid().equals(tx) ? c : null;
    }
    if (!generationsBuilt.containsKey(id)) {
      generationsBuilt.put(id, 0);
      register(id, canonical.get(id));
      for (int g = 1; g <= MAX_BUMPS; g++) {
        try {
          SpendRequest bumped =
              FeeBumps.request(r, g, group.group().xpub(), SigningSimulation.POLICY);
          register(id, SpendBuilder.build(bumped.recipe(), group.group().xpub()));
          generationsBuilt.put(id, g);
        } catch (dev.frostgate.bitcoin.spend.SpendException e) {
          break; // above a cap: no further generation exists
        }
      }
    }
    return id.equals(requestOfTx.get(tx)) ? spendOfTx.get(tx) : null;
  }

  private void register(RequestId id, UnsignedSpend u) {
    requestOfTx.put(u.txid(), id);
    spendOfTx.put(u.txid(), u);
  }

  /** The requests that must be signed once the network heals. */
  Set<RequestId> good() {
    return good;
  }

  /** Whether the policy must refuse {@code id}. */
  boolean mustNotSign(RequestId id) {
    return mustNotSign.contains(id);
  }
}
