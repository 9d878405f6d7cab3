package dev.frostgate.bitcoin.psbt;

import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.TaprootSighash;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.SegwitAddress;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.KeyPath;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.bitcoin.psbt.Input;
import fr.acinq.bitcoin.psbt.Output;
import fr.acinq.bitcoin.psbt.Psbt;
import fr.acinq.bitcoin.psbt.TaprootBip32DerivationPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a signer sees of an unsigned transaction before it contributes a share, recomputed from the
 * PSBT alone and the group's threshold xpub, never taken from the coordinator's word: per input the
 * coin, its key {@code <xpub>/branch/index} (from PSBT_IN_TAP_BIP32_DERIVATION, checked against the
 * witness UTXO's script and PSBT_IN_TAP_INTERNAL_KEY) and its BIP341 SIGHASH_DEFAULT message; per
 * output the amount, the address and whether it returns to the group (a
 * PSBT_OUT_TAP_BIP32_DERIVATION claim is believed only when the output's script is the key it
 * names); the fee.
 *
 * @param txid the unsigned transaction's id
 * @param inputs every input, in transaction order
 * @param outputs every output, in transaction order
 * @param fee inputs less outputs (never negative)
 * @param vsize the signed transaction's virtual size (one 64-byte key-path signature per input)
 */
public record PsbtReview(
    TxId txid, List<ReviewedInput> inputs, List<ReviewedOutput> outputs, Satoshi fee, long vsize) {

  /**
   * @param index position in the transaction
   * @param outpoint {@code txid:vout} of the coin spent
   * @param amount the coin's value
   * @param key the coin's key under the group's xpub (and the tweak a signer applies)
   * @param address the coin's address
   * @param sigHash the BIP341 SIGHASH_DEFAULT message this input's signature signs
   */
  public record ReviewedInput(
      int index, String outpoint, Satoshi amount, InputKey key, String address, Hash32 sigHash) {
    /** {@code m/branch/index}. */
    public String path() {
      return "m/" + key.branch().number() + "/" + key.index();
    }
  }

  /**
   * @param index position in the transaction
   * @param amount the value paid
   * @param address the segwit address, or {@code script <hex>} for another script
   * @param own the group's own key this output pays to ({@code <xpub>/branch/index}), if it does
   */
  public record ReviewedOutput(int index, Satoshi amount, String address, Optional<InputKey> own) {}

  /** The messages to sign: every input's sighash, in input order. */
  public List<byte[]> sigHashes() {
    return inputs.stream().map(in -> in.sigHash().bytes()).toList();
  }

  /** What the inputs are worth together. */
  public Satoshi inputTotal() {
    return new Satoshi(inputs.stream().mapToLong(in -> in.amount().getSat()).sum());
  }

  /** What goes back to the group's own keys (change). */
  public Satoshi change() {
    return new Satoshi(
        outputs.stream()
            .filter(o -> o.own().isPresent())
            .mapToLong(o -> o.amount().getSat())
            .sum());
  }

  /**
   * Reviews {@code psbt} as a spend of the group of {@code xpub}.
   *
   * @throws PsbtException MISSING_DATA for an input without witness UTXO, internal key or
   *     derivation; MISMATCH for an input whose script is not the key its derivation names, an
   *     output that claims a group key it does not pay to, a sighash type other than
   *     SIGHASH_DEFAULT, or outputs worth more than the inputs
   */
  public static PsbtReview of(Psbt psbt, ThresholdXpub xpub) {
    Transaction tx = psbt.global.tx;
    int n = psbt.inputs.size();
    if (n == 0) {
      throw new PsbtException(PsbtException.Reason.MISSING_DATA, "the transaction has no inputs");
    }
    List<TxOut> utxos = new ArrayList<>(n);
    List<InputKey> keys = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      final int i = k;
      Input in = psbt.inputs.get(i);
      TxOut utxo = in.getWitnessUtxo();
      if (utxo == null) {
        throw new PsbtException(
            PsbtException.Reason.MISSING_DATA,
            "input " + i + " has no witness UTXO (its amount and script are needed to review it)");
      }
      Integer type = in.getSighashType();
      if (type != null && type != TaprootSighash.SIGHASH_DEFAULT) {
        throw new PsbtException(
            PsbtException.Reason.MISMATCH,
            "input "
                + i
                + " asks for sighash type 0x"
                + Integer.toHexString(type)
                + "; Frostgate signs SIGHASH_DEFAULT (the whole transaction) only");
      }
      XonlyPublicKey internal = in.getTaprootInternalKey();
      if (internal == null) {
        throw new PsbtException(
            PsbtException.Reason.MISSING_DATA, "input " + i + " has no PSBT_IN_TAP_INTERNAL_KEY");
      }
      InputKey key =
          groupKey(xpub, in.getTaprootDerivationPaths(), internal)
              .orElseThrow(
                  () ->
                      new PsbtException(
                          PsbtException.Reason.MISSING_DATA,
                          "input "
                              + i
                              + " has no PSBT_IN_TAP_BIP32_DERIVATION m/0/N or m/1/N of this"
                              + " group's xpub for its internal key"));
      if (!Arrays.equals(key.scriptPubKey(), utxo.publicKeyScript.toByteArray())) {
        throw new PsbtException(
            PsbtException.Reason.MISMATCH,
            "input "
                + i
                + ": its witness UTXO's script is not the key m/"
                + key.branch().number()
                + "/"
                + key.index()
                + " of this group's xpub that its derivation names");
      }
      utxos.add(utxo);
      keys.add(key);
    }
    TaprootSighash sighash = TaprootSighash.of(tx, utxos);
    List<ReviewedInput> inputs = new ArrayList<>(n);
    long in = 0;
    for (int i = 0; i < n; i++) {
      Satoshi amount = utxos.get(i).amount;
      in += amount.getSat();
      inputs.add(
          new ReviewedInput(
              i,
              tx.txIn.get(i).outPoint.txid.value.toHex() + ":" + tx.txIn.get(i).outPoint.index,
              amount,
              keys.get(i),
              address(utxos.get(i).publicKeyScript.toByteArray(), xpub),
              Hash32.of(sighash.sigHash(i, TaprootSighash.SIGHASH_DEFAULT))));
    }
    List<ReviewedOutput> outputs = new ArrayList<>(tx.txOut.size());
    long out = 0;
    for (int i = 0; i < tx.txOut.size(); i++) {
      TxOut o = tx.txOut.get(i);
      out += o.amount.getSat();
      byte[] script = o.publicKeyScript.toByteArray();
      Optional<InputKey> own = Optional.empty();
      if (i < psbt.outputs.size()) {
        Output po = psbt.outputs.get(i);
        if (po.getTaprootInternalKey() != null) {
          Optional<InputKey> claimed =
              groupKey(xpub, po.getTaprootDerivationPaths(), po.getTaprootInternalKey());
          if (claimed.isPresent() && !Arrays.equals(claimed.get().scriptPubKey(), script)) {
            throw new PsbtException(
                PsbtException.Reason.MISMATCH,
                "output "
                    + i
                    + " claims to pay to the group's key m/"
                    + claimed.get().branch().number()
                    + "/"
                    + claimed.get().index()
                    + ", but its script is another");
          }
          own = claimed;
        }
      }
      outputs.add(new ReviewedOutput(i, o.amount, address(script, xpub), own));
    }
    if (out > in) {
      throw new PsbtException(
          PsbtException.Reason.MISMATCH,
          "the outputs (" + out + " sat) are worth more than the inputs (" + in + " sat)");
    }
    long vsize = Math.ceilDiv(SpendBuilder.signedWeight(n, tx.txOut), 4);
    return new PsbtReview(tx.txid, inputs, outputs, new Satoshi(in - out), vsize);
  }

  /**
   * The group key {@code <xpub>/branch/index} that {@code paths} names for {@code internal}: the
   * derivation must carry the xpub's fingerprint, a path of two non-hardened steps with branch 0 or
   * 1, no leaf hashes (key path only), and derive exactly {@code internal}.
   */
  private static Optional<InputKey> groupKey(
      ThresholdXpub xpub,
      Map<XonlyPublicKey, TaprootBip32DerivationPath> paths,
      XonlyPublicKey internal) {
    TaprootBip32DerivationPath d = paths == null ? null : paths.get(internal);
    if (d == null
        || !d.leaves.isEmpty()
        || (d.masterKeyFingerprint & 0xffffffffL) != (xpub.xpub().fingerprint() & 0xffffffffL)) {
      return Optional.empty();
    }
    KeyPath path = d.keyPath;
    if (path.path.size() != 2) {
      return Optional.empty();
    }
    long b = path.path.get(0);
    long index = path.path.get(1);
    if ((b != 0 && b != 1) || index < 0 || index > ThresholdXpub.MAX_INDEX) {
      return Optional.empty();
    }
    Branch branch = b == 0 ? Branch.DEPOSIT : Branch.CHANGE;
    if (!Arrays.equals(branch.output(xpub, index).internalKey(), internal.value.toByteArray())) {
      return Optional.empty();
    }
    return Optional.of(InputKey.of(xpub, branch, index));
  }

  /** The segwit address of a script, or {@code script <hex>}. */
  private static String address(byte[] script, ThresholdXpub xpub) {
    int len = script.length;
    if (len >= 4 && len <= 42 && (script[1] & 0xff) == len - 2) {
      int op = script[0] & 0xff;
      int version = op == 0 ? 0 : (op >= 0x51 && op <= 0x60 ? op - 0x50 : -1);
      if (version >= 0) {
        try {
          return SegwitAddress.of(xpub.network(), version, Arrays.copyOfRange(script, 2, len))
              .encode();
        } catch (RuntimeException e) {
          // not a valid witness program: show the script
        }
      }
    }
    return "script " + HexFormat.of().formatHex(script);
  }
}
