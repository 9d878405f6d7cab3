package dev.frostgate.bitcoin.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import dev.frostgate.testkit.bitcoin.InProcessSpendSigning;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spends signed by a 10-of-15 FROST group (real DKG) and checked by bitcoin-kmp's interpreter. */
class FrostSpendTest {
  static final DkgGroup G = DkgGroup.get();
  static final String RECIPIENT = G.xpub.depositAddress(100_000);

  static SignedSpend sign(UnsignedSpend s) {
    return InProcessSpendSigning.sign(s, G.rawPublic, G.signers(), DkgGroup.RND);
  }

  static void interpreterAccepts(SignedSpend signed) {
    Map<OutPoint, TxOut> prev = new HashMap<>();
    for (int i = 0; i < signed.tx().txIn.size(); i++) {
      prev.put(signed.tx().txIn.get(i).outPoint, signed.unsigned().spentOutputs().get(i));
    }
    Transaction.correctlySpends(signed.tx(), prev, SpendFinalizer.FLAGS); // throws if invalid
  }

  @Test
  void threeDepositInputsToRecipientPlusChange() {
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                List.of(
                    SpendInput.of(
                        new TxId(DkgGroup.txid(1)), 0, new Satoshi(40_000), Branch.DEPOSIT, 0),
                    SpendInput.of(
                        new TxId(DkgGroup.txid(2)), 1, new Satoshi(50_000), Branch.DEPOSIT, 1),
                    SpendInput.of(
                        new TxId(DkgGroup.txid(3)), 0, new Satoshi(60_000), Branch.DEPOSIT, 2)),
                List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(100_000))),
                FeeRate.satPerVb(3),
                ChangePolicy.toIndex(0),
                new Satoshi(50_000)),
            G.xpub);
    SignedSpend s = sign(u);
    interpreterAccepts(s);
    assertThat(s.vsize()).isEqualTo(u.vsize());
    assertThat(s.weight()).isEqualTo(u.weight());
    assertThat(s.txid()).isEqualTo(u.txid());
    assertThat(s.tx().txOut).hasSize(2);
    List<byte[]> hashes = u.sigHashes();
    for (int i = 0; i < 3; i++) {
      byte[] sig = s.tx().txIn.get(i).witness.stack.get(0).toByteArray();
      assertThat(sig).hasSize(64);
      byte[] key =
          java.util.Arrays.copyOfRange(
              u.spentOutputs().get(i).publicKeyScript.toByteArray(), 2, 34);
      assertThat(Secp256k1.verifySchnorr(sig, hashes.get(i), key)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void smallSpendsEstimateEqualsActual(int n) {
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                DkgGroup.depositCoins(n, 20_000),
                List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(10_000))),
                FeeRate.satPerKvb(2_500),
                ChangePolicy.toIndex(1),
                new Satoshi(50_000)),
            G.xpub);
    SignedSpend s = sign(u);
    interpreterAccepts(s);
    assertThat(s.vsize()).isEqualTo(u.vsize());
  }

  @Test
  void consolidationOf500Inputs() {
    List<SpendInput> coins = new ArrayList<>(DkgGroup.depositCoins(499, 10_000));
    coins.add(
        SpendInput.of(
            new TxId(DkgGroup.txid(999)),
            0,
            new Satoshi(10_000),
            Branch.CHANGE,
            4)); // earlier change
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                coins,
                List.of(SpendOutput.toAddress(G.xpub.changeAddress(5), new Satoshi(4_000_000))),
                FeeRate.satPerVb(2),
                ChangePolicy.toIndex(6),
                new Satoshi(100_000)),
            G.xpub);
    long t0 = System.nanoTime();
    SignedSpend s = sign(u);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("500-input 10-of-15 sign + validate: %d ms, %d vB%n", ms, s.vsize());
    interpreterAccepts(s);
    assertThat(s.tx().txIn).hasSize(500);
    assertThat(s.vsize()).isEqualTo(u.vsize());
    assertThat(s.weight())
        .isEqualTo(u.weight())
        .isLessThanOrEqualTo(SpendBuilder.MAX_STANDARD_WEIGHT);
  }

  @Test
  void badSignatureIsNeverReturned() {
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                DkgGroup.depositCoins(2, 20_000),
                List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(10_000))),
                FeeRate.satPerVb(1),
                ChangePolicy.toIndex(1),
                new Satoshi(50_000)),
            G.xpub);
    SignedSpend good = sign(u);
    List<byte[]> sigs = new ArrayList<>();
    for (var in : good.tx().txIn) {
      sigs.add(in.witness.stack.get(0).toByteArray());
    }
    byte[] bad = sigs.get(1).clone();
    bad[63] ^= 1;
    List<byte[]> tampered = List.of(sigs.get(0), bad);
    assertThatThrownBy(() -> SpendFinalizer.attach(u, tampered))
        .isInstanceOf(SpendException.class)
        .hasMessageContaining("input 1")
        .satisfies(
            e ->
                assertThat(((SpendException) e).reason())
                    .isEqualTo(SpendException.Reason.SCRIPT_VALIDATION_FAILED));
    // Signatures swapped between inputs: each is valid for the other input only.
    assertThatThrownBy(() -> SpendFinalizer.attach(u, List.of(sigs.get(1), sigs.get(0))))
        .isInstanceOf(SpendException.class)
        .hasMessageContaining("input 0");
    assertThatThrownBy(() -> SpendFinalizer.attach(u, List.of(sigs.get(0))))
        .isInstanceOf(SpendException.class)
        .satisfies(
            e ->
                assertThat(((SpendException) e).reason())
                    .isEqualTo(SpendException.Reason.BAD_SIGNATURES));
    assertThat(SpendFinalizer.attach(u, sigs).bytes()).isEqualTo(good.bytes());
  }

  @Test
  void tooFewSignersIsATypedError() {
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                DkgGroup.depositCoins(1, 20_000),
                List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(10_000))),
                FeeRate.satPerVb(1),
                ChangePolicy.toIndex(1),
                new Satoshi(50_000)),
            G.xpub);
    assertThatThrownBy(
            () ->
                InProcessSpendSigning.sign(
                    u, G.rawPublic, G.rawKeys.subList(0, DkgGroup.T - 1), DkgGroup.RND))
        .isInstanceOf(SpendException.class)
        .satisfies(
            e ->
                assertThat(((SpendException) e).reason())
                    .isEqualTo(SpendException.Reason.SIGNING_FAILED));
  }

  @Test
  void sighashesMatchBitcoinKmp() {
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                DkgGroup.depositCoins(5, 20_000),
                List.of(SpendOutput.toAddress(RECIPIENT, new Satoshi(10_000))),
                FeeRate.satPerVb(1),
                ChangePolicy.toIndex(1),
                new Satoshi(50_000)),
            G.xpub);
    List<byte[]> ours = u.sigHashes();
    for (int i = 0; i < 5; i++) {
      assertThat(
              Transaction.hashForSigningTaprootKeyPath(u.tx(), i, u.spentOutputs(), 0, null)
                  .toByteArray())
          .isEqualTo(ours.get(i));
    }
  }
}
