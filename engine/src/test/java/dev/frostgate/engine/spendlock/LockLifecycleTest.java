package dev.frostgate.engine.spendlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition.Reason;
import dev.frostgate.engine.spendlock.SpendProposal.Recipient;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The lifecycle rule on its own: a toy chain, no journal. */
class LockLifecycleTest {
  static final OutPoint A = new OutPoint(new TxId("aa".repeat(32)), 0);
  static final OutPoint B = new OutPoint(new TxId("bb".repeat(32)), 1);
  static final RequestId REQ = new RequestId("request-1");
  static final List<Recipient> ALICE =
      List.of(new Recipient(new ByteVector("5120" + "11".repeat(32)), new Satoshi(100_000)));
  static final LifecycleConfig CONFIG = new LifecycleConfig(6, 3);
  static final long EXPIRES = 1_000;

  static SpendProposal tx(int n, long fee) {
    return new SpendProposal(
        REQ, new TxId(String.format("%064x", n)), List.of(A, B), ALICE, new Satoshi(fee));
  }

  final SpendProposal first = tx(1, 1_000);
  final SpendProposal bump = tx(2, 2_000);
  final TxId thief = new TxId("ee".repeat(32));
  final InMemoryChainFacts chain = new InMemoryChainFacts().advance(100);

  static LockedRequest locked(
      boolean shareSent,
      Optional<TxId> signed,
      Optional<LockedRequest.Watch> watch,
      SpendProposal... txs) {
    List<SpendLock> locks = new ArrayList<>();
    for (SpendProposal t : txs) {
      locks.addAll(t.locks());
    }
    return new LockedRequest(
        REQ, locks, shareSent, OptionalLong.of(EXPIRES), signed, 0, watch, List.of());
  }

  LockedRequest signedFirst(long since) {
    return locked(
        true,
        Optional.of(first.tx()),
        Optional.of(new LockedRequest.Watch(first.tx(), since)),
        first);
  }

  static Optional<Reason> released(LockTransition t) {
    return t instanceof LockTransition.Release r ? Optional.of(r.reason()) : Optional.empty();
  }

