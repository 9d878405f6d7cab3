package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The one unsigned transaction a recipe builds, with what signing and validation need.
 *
 * @param recipe the recipe it was built from
 * @param xpub the group's threshold xpub (network, input and change keys)
 * @param tx the unsigned transaction (empty witnesses)
 * @param inputs the recipe's inputs in transaction order
 * @param spentOutputs the outputs being spent, in transaction order (derived from the xpub)
 * @param inputKeys each input's key tweak, in transaction order (the derivation that produced its
 *     spent output's script, kept so that signers do not derive it again)
 * @param fee inputs minus outputs
 * @param weight the weight of the signed transaction (64-byte key-path witness per input)
 * @param changeOutput the position of the change output, if change was created
 */
public record UnsignedSpend(
    SpendRecipe recipe,
    ThresholdXpub xpub,
    Transaction tx,
    List<SpendInput> inputs,
    List<TxOut> spentOutputs,
    List<InputKey> inputKeys,
    Satoshi fee,
    long weight,
    OptionalInt changeOutput) {
  public UnsignedSpend {
    Objects.requireNonNull(recipe);
    Objects.requireNonNull(xpub);
    Objects.requireNonNull(tx);
    Objects.requireNonNull(fee);
    inputs = List.copyOf(inputs);
    spentOutputs = List.copyOf(spentOutputs);
    inputKeys = List.copyOf(inputKeys);
    if (inputKeys.size() != inputs.size()) {
      throw new IllegalArgumentException("one input key per input");
    }
  }

  /** ceil(weight / 4) of the signed transaction. */
  public long vsize() {
    return Math.ceilDiv(weight, 4);
  }

  /** The change amount, or 0 without change. */
  public Satoshi change() {
    return changeOutput.isPresent() ? tx.txOut.get(changeOutput.getAsInt()).amount : new Satoshi(0);
  }

  /** The unsigned transaction's bytes (no witness): what validators compare. */
  public byte[] bytes() {
    return Transaction.write(tx);
  }

  /** The transaction id (unchanged by signing). */
  public TxId txid() {
    return tx.txid;
  }

  /** The BIP341 sighash computer for this transaction (midstates computed once). */
  public TaprootSighash sighash() {
    return TaprootSighash.of(tx, spentOutputs);
  }

  /** One SIGHASH_DEFAULT message per input, in input order. */
  public List<byte[]> sigHashes() {
    return sighash().defaultSigHashes();
  }
}
