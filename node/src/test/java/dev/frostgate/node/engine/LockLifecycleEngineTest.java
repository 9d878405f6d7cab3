package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.node.storage.SqliteJournal;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The spend-lock lifecycle and fee bumps in the engine, every validator on its own SQLite journal,
 * over a toy chain the test mines: a stuck transaction is bumped and the bump confirms and is
 * released; a buried conflict releases; an expired request releases at once where no share was made
 * and keeps its locks where one was. Checked throughout: every signed transaction of a request pays
 * its recipients, within the fee cap, and only the rule releases locks.
 */
class LockLifecycleEngineTest {
  static final LifecycleConfig CONFIG = new LifecycleConfig(6, 3);

  static EngineFixture fixture() {
    return new EngineFixture(5, 3, Optional.of(CONFIG));
  }

  /** Every validator released {@code coin}'s lock, for {@code reason}, and only by the rule. */
  static void assertAllReleased(EngineFixture f, SpendInput coin, LockTransition.Reason reason) {
    assertThat(transitions(f, LockTransition.Release.class))
        .hasSize(5)
        .allSatisfy(t -> assertThat(((LockTransition.Release) t).reason()).isEqualTo(reason));
    for (SqliteJournal j : f.journals.values()) {
      assertThat(j.lockedRequests()).isEmpty();
      assertThat(j.lock(coin.outpoint())).isEmpty();
    }
    checkReleasesByTheRuleOnly(f);
  }

  /** A request spending {@code coin}, run until it is signed once. */
  static SpendRequest signed(EngineFixture f, SpendInput coin) {
    SpendRequest r = f.request(coin.outpoint().txid.toString(), List.of(coin), 60_000, 1);
    f.runUntil(200);
    assertThat(signedTxs(f, r)).hasSize(1);
    return r;
  }

  static List<TxId> signedTxs(EngineFixture f, SpendRequest r) {
    return f.events(EngineEvent.RequestSigned.class).stream()
        .filter(e -> e.request().equals(r.id()))
        .map(EngineEvent.RequestSigned::txid)
        .distinct()
        .toList();
  }

  static List<LockTransition> transitions(EngineFixture f, Class<?> type) {
    return f.events(EngineEvent.LockTransitioned.class).stream()
        .map(EngineEvent.LockTransitioned::transition)
        .filter(type::isInstance)
        .toList();
  }

  /** Every signed transaction of r spends r's coins, pays r's recipients, and within the caps. */
  static void checkSigned(EngineFixture f, SpendRequest r) {
    UnsignedSpend original = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    long in = r.recipe().inputs().stream().mapToLong(i -> i.amount().getSat()).sum();
    for (EngineEvent.RequestSigned e : f.events(EngineEvent.RequestSigned.class)) {
      if (!e.request().equals(r.id())) {
        continue;
      }
      Transaction tx = Transaction.read(e.signedTx());
      assertThat(tx.txIn.stream().map(i -> i.outPoint).collect(Collectors.toSet()))
          .isEqualTo(original.tx().txIn.stream().map(i -> i.outPoint).collect(Collectors.toSet()));
      assertThat(tx.txOut.get(0)).isEqualTo(original.tx().txOut.get(0));
      long out = tx.txOut.stream().mapToLong(o -> o.amount.getSat()).sum();
      assertThat(in - out).isBetween(original.fee().getSat(), r.recipe().feeCap().getSat());
    }
  }

  /** Only the lifecycle releases: every journal's releases are the ones its engine reported. */
  static void checkReleasesByTheRuleOnly(EngineFixture f) {
    long reported = transitions(f, LockTransition.Release.class).size();
    long journaled =
        f.journals.values().stream()
            .flatMap(j -> j.transitions().stream())
            .filter(t -> t.kind() == dev.frostgate.node.storage.LockTransitionTable.Kind.RELEASE)
            .count();
    assertThat(journaled).isEqualTo(reported);
  }