  @Test
  void ourSpendBuriedAtTheDepthReleases() {
    chain.mine(first.tx(), List.of(A, B)).advance(4);
    assertThat(LockLifecycle.decide(signedFirst(100), chain, 0, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
    chain.advance(1);
    LockTransition t = LockLifecycle.decide(signedFirst(100), chain, 0, CONFIG);
    assertThat(released(t)).contains(Reason.SPEND_BURIED);
    assertThat(((LockTransition.Release) t).cause()).contains(first.tx());
  }

  @Test
  void anEarlierTransactionOfTheRequestBuriedReleasesToo() {
    // The original confirmed although its bump was signed: still the request's own spend.
    chain.mine(first.tx(), List.of(A, B)).advance(5);
    LockedRequest r = locked(true, Optional.of(bump.tx()), Optional.empty(), first, bump);
    assertThat(released(LockLifecycle.decide(r, chain, 0, CONFIG))).contains(Reason.SPEND_BURIED);
  }

  @Test
  void conflictingSpendBuriedReleases() {
    chain.mine(thief, List.of(B)).advance(4);
    LockTransition shallow = LockLifecycle.decide(signedFirst(100), chain, 0, CONFIG);
    assertThat(shallow).isInstanceOf(LockTransition.Keep.class);
    chain.advance(1);
    LockTransition t = LockLifecycle.decide(signedFirst(100), chain, 0, CONFIG);
    assertThat(released(t)).contains(Reason.CONFLICT_BURIED);
    assertThat(((LockTransition.Release) t).cause()).contains(thief);
  }

  @Test
  void aValidatorWithoutLocksWatchesTheRequestsCoinsForAConflict() {
    // It learned of the completion only: no lock, but the request's inputs from its own view.
    LockedRequest r =
        new LockedRequest(
                REQ,
                List.of(),
                false,
                OptionalLong.empty(),
                Optional.of(first.tx()),
                0,
                Optional.of(new LockedRequest.Watch(first.tx(), 100)),
                List.of())
            .withRequest(EXPIRES, List.of(A, B));
    chain.mine(thief, List.of(B)).advance(2);
    assertThat(LockLifecycle.decide(r, chain, 0, CONFIG)).isInstanceOf(LockTransition.Keep.class);
    chain.advance(3);
    assertThat(released(LockLifecycle.decide(r, chain, 0, CONFIG)))
        .contains(Reason.CONFLICT_BURIED);
  }

  @Test
  void expiredWithoutAShareReleasesAtOnce() {
    LockedRequest r = locked(false, Optional.empty(), Optional.empty(), first);
    assertThat(LockLifecycle.decide(r, chain, EXPIRES, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
    assertThat(released(LockLifecycle.decide(r, chain, EXPIRES + 1, CONFIG)))
        .contains(Reason.EXPIRED_UNSHARED);
  }

  @Test
  void anUnknownExpiryNeverCountsAsExpired() {
    LockedRequest r =
        new LockedRequest(
            REQ,
            first.locks(),
            false,
            OptionalLong.empty(),
            Optional.empty(),
            0,
            Optional.empty(),
            List.of());
    assertThat(LockLifecycle.decide(r, chain, Long.MAX_VALUE, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
  }

  @Test
  void expiredWithAShareSentKeepsItsLocksUntilBurial() {
    LockedRequest r = locked(true, Optional.empty(), Optional.empty(), first);
    chain.advance(50);
    assertThat(LockLifecycle.decide(r, chain, EXPIRES + 1_000_000, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
    chain.mine(first.tx(), List.of(A, B)).advance(5);
    assertThat(released(LockLifecycle.decide(r, chain, EXPIRES + 1_000_000, CONFIG)))
        .contains(Reason.SPEND_BURIED);
  }

  @Test
  void aSignedRequestIsTrackedThenBumpedAfterTheConfiguredBlocks() {
    LockedRequest untracked = locked(true, Optional.of(first.tx()), Optional.empty(), first);
    assertThat(LockLifecycle.decide(untracked, chain, 0, CONFIG))
        .isEqualTo(new LockTransition.Track(REQ, first.tx(), 100));
    chain.advance(2);
    assertThat(LockLifecycle.decide(signedFirst(100), chain, 0, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
    chain.advance(1);
    assertThat(LockLifecycle.decide(signedFirst(100), chain, 0, CONFIG))
        .isEqualTo(new LockTransition.Bump(REQ, first.tx(), 100, 103));
  }

  @Test
  void aBumpIsTrackedAfreshFromItsOwnHeight() {
    // The watch still names the stuck original: the bump starts its own count.
    LockedRequest r =
        locked(
            true,
            Optional.of(bump.tx()),
            Optional.of(new LockedRequest.Watch(first.tx(), 90)),
            first,
            bump);
    assertThat(LockLifecycle.decide(r, chain, 0, CONFIG))
        .isEqualTo(new LockTransition.Track(REQ, bump.tx(), 100));
  }

  @Test
  void noBumpOnceExpiredNorWhileMinedNorWhileAConflictIsMined() {
    assertThat(LockLifecycle.decide(signedFirst(0), chain, EXPIRES + 1, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
    InMemoryChainFacts mined = new InMemoryChainFacts().advance(100).mine(first.tx(), List.of(A));
    assertThat(LockLifecycle.decide(signedFirst(0), mined, 0, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
    InMemoryChainFacts conflict = new InMemoryChainFacts().advance(100).mine(thief, List.of(A));
    assertThat(LockLifecycle.decide(signedFirst(0), conflict, 0, CONFIG))
        .isInstanceOf(LockTransition.Keep.class);
  }

  @Test
  void anUnsignedRequestIsNeverBumped() {
    LockedRequest r = locked(true, Optional.empty(), Optional.empty(), first);
    chain.advance(1_000);
    assertThat(LockLifecycle.decide(r, chain, 0, CONFIG)).isInstanceOf(LockTransition.Keep.class);
  }

  /** Shares out and no buried spend: whatever the clock and the chain, the locks stay. */
  @Property
  void sharedLocksStayUntilASpendIsBuried(
      @ForAll @IntRange(min = 0, max = 5) int ourDepth,
      @ForAll @IntRange(min = 0, max = 5) int conflictDepth,
      @ForAll @IntRange(min = 0, max = 100) int extraBlocks,
      @ForAll long now,
      @ForAll boolean signed) {
    InMemoryChainFacts c = new InMemoryChainFacts().advance(10);
    if (ourDepth > 0) {
      c.mine(first.tx(), List.of(A)).advance(ourDepth - 1);
    }
    if (conflictDepth > 0) {
      c.mine(thief, List.of(B)).advance(conflictDepth - 1);
    }
    c.advance(extraBlocks);
    LockedRequest r =
        locked(true, signed ? Optional.of(first.tx()) : Optional.empty(), Optional.empty(), first);
    int deepest = Math.max(c.confirmations(first.tx()), c.confirmations(thief));
    assertThat(released(LockLifecycle.decide(r, c, now, CONFIG)).isPresent())
        .isEqualTo(deepest >= CONFIG.burialDepth());
  }

  @Test
  void configRejectsNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LifecycleConfig(0, 3))
        .hasMessageContaining("burial depth");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LifecycleConfig(6, 0))
        .hasMessageContaining("bump-after");
  }
}
