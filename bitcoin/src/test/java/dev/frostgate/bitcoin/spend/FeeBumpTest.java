package dev.frostgate.bitcoin.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.SpendException.Reason;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import dev.frostgate.testkit.bitcoin.InProcessSpendSigning;
import fr.acinq.bitcoin.Satoshi;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FeeBumpTest {
  static final DkgGroup G = DkgGroup.get();
  static final String RECIPIENT = G.xpub.depositAddress(100_000);

  static UnsignedSpend original(long feeCap) {
    return SpendBuilder.build(
        new SpendRecipe(
            DkgGroup.depositCoins(3, 100_000),
            List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(150_000))),
            FeeRate.satPerVb(2),
            ChangePolicy.toIndex(3),
            new Satoshi(feeCap)),
        G.xpub);
  }

  static void fails(Reason reason, ThrowingCallable c) {
    assertThatThrownBy(c)
        .isInstanceOf(SpendException.class)
        .satisfies(e -> assertThat(((SpendException) e).reason()).isEqualTo(reason));
  }

  @Test
  void bumpChangesOnlyChangeAndFee() {
    UnsignedSpend a = original(10_000);
    UnsignedSpend b = FeeBump.bump(a, FeeRate.satPerVb(10), new Satoshi(10_000));
    assertThat(b.tx().txIn).isEqualTo(a.tx().txIn);
    assertThat(b.tx().txOut.get(0)).isEqualTo(a.tx().txOut.get(0));
    assertThat(b.tx().txOut.get(1).publicKeyScript).isEqualTo(a.tx().txOut.get(1).publicKeyScript);
    assertThat(b.fee().getSat()).isGreaterThanOrEqualTo(a.fee().getSat() + b.vsize());
    assertThat(b.change().getSat())
        .isEqualTo(a.change().getSat() - (b.fee().getSat() - a.fee().getSat()));
    assertThat(b.txid()).isNotEqualTo(a.txid());
    // signs and validates like any spend
    SignedSpend s = InProcessSpendSigning.sign(b, G.rawPublic, G.signers(), DkgGroup.RND);
    assertThat(s.vsize()).isEqualTo(b.vsize());
  }

  @Test
  void bip125MinimumIsEnforced() {
    UnsignedSpend a = original(10_000); // 2 sat/vB
    // 3 sat/vB pays +1 sat/vB: exactly the incremental relay fee, accepted.
    assertThat(FeeBump.minimumRate(a)).isEqualTo(FeeRate.satPerVb(3));
    FeeBump.bump(a, FeeRate.satPerVb(3), new Satoshi(10_000));
    // 2.5 sat/vB is a higher rate but not original fee + 1 sat/vB · vsize.
    fails(
        Reason.INVALID_REPLACEMENT,
        () -> FeeBump.bump(a, FeeRate.satPerKvb(2_500), new Satoshi(10_000)));
    fails(
        Reason.INVALID_REPLACEMENT,
        () -> FeeBump.bump(a, FeeRate.satPerVb(2), new Satoshi(10_000)));
    fails(
        Reason.INVALID_REPLACEMENT,
        () -> FeeBump.bump(a, FeeRate.satPerVb(1), new Satoshi(10_000)));
  }

  @Test
  void feeCapIsEnforced() {
    UnsignedSpend a = original(10_000);
    fails(
        Reason.FEE_CAP_EXCEEDED, () -> FeeBump.bump(a, FeeRate.satPerVb(50), new Satoshi(10_000)));
    assertThat(FeeBump.bump(a, FeeRate.satPerVb(50), new Satoshi(20_000)).fee().getSat())
        .isLessThanOrEqualTo(20_000);
  }

  @Test
  void changedRecipientsOrInputsAreRejected() {
    UnsignedSpend a = original(10_000);
    UnsignedSpend otherRecipient =
        SpendBuilder.build(
            a.recipe().withFeeRate(FeeRate.satPerVb(10)).withFeeCap(new Satoshi(10_000)), G.xpub);
    FeeBump.checkReplacement(a, otherRecipient); // same recipe at a higher rate: fine
    UnsignedSpend moreToRecipient =
        SpendBuilder.build(
            new SpendRecipe(
                a.recipe().inputs(),
                List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(150_001))),
                FeeRate.satPerVb(10),
                a.recipe().change(),
                new Satoshi(10_000)),
            G.xpub);
    fails(Reason.INVALID_REPLACEMENT, () -> FeeBump.checkReplacement(a, moreToRecipient));
    UnsignedSpend fewerInputs =
        SpendBuilder.build(
            new SpendRecipe(
                a.recipe().inputs().subList(0, 2),
                a.recipe().outputs(),
                FeeRate.satPerVb(10),
                a.recipe().change(),
                new Satoshi(10_000)),
            G.xpub);
    fails(Reason.INVALID_REPLACEMENT, () -> FeeBump.checkReplacement(a, fewerInputs));
  }

  @Test
  void changeExhaustedIsInsufficientFunds() {
    UnsignedSpend a = original(10_000_000);
    // 150,000 sat of change cannot pay 1,000 sat/vB for ~270 vB.
    fails(
        Reason.INSUFFICIENT_FUNDS,
        () -> FeeBump.bump(a, FeeRate.satPerVb(1_000), new Satoshi(10_000_000)));
  }
}
