package dev.frostgate.bitcoin.spend;

import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a {@link SpendRecipe} into exactly one unsigned transaction, deterministically:
 *
 * <ul>
 *   <li>version 2, locktime 0 (no anti-fee-sniping: every validator must rebuild the same bytes
 *       without agreeing on a height);
 *   <li>every input has nSequence 0xfffffffd (BIP125 replaceable, no relative lock);
 *   <li>inputs sorted BIP69-style: by previous txid in display (RPC) byte order ascending, then by
 *       output index ascending;
 *   <li>outputs: the recipients in request order, then the change output (if any) last;
 *   <li>change pays to {@code <xpub>/1/k}; change below the policy's dust limit is not created and
 *       goes to the fee.
 * </ul>
 *
 * <p>The fee is ceil(vsize · rate) for the vsize of the <em>signed</em> transaction, which is exact
 * for Taproot key-path inputs: each witness is one 64-byte SIGHASH_DEFAULT signature.
 */
public final class SpendBuilder {
  /** nSequence of every input: BIP125 replaceable, relative locktime disabled. */
  public static final long SEQUENCE_RBF = 0xfffffffdL;

  /** Transaction version. */
  public static final long VERSION = 2;

  /** nLockTime of every spend. */
  public static final long LOCKTIME = 0;

  /** Bitcoin Core's MAX_STANDARD_TX_WEIGHT. */
  public static final long MAX_STANDARD_WEIGHT = 400_000;

  /** Policy limit on outputs per transaction (recipients plus change). */
  public static final int MAX_OUTPUTS = 1_000;

  /** Weight of one key-path witness: stack count (1) ‖ length (1) ‖ 64-byte signature. */
  public static final long KEY_PATH_WITNESS_WEIGHT = 66;

  // BIP69 as the txid's display hex sorts (the order every validator must rebuild byte for byte).
  private static final Comparator<SpendInput> BIP69 =
      Comparator.comparing((SpendInput i) -> i.outpoint().txid.value.toHex())
          .thenComparingLong(i -> i.outpoint().index);

  private SpendBuilder() {}

  /**
   * @throws SpendException with the reason and the offending input/output on any invalid recipe
   */
  public static UnsignedSpend build(SpendRecipe recipe, ThresholdXpub xpub) {
    if (recipe.inputs().isEmpty()) {
      throw new SpendException(SpendException.Reason.NO_INPUTS, "the recipe spends no coins");
    }
    if (recipe.outputs().isEmpty()) {
      throw new SpendException(
          SpendException.Reason.NO_OUTPUTS,
          "the recipe has no recipients (change alone is not a spend)");
    }
    if (recipe.outputs().size() + 1 > MAX_OUTPUTS) {
      throw new SpendException(
          SpendException.Reason.TOO_MANY_OUTPUTS,
          recipe.outputs().size()
              + " recipients (plus change) exceed the limit of "
              + MAX_OUTPUTS
              + " outputs");
    }

    // Inputs: checked, sorted, their scripts derived from the xpub.
    List<SpendInput> inputs = new ArrayList<>(recipe.inputs());
    Set<OutPoint> seen = new HashSet<>();
    long totalIn = 0;
    for (int i = 0; i < inputs.size(); i++) {
      SpendInput in = inputs.get(i);
      String where = "input " + i + " (" + in.outpoint().txid + ":" + in.outpoint().index + ")";
      if (!seen.add(in.outpoint())) {
        throw new SpendException(SpendException.Reason.DUPLICATE_INPUT, where + " is spent twice");
      }
      if (in.index() < 0 || in.index() > ThresholdXpub.MAX_INDEX) {
        throw new SpendException(
            SpendException.Reason.INVALID_INPUT,
            where + " has derivation index " + in.index() + ", must be 0..2^31-1");
      }
      checkAmount(in.amount().getSat(), where);
      if (in.amount().getSat() == 0) {
        throw new SpendException(SpendException.Reason.NEGATIVE_AMOUNT, where + " has amount 0");
      }
      totalIn = addAmounts(totalIn, in.amount().getSat(), "the inputs");
    }
    inputs.sort(BIP69);
    List<TxIn> txIns = new ArrayList<>(inputs.size());
    List<TxOut> spent = new ArrayList<>(inputs.size());
    List<InputKey> inputKeys = new ArrayList<>(inputs.size());
    // The input's key is derived once: its output key gives the spent script, its folded tweak is
    // what every signer applies to its key package (two inputs of one address derive once).
    Map<String, InputKey> derived = new HashMap<>();
    for (SpendInput in : inputs) {
      txIns.add(new TxIn(in.outpoint(), ByteVector.empty, SEQUENCE_RBF, new ScriptWitness()));
      InputKey key =
          derived.computeIfAbsent(
              in.branch() + "/" + in.index(), k -> InputKey.of(xpub, in.branch(), in.index()));
      inputKeys.add(key);
      spent.add(new TxOut(in.amount(), key.scriptPubKey()));
    }

    // Recipients, in request order.
    List<TxOut> txOuts = new ArrayList<>(recipe.outputs().size() + 1);
    long totalOut = 0;
    for (int i = 0; i < recipe.outputs().size(); i++) {
      SpendOutput o = recipe.outputs().get(i);
      String where = "output " + i;
      byte[] script =
          switch (o.destination()) {
            case SpendOutput.Address a ->
                StandardOutputs.addressScript(a.address(), xpub.network(), where);
            case SpendOutput.Script s -> s.scriptPubKey();
          };
      StandardOutputs.checkStandard(script, where);
      long amount = o.amount().getSat();
      checkAmount(amount, where);
      long dust = StandardOutputs.dustThreshold(script);
      if (amount < dust) {
        throw new SpendException(
            SpendException.Reason.DUST_OUTPUT,
            where + " pays " + amount + " sat, below its dust threshold of " + dust + " sat");
      }
      totalOut = addAmounts(totalOut, amount, "the outputs");
      txOuts.add(new TxOut(o.amount(), script));
    }
    if (totalOut > totalIn) {
      throw new SpendException(
          SpendException.Reason.INSUFFICIENT_FUNDS,
          "outputs total " + totalOut + " sat but inputs only " + totalIn + " sat");
    }

    // Change: try with a change output first; drop it if it would be dust.
    byte[] changeScript = xpub.changeOutput(recipe.change().changeIndex()).scriptPubKey();
    List<TxOut> withChange = new ArrayList<>(txOuts);
    withChange.add(new TxOut(new Satoshi(0), changeScript));
    long weightWith = signedWeight(txIns.size(), withChange);
    long feeWith = recipe.feeRate().feeFor(Math.ceilDiv(weightWith, 4));
    long change = totalIn - totalOut - feeWith;
    List<TxOut> finalOuts;
    long weight;
    long fee;
    OptionalInt changePos;
    if (change >= recipe.change().dustLimit().getSat()) {
      withChange.set(withChange.size() - 1, new TxOut(new Satoshi(change), changeScript));
      finalOuts = withChange;
      weight = weightWith;
      fee = feeWith;
      changePos = OptionalInt.of(finalOuts.size() - 1);
    } else {
      weight = signedWeight(txIns.size(), txOuts);
      long required = recipe.feeRate().feeFor(Math.ceilDiv(weight, 4));
      fee = totalIn - totalOut;
      if (fee < required) {
        throw new SpendException(
            SpendException.Reason.INSUFFICIENT_FUNDS,
            "inputs "
                + totalIn
                + " sat cover outputs "
                + totalOut
                + " sat but not the fee of "
                + required
                + " sat at "
                + recipe.feeRate());
      }
      finalOuts = txOuts;
      changePos = OptionalInt.empty();
    }
    if (weight > MAX_STANDARD_WEIGHT) {
      throw new SpendException(
          SpendException.Reason.TX_TOO_LARGE,
          "signed transaction would weigh "
              + weight
              + " WU with "
              + txIns.size()
              + " inputs, above the standard limit of "
              + MAX_STANDARD_WEIGHT);
    }
    if (fee > recipe.feeCap().getSat()) {
      throw new SpendException(
          SpendException.Reason.FEE_CAP_EXCEEDED,
          "fee " + fee + " sat is above the request's cap of " + recipe.feeCap().getSat() + " sat");
    }
    Transaction tx = new Transaction(VERSION, txIns, finalOuts, LOCKTIME);
    return new UnsignedSpend(
        recipe, xpub, tx, inputs, spent, inputKeys, new Satoshi(fee), weight, changePos);
  }

