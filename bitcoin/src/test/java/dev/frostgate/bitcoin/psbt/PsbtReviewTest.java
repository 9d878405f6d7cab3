package dev.frostgate.bitcoin.psbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsbtReviewTest {
  static final DkgGroup G = DkgGroup.get();

  @Test
  void recomputesSighashesKeysFeeAndChangeFromThePsbtAlone() {
    UnsignedSpend u = SpendPsbtTest.spend();
    PsbtReview r = PsbtReview.of(SpendPsbt.parse(SpendPsbt.serialize(SpendPsbt.export(u))), G.xpub);
    assertThat(r.txid()).isEqualTo(u.txid());
    assertThat(r.sigHashes()).containsExactlyElementsOf(u.sigHashes());
    assertThat(r.inputs().stream().map(PsbtReview.ReviewedInput::key).toList())
        .isEqualTo(u.inputKeys());
    assertThat(r.fee()).isEqualTo(u.fee());
    assertThat(r.vsize()).isEqualTo(u.vsize());
    int change = u.changeOutput().getAsInt();
    assertThat(r.outputs().get(change).own()).contains(InputKey.of(G.xpub, Branch.CHANGE, 9));
    assertThat(r.outputs().get(change).address()).isEqualTo(G.xpub.changeAddress(9));
    assertThat(r.change()).isEqualTo(u.change());
    // The recipient is a deposit address of the group, but nothing claims it: not change.
    assertThat(r.outputs().get(0).own()).isEmpty();
    assertThat(r.outputs().get(0).address()).isEqualTo(G.xpub.depositAddress(100_000));
  }

  @Test
  void anInputWhoseCoinIsNotTheKeyItsDerivationNamesIsRefused() {
    UnsignedSpend u = SpendPsbtTest.spend();
    List<TxOut> spent = new ArrayList<>(u.spentOutputs());
    TxOut other = spent.get(1);
    // The coin of input 1 pays to deposit 77, but the PSBT says m/0/<its index>.
    spent.set(
        1,
        new TxOut(
            other.amount, new ByteVector(InputKey.of(G.xpub, Branch.DEPOSIT, 77).scriptPubKey())));
    UnsignedSpend lying =
        new UnsignedSpend(
            u.recipe(),
            u.xpub(),
            u.tx(),
            u.inputs(),
            spent,
            u.inputKeys(),
            u.fee(),
            u.weight(),
            u.changeOutput());
    SpendPsbtTest.fails(
        PsbtException.Reason.MISMATCH, () -> PsbtReview.of(SpendPsbt.export(lying), G.xpub));
  }

  @Test
  void anOutputClaimingAGroupKeyItDoesNotPayToIsRefused() {
    UnsignedSpend u = SpendPsbtTest.spend();
    SpendRecipe r = u.recipe();
    // The PSBT's change derivation says m/1/10; the output pays to m/1/9.
    UnsignedSpend lying =
        new UnsignedSpend(
            new SpendRecipe(
                r.inputs(), r.outputs(), r.feeRate(), ChangePolicy.toIndex(10), r.feeCap()),
            u.xpub(),
            u.tx(),
            u.inputs(),
            u.spentOutputs(),
            u.inputKeys(),
            u.fee(),
            u.weight(),
            u.changeOutput());
    SpendPsbtTest.fails(
        PsbtException.Reason.MISMATCH, () -> PsbtReview.of(SpendPsbt.export(lying), G.xpub));
  }

  @Test
  void aPsbtOfAnotherGroupIsRefused() {
    UnsignedSpend u = SpendPsbtTest.spend();
    SpendPsbtTest.fails(
        PsbtException.Reason.MISSING_DATA,
        () -> PsbtReview.of(SpendPsbt.export(u), DkgGroup.fresh().xpub));
  }
}