  @Test
  void stuckTransactionIsBumpedAndTheBumpConfirmsAndIsReleased() {
    try (EngineFixture f = fixture()) {
      SpendInput coin = f.coin("stuck", 80_000, 1, 3);
      SpendRequest r = signed(f, coin);
      TxId original = signedTxs(f, r).get(0);
      assertThat(transitions(f, LockTransition.Track.class)).isNotEmpty();

      // Three blocks without it: every validator decides the bump; its leader proposes it.
      f.chain.advance(CONFIG.bumpAfterBlocks());
      f.runUntil(f.now + 400);
      List<TxId> txs = signedTxs(f, r);
      assertThat(txs).hasSize(2).startsWith(original);
      TxId bump = txs.get(1);
      assertThat(transitions(f, LockTransition.Bump.class)).hasSize(5);
      checkSigned(f, r);

      // The bump confirms and is buried: every validator releases.
      f.chain.mine(bump, List.of(coin.outpoint())).advance(CONFIG.burialDepth() - 1);
      f.runUntil(f.now + 100);
      assertAllReleased(f, coin, LockTransition.Reason.SPEND_BURIED);
      assertThat(transitions(f, LockTransition.Release.class))
          .allSatisfy(t -> assertThat(((LockTransition.Release) t).cause()).contains(bump));
    }
  }

  @Test
  void bumpAboveTheFeeCapIsNeverProposed() {
    try (EngineFixture f = fixture()) {
      SpendInput coin = f.coin("capped", 80_000, 1, 3);
      SpendRequest r = f.request("capped", List.of(coin), 60_000, 1);
      // The request's own fee is its cap: no replacement can pay more.
      long fee = SpendBuilder.build(r.recipe(), f.group.group().xpub()).fee().getSat();
      f.requests.add(
          new SpendRequest(
              r.id(),
              r.recipe().withFeeCap(new fr.acinq.bitcoin.Satoshi(fee)),
              r.createdAt(),
              r.expiresAt()));
      f.runUntil(200);
      assertThat(signedTxs(f, r)).hasSize(1);
      f.chain.advance(CONFIG.bumpAfterBlocks() * 3);
      f.runUntil(f.now + 600);
      assertThat(transitions(f, LockTransition.Bump.class)).isNotEmpty();
      assertThat(signedTxs(f, r)).hasSize(1);
      assertThat(f.events(EngineEvent.ShareSent.class).stream().map(EngineEvent.ShareSent::txid))
          .containsOnly(signedTxs(f, r).get(0));
    }
  }

  @Test
  void buriedConflictReleasesEveryLock() {
    try (EngineFixture f = fixture()) {
      SpendInput coin = f.coin("stolen", 80_000, 1, 3);
      SpendRequest r = signed(f, coin);
      TxId thief = new TxId("ee".repeat(32));
      f.chain.mine(thief, List.of(coin.outpoint())).advance(CONFIG.burialDepth() - 1);
      f.runUntil(f.now + 100);
      assertAllReleased(f, coin, LockTransition.Reason.CONFLICT_BURIED);
      assertThat(signedTxs(f, r)).hasSize(1);
    }
  }