  /**
   * Weight of the signed transaction with {@code inputCount} Taproot key-path inputs
   * (SIGHASH_DEFAULT, 64-byte signature) and these outputs: 4 · non-witness size + segwit marker
   * and flag (2) + 66 per input.
   */
  public static long signedWeight(int inputCount, List<TxOut> outputs) {
    long base = 4 + StandardOutputs.compactSizeLength(inputCount) + 41L * inputCount;
    base += StandardOutputs.compactSizeLength(outputs.size());
    for (TxOut o : outputs) {
      int len = o.publicKeyScript.size();
      base += 8 + StandardOutputs.compactSizeLength(len) + len;
    }
    base += 4;
    return 4 * base + 2 + KEY_PATH_WITNESS_WEIGHT * inputCount;
  }

  /** Whether two unsigned spends are the same transaction, byte for byte. */
  public static boolean sameBytes(UnsignedSpend a, UnsignedSpend b) {
    return Arrays.equals(a.bytes(), b.bytes());
  }

  /**
   * An amount a spend may carry: {@code 0..MAX_MONEY} ({@link Amounts#inRange}); zero is refused by
   * the caller where a positive amount is required.
   *
   * @throws SpendException NEGATIVE_AMOUNT or AMOUNT_OVERFLOW naming {@code where}
   */
  static long checkAmount(long sat, String where) {
    if (sat < 0) {
      throw new SpendException(
          SpendException.Reason.NEGATIVE_AMOUNT, where + " has a negative amount: " + sat + " sat");
    }
    if (!Amounts.inRange(sat)) {
      throw new SpendException(
          SpendException.Reason.AMOUNT_OVERFLOW,
          where + " amount " + sat + " sat is above 21,000,000 BTC");
    }
    return sat;
  }

  /** a + b, both already in range, rejecting a sum above MAX_MONEY. */
  private static long addAmounts(long a, long b, String where) {
    long s = a + b; // both ≤ MAX_MONEY, so no long overflow
    if (!Amounts.inRange(s)) {
      throw new SpendException(
          SpendException.Reason.AMOUNT_OVERFLOW, where + " sums to more than 21,000,000 BTC");
    }
    return s;
  }
}
