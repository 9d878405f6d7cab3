package dev.frostgate.engine.spendlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.SpendProposal.Recipient;
import dev.frostgate.engine.spendlock.SpendVerdict.Approve;
import dev.frostgate.engine.spendlock.SpendVerdict.Kind;
import dev.frostgate.engine.spendlock.SpendVerdict.Reason;
import dev.frostgate.engine.spendlock.SpendVerdict.Reject;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spend-lock rule on its own: no journal, no database. */
class SpendLockRuleTest {
  static final long CAP = 50_000;
  static final Satoshi FEE_CAP = new Satoshi(CAP);
  static final OutPoint A = new OutPoint(new TxId("aa".repeat(32)), 0);
  static final OutPoint B = new OutPoint(new TxId("aa".repeat(32)), 1);
  static final OutPoint C = new OutPoint(new TxId("cc".repeat(32)), 0);
  static final OutPoint D = new OutPoint(new TxId("dd".repeat(32)), 7);
  static final RequestId REQ1 = new RequestId("request-1");
  static final RequestId REQ2 = new RequestId("request-2");
  static final List<Recipient> ALICE =
      List.of(new Recipient(new ByteVector("5120" + "11".repeat(32)), new Satoshi(100_000)));
  static final List<Recipient> MALLORY =
      List.of(new Recipient(new ByteVector("5120" + "66".repeat(32)), new Satoshi(100_000)));

  static SpendProposal tx(int n, RequestId req, List<OutPoint> in, List<Recipient> to, long fee) {
    return new SpendProposal(req, new TxId(String.format("%064x", n)), in, to, new Satoshi(fee));
  }

  static List<SpendLock> signed(SpendProposal... txs) {
    List<SpendLock> out = new ArrayList<>();
    for (SpendProposal t : txs) {
      out.addAll(t.locks());
    }
    return out;
  }

  static Reason rejection(SpendVerdict v) {
    assertThat(v).isInstanceOf(Reject.class);
    return ((Reject) v).reason();
  }

  static Kind approval(SpendVerdict v) {
    assertThat(v).isInstanceOf(Approve.class);
    return ((Approve) v).kind();
  }

  final SpendProposal first = tx(1, REQ1, List.of(A, B), ALICE, 1_000);

  @Test
  void newSpendApprovedWithItsLocks() {
    SpendVerdict v = SpendLockRule.maySign(List.of(), first, FEE_CAP);
    assertThat(approval(v)).isEqualTo(Kind.NEW);
    assertThat(((Approve) v).newLocks()).hasSize(2).allMatch(l -> l.request().equals(REQ1));
  }

  @Test
  void conflictingSpendOfOtherRequestRejected() {
    SpendProposal other = tx(2, REQ2, List.of(C, B), ALICE, 1_000);
    assertThat(rejection(SpendLockRule.maySign(signed(first), other, FEE_CAP)))
        .isEqualTo(Reason.CONFLICTING_SPEND);
    // Disjoint outpoints of another request are fine.
    assertThat(
            approval(
                SpendLockRule.maySign(signed(first), tx(3, REQ2, List.of(C), ALICE, 5), FEE_CAP)))
        .isEqualTo(Kind.NEW);
  }

  @Test
  void sameTransactionApprovedAgainWithoutNewLocks() {
    SpendVerdict v = SpendLockRule.maySign(signed(first), first, FEE_CAP);
    assertThat(approval(v)).isEqualTo(Kind.SAME_TRANSACTION);
    assertThat(((Approve) v).newLocks()).isEmpty();
  }

  @Test
  void feeBumpOfSameRequestWithinCapApproved() {
    SpendProposal bump = tx(2, REQ1, List.of(A, B), ALICE, 2_000);
    assertThat(approval(SpendLockRule.maySign(signed(first), bump, FEE_CAP)))
        .isEqualTo(Kind.FEE_BUMP);
    // A bump may add an input, as long as it conflicts with every earlier version.
    SpendProposal bump2 = tx(3, REQ1, List.of(B, C), ALICE, 3_000);
    assertThat(approval(SpendLockRule.maySign(signed(first, bump), bump2, FEE_CAP)))
        .isEqualTo(Kind.FEE_BUMP);
    // Exactly at the cap is within it.
    assertThat(
            approval(
                SpendLockRule.maySign(signed(first), tx(4, REQ1, List.of(A), ALICE, CAP), FEE_CAP)))
        .isEqualTo(Kind.FEE_BUMP);
  }

  @Test
  void feeBumpAboveCapRejected() {
    SpendProposal bump = tx(2, REQ1, List.of(A, B), ALICE, CAP + 1);
    assertThat(rejection(SpendLockRule.maySign(signed(first), bump, FEE_CAP)))
        .isEqualTo(Reason.FEE_ABOVE_CAP);
  }

  @Test
  void feeBumpWithDifferentRecipientsRejected() {
    SpendProposal bump = tx(2, REQ1, List.of(A, B), MALLORY, 2_000);
    assertThat(rejection(SpendLockRule.maySign(signed(first), bump, FEE_CAP)))
        .isEqualTo(Reason.RECIPIENTS_CHANGED);
    // Same recipients listed in another order are the same recipients.
    List<Recipient> two =
        List.of(
            ALICE.get(0), new Recipient(new ByteVector("0014" + "22".repeat(20)), new Satoshi(5)));
    SpendProposal a = tx(5, REQ2, List.of(D), two, 100);
    SpendProposal b = tx(6, REQ2, List.of(D), List.of(two.get(1), two.get(0)), 200);
    assertThat(approval(SpendLockRule.maySign(signed(a), b, FEE_CAP))).isEqualTo(Kind.FEE_BUMP);
  }

  @Test
  void replacementMustPayMoreFee() {
    SpendProposal same = tx(2, REQ1, List.of(A, B), ALICE, 1_000);
    assertThat(rejection(SpendLockRule.maySign(signed(first), same, FEE_CAP)))
        .isEqualTo(Reason.FEE_NOT_HIGHER);
  }

  @Test
  void secondTransactionOfSameRequestMustConflictWithEveryEarlierOne() {
    // Disjoint inputs: both could confirm and pay the request twice.
    SpendProposal twice = tx(2, REQ1, List.of(C), ALICE, 2_000);
    assertThat(rejection(SpendLockRule.maySign(signed(first), twice, FEE_CAP)))
        .isEqualTo(Reason.NOT_A_REPLACEMENT);
    // {A,B} then {B,C}: a third {C,D} conflicts with the second but not the first.
    SpendProposal bump = tx(3, REQ1, List.of(B, C), ALICE, 2_000);
    SpendProposal third = tx(4, REQ1, List.of(C, D), ALICE, 3_000);
    assertThat(rejection(SpendLockRule.maySign(signed(first, bump), third, FEE_CAP)))
        .isEqualTo(Reason.NOT_A_REPLACEMENT);
  }

  @Test
  void feeAboveCapRejectedForNewSpendToo() {
    assertThat(
            rejection(
                SpendLockRule.maySign(List.of(), tx(9, REQ2, List.of(D), ALICE, CAP + 1), FEE_CAP)))
        .isEqualTo(Reason.FEE_ABOVE_CAP);
  }
}