  @Test
  void expiredRequestReleasesAtOnceWhereNoShareWasMadeAndKeepsItsLocksWhereOneWas() {
    try (EngineFixture f = fixture()) {
      SpendInput coin = f.coin("late", 80_000, 1, 3);
      SpendRequest signed = f.request("late", List.of(coin), 60_000, 1);
      f.requests.add(new SpendRequest(signed.id(), signed.recipe(), signed.createdAt(), 300));
      // Two validators other than the leader never commit: they make no share, yet learn of the
      // completion (and so know the request).
      Identifier leader =
          new dev.frostgate.engine.LeaderSchedule(f.group.group().validators(), 400)
              .leader(signed.id(), 0);
      List<Identifier> silent = new ArrayList<>();
      for (Identifier id : f.group.group().validators()) {
        if (!id.equals(leader) && silent.size() < 2) {
          silent.add(id);
          f.tamper.put(id, m -> m instanceof dev.frostgate.engine.Message.Commit ? null : m);
        }
      }
      f.runUntil(200);
      assertThat(signedTxs(f, signed)).hasSize(1);
      f.runUntil(f.now + 800);
      for (Identifier id : f.group.group().validators()) {
        SqliteJournal j = f.journals.get(id);
        if (silent.contains(id)) {
          assertThat(j.shareRows()).isEmpty();
          assertThat(j.lockedRequests()).isEmpty();
        } else {
          assertThat(j.shareRows()).isNotEmpty();
          assertThat(j.lockedRequests())
              .singleElement()
              .satisfies(l -> assertThat(l.shareSent()).isTrue());
          assertThat(j.lock(coin.outpoint())).isPresent();
        }
      }
      assertThat(transitions(f, LockTransition.Release.class))
          .hasSize(2)
          .allSatisfy(
              t ->
                  assertThat(((LockTransition.Release) t).reason())
                      .isEqualTo(LockTransition.Reason.EXPIRED_UNSHARED));
      checkReleasesByTheRuleOnly(f);
    }
  }

  /**
   * A bump proposed before the signers' own lifecycle says the transaction is stuck (a leader
   * pushing fees early, or one whose chain view is ahead) gets no commitment from anyone; a bump
   * that changes the recipients is refused once it is due.
   */
  @Test
  void bumpIsSignedOnlyWhenTheSignerDecidedItAndOnlyAsTheRequestBuildsIt() {
    try (EngineFixture f = fixture()) {
      SpendInput coin = f.coin("early", 80_000, 1, 3);
      SpendRequest r = signed(f, coin);
      int attempt = dev.frostgate.engine.signing.FeeBumps.attempt(1);
      Identifier leader =
          new dev.frostgate.engine.LeaderSchedule(f.group.group().validators(), 400)
              .leader(r.id(), attempt);
      UnsignedSpend bump =
          SpendBuilder.build(
              dev.frostgate.engine.signing.FeeBumps.request(
                      r,
                      1,
                      f.group.group().xpub(),
                      dev.frostgate.engine.PolicyConfig.defaults()
                          .withFeeCap(new fr.acinq.bitcoin.Satoshi(50_000)))
                  .recipe(),
              f.group.group().xpub());
      dev.frostgate.engine.Message.Proposal early =
          dev.frostgate.engine.Message.Proposal.of(r.id(), attempt, bump.bytes(), bump.sigHashes());
      int commitmentsBefore = f.events(EngineEvent.CommitmentIssued.class).size();
      for (Identifier to : f.group.group().validators()) {
        f.wire.add(new Object[] {leader, to, early});
      }
      f.deliverAll();
      assertThat(f.events(EngineEvent.CommitmentIssued.class)).hasSize(commitmentsBefore);

      // Once due, a replacement paying someone else is refused by every signer's own rebuild.
      UnsignedSpend other =
          SpendBuilder.build(
              f.request("other", List.of(coin), 60_000, 2)
                  .recipe()
                  .withFeeRate(bump.recipe().feeRate()),
              f.group.group().xpub());
      dev.frostgate.engine.Message.Proposal changed =
          dev.frostgate.engine.Message.Proposal.of(
              r.id(), attempt, other.bytes(), other.sigHashes());
      f.chain.advance(CONFIG.bumpAfterBlocks());
      f.tickAll();
      f.wire.clear();
      int refusedBefore = f.events(EngineEvent.Refused.class).size();
      for (Identifier to : f.group.group().validators()) {
        if (!to.equals(leader)) {
          f.wire.add(new Object[] {leader, to, changed});
        }
      }
      f.deliverAll();
      assertThat(f.events(EngineEvent.Refused.class).size() - refusedBefore).isEqualTo(4);
      assertThat(signedTxs(f, r)).hasSize(1);
    }
  }
}
