package dev.frostgate.bitcoin.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.spend.SpendException.Reason;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SpendBuilderTest {
  static final ThresholdXpub XPUB = DkgGroup.get().xpub;
  static final String RECIPIENT = XPUB.depositAddress(100_000);
  static final FeeRate RATE = FeeRate.satPerVb(5);
  static final long CAP = 1_000_000;

  static SpendRecipe recipe(List<SpendInput> in, List<SpendOutput> out) {
    return new SpendRecipe(in, out, RATE, ChangePolicy.toIndex(7), new Satoshi(CAP));
  }

  static SpendRecipe simple() {
    return recipe(
        DkgGroup.depositCoins(3, 100_000),
        List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(150_000))));
  }

  @Test
  void layoutIsFixed() {
    UnsignedSpend s = SpendBuilder.build(simple(), XPUB);
    Transaction tx = s.tx();
    assertThat(tx.version).isEqualTo(2);
    assertThat(tx.lockTime).isZero();
    assertThat(tx.txIn).allSatisfy(i -> assertThat(i.sequence).isEqualTo(0xfffffffdL));
    List<String> keys = new ArrayList<>();
    for (TxIn i : tx.txIn) {
      keys.add(i.outPoint.txid.value.toHex() + ":" + i.outPoint.index);
    }
    assertThat(keys).isSorted();
    // Each spent script is the input's own derivation, and its key comes with it.
    for (int i = 0; i < s.inputs().size(); i++) {
      SpendInput in = s.inputs().get(i);
      assertThat(s.spentOutputs().get(i).publicKeyScript.toByteArray())
          .isEqualTo(in.branch().output(XPUB, in.index()).scriptPubKey());
      assertThat(s.inputKeys().get(i)).isEqualTo(InputKey.of(XPUB, in.branch(), in.index()));
    }
    assertThat(tx.txOut).hasSize(2);
    assertThat(tx.txOut.get(0).amount.getSat()).isEqualTo(150_000);
    assertThat(tx.txOut.get(1).publicKeyScript.toByteArray())
        .isEqualTo(XPUB.changeOutput(7).scriptPubKey());
    assertThat(s.changeOutput()).hasValue(1);
    assertThat(s.fee().getSat() + 150_000 + s.change().getSat()).isEqualTo(300_000);
    assertThat(s.fee().getSat()).isEqualTo(RATE.feeFor(s.vsize()));
    // 3 key-path inputs, 2 P2TR outputs: 10.5 + 3·57.5 + 2·43 vB
    assertThat(s.vsize()).isEqualTo(269);
  }

  @Test
  void deterministicWhateverTheInputOrder() {
    SpendRecipe r = simple();
    byte[] a = SpendBuilder.build(r, XPUB).bytes();
    byte[] b = SpendBuilder.build(r, XPUB).bytes();
    List<SpendInput> shuffled = new ArrayList<>(r.inputs());
    Collections.shuffle(shuffled, new Random(1));
    byte[] c = SpendBuilder.build(recipe(shuffled, r.outputs()), XPUB).bytes();
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a);
  }

  @Test
  void recipientsKeepRequestOrderThenChange() {
    String r2 = XPUB.depositAddress(100_001);
    UnsignedSpend s =
        SpendBuilder.build(
            recipe(
                DkgGroup.depositCoins(2, 100_000),
                List.of(
                    SpendOutput.toAddress(r2, new Satoshi(20_000)),
                    SpendOutput.toAddress(RECIPIENT, new Satoshi(10_000)),
                    SpendOutput.toScript(
                        XPUB.depositOutput(5).scriptPubKey(), new Satoshi(30_000)))),
            XPUB);
    assertThat(s.tx().txOut.stream().map(o -> o.amount.getSat()).toList().subList(0, 3))
        .containsExactly(20_000L, 10_000L, 30_000L);
    assertThat(s.changeOutput()).hasValue(3);
  }

  @Test
  void changeBelowDustGoesToFee() {
    List<SpendInput> in = DkgGroup.depositCoins(1, 100_000);
    // 1 input, 1 output: 111 vB → 555 sat at 5 sat/vB; with change: 154 vB → 770 sat.
    long pay = 100_000 - 770 - 329; // change would be 329 sat: dust
    UnsignedSpend s =
        SpendBuilder.build(
            recipe(in, List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(pay)))), XPUB);
    assertThat(s.changeOutput()).isEmpty();
    assertThat(s.tx().txOut).hasSize(1);
    assertThat(s.fee().getSat()).isEqualTo(100_000 - pay);
    UnsignedSpend t =
        SpendBuilder.build(
            recipe(in, List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(pay - 1)))), XPUB);
    assertThat(t.change().getSat()).isEqualTo(330);
  }

  @Test
  void weightFormulaMatchesSerializedSizes() {
    for (int n : new int[] {1, 2, 252, 253, 500}) {
      UnsignedSpend s =
          SpendBuilder.build(
              new SpendRecipe(
                  DkgGroup.depositCoins(n, 10_000),
                  List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(5_000))),
                  FeeRate.satPerVb(1),
                  ChangePolicy.toIndex(0),
                  new Satoshi(CAP)),
              XPUB);
      assertThat(4L * s.bytes().length + 2 + 66L * n).as("%d inputs", n).isEqualTo(s.weight());
    }
  }

  @Test
  void dustThresholdsMatchBitcoinCore() {
    HexFormat h = HexFormat.of();
    assertThat(StandardOutputs.dustThreshold(XPUB.depositOutput(0).scriptPubKey())).isEqualTo(330);
    assertThat(StandardOutputs.dustThreshold(h.parseHex("0014" + "11".repeat(20)))).isEqualTo(294);
    assertThat(StandardOutputs.dustThreshold(h.parseHex("76a914" + "11".repeat(20) + "88ac")))
        .isEqualTo(546);
    assertThat(StandardOutputs.dustThreshold(h.parseHex("a914" + "11".repeat(20) + "87")))
        .isEqualTo(540);
  }

  // ---- bad input: each gives its typed error ----

  static void fails(Reason reason, ThrowingCallable c) {
    assertThatThrownBy(c)
        .isInstanceOf(SpendException.class)
        .satisfies(e -> assertThat(((SpendException) e).reason()).isEqualTo(reason));
  }

  static ThrowingCallable build(List<SpendInput> in, List<SpendOutput> out) {
    return () -> SpendBuilder.build(recipe(in, out), XPUB);
  }

  static final List<SpendInput> COINS = DkgGroup.depositCoins(2, 100_000);

  static List<SpendOutput> pay(long sat) {
    return List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(sat)));
  }

  @Test
  void rejectsEmptyRecipes() {
    fails(Reason.NO_INPUTS, build(List.of(), pay(1000)));
    fails(Reason.NO_OUTPUTS, build(COINS, List.of()));
  }

  @Test
  void rejectsDuplicateAndInvalidInputs() {
    fails(Reason.DUPLICATE_INPUT, build(List.of(COINS.get(0), COINS.get(0)), pay(1000)));
    fails(
        Reason.INVALID_INPUT,
        () -> SpendInput.of(new TxId(DkgGroup.txid(0)), -1, new Satoshi(1000), Branch.DEPOSIT, 0));
    fails(
        Reason.INVALID_INPUT,
        build(
            List.of(
                SpendInput.of(
                    new TxId(DkgGroup.txid(9)), 0, new Satoshi(1000), Branch.DEPOSIT, 1L << 31)),
            pay(500)));
  }

  @Test
  void rejectsBadAmounts() {
    fails(
        Reason.NEGATIVE_AMOUNT,
        build(
            List.of(
                SpendInput.of(new TxId(DkgGroup.txid(9)), 0, new Satoshi(-5), Branch.DEPOSIT, 0)),
            pay(1000)));
    fails(Reason.NEGATIVE_AMOUNT, build(COINS, pay(-1)));
    fails(
        Reason.AMOUNT_OVERFLOW,
        build(
            List.of(
                SpendInput.of(
                    new TxId(DkgGroup.txid(9)),
                    0,
                    new Satoshi(Amounts.MAX_MONEY + 1),
                    Branch.DEPOSIT,
                    0)),
            pay(1000)));
    fails(Reason.AMOUNT_OVERFLOW, build(COINS, pay(Long.MAX_VALUE)));
    // Two coins of 20M BTC each: each in range, the sum is not.
    fails(
        Reason.AMOUNT_OVERFLOW,
        build(
            List.of(
                SpendInput.of(
                    new TxId(DkgGroup.txid(8)),
                    0,
                    new Satoshi(20_000_000L * 100_000_000L),
                    Branch.DEPOSIT,
                    0),
                SpendInput.of(
                    new TxId(DkgGroup.txid(9)),
                    0,
                    new Satoshi(20_000_000L * 100_000_000L),
                    Branch.DEPOSIT,
                    1)),
            pay(1000)));
    fails(Reason.INSUFFICIENT_FUNDS, build(COINS, pay(200_001)));
    fails(Reason.INSUFFICIENT_FUNDS, build(COINS, pay(199_900)));
  }

  @Test
  void rejectsBadAddressesAndScripts() {
    String mainnet = XPUB.depositOutput(3).address(Network.MAINNET);
    String testnet = XPUB.depositOutput(3).address(Network.TESTNET);
    fails(
        Reason.WRONG_NETWORK,
        build(COINS, List.of(SpendOutput.toAddress(mainnet, new Satoshi(10_000)))));
    fails(
        Reason.WRONG_NETWORK,
        build(COINS, List.of(SpendOutput.toAddress(testnet, new Satoshi(10_000)))));
    String broken =
        RECIPIENT.substring(0, RECIPIENT.length() - 1) + (RECIPIENT.endsWith("q") ? "p" : "q");
    fails(
        Reason.INVALID_ADDRESS,
        build(COINS, List.of(SpendOutput.toAddress(broken, new Satoshi(10_000)))));
    fails(
        Reason.INVALID_ADDRESS,
        build(COINS, List.of(SpendOutput.toAddress("not an address", new Satoshi(10_000)))));
    fails(
        Reason.NONSTANDARD_SCRIPT,
        build(COINS, List.of(SpendOutput.toScript(new byte[] {0x51}, new Satoshi(10_000)))));
  }

  @Test
  void rejectsDustAndTooManyOutputs() {
    fails(Reason.DUST_OUTPUT, build(COINS, pay(329)));
    fails(Reason.DUST_OUTPUT, build(COINS, pay(0)));
    List<SpendOutput> many = new ArrayList<>();
    for (int i = 0; i < SpendBuilder.MAX_OUTPUTS; i++) {
      many.add(SpendOutput.toAddress(RECIPIENT, new Satoshi(1000)));
    }
    fails(Reason.TOO_MANY_OUTPUTS, build(COINS, many));
    fails(Reason.DUST_OUTPUT, () -> new ChangePolicy(0, new Satoshi(100)));
  }

  @Test
  void rejectsOverweightFeeRateAndCap() {
    // 1,800 key-path inputs weigh about 414,000 WU.
    fails(Reason.TX_TOO_LARGE, build(DkgGroup.depositCoins(1_800, 10_000), pay(1000)));
    // A rate of 0 is a FeeRate (Core reports such rates) but no recipe may pay it, nor an absurd
    // one.
    fails(Reason.INVALID_FEE_RATE, () -> simple().withFeeRate(FeeRate.satPerVb(0)));
    fails(Reason.INVALID_FEE_RATE, () -> simple().withFeeRate(FeeRate.satPerVb(1_000_000)));
    fails(
        Reason.FEE_CAP_EXCEEDED,
        () ->
            SpendBuilder.build(
                new SpendRecipe(
                    COINS,
                    pay(10_000),
                    FeeRate.satPerVb(100),
                    ChangePolicy.toIndex(0),
                    new Satoshi(10_000)),
                XPUB));
  }
}
