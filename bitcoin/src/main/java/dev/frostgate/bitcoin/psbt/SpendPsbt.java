package dev.frostgate.bitcoin.psbt;

import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendFinalizer;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.TaprootSighash;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.KeyPath;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.bitcoin.psbt.Input;
import fr.acinq.bitcoin.psbt.Psbt;
import fr.acinq.bitcoin.psbt.TaprootBip32DerivationPath;
import fr.acinq.bitcoin.utils.Either;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * BIP174 PSBTs (version 0) with BIP371 Taproot fields for our spends: export an unsigned spend for
 * review by other tools, read one back, attach the aggregated FROST signatures, finalize, extract,
 * and check that the extracted transaction is our spend and passes the interpreter.
 *
 * <p>Per input: PSBT_IN_WITNESS_UTXO, PSBT_IN_TAP_INTERNAL_KEY (the x-only BIP32 child key) and
 * PSBT_IN_TAP_BIP32_DERIVATION (that key, no leaf hashes, the threshold xpub's fingerprint and path
 * {@code m/branch/index}). The change output gets PSBT_OUT_TAP_INTERNAL_KEY and
 * PSBT_OUT_TAP_BIP32_DERIVATION for {@code m/1/k}, so a reviewer can see it returns to the group.
 */
public final class SpendPsbt {
  private SpendPsbt() {}

  /**
   * The BIP174 role a PSBT needs next, in workflow order; {@link #coreName()} as Bitcoin Core's
   * {@code analyzepsbt} spells it.
   */
  public enum Role {
    /** Some input lacks its UTXO or its key data. */
    UPDATER,
    /** Every input has what it needs; signatures are missing. */
    SIGNER,
    /** Every input is signed; witnesses are not built yet. */
    FINALIZER,
    /** Every input is final: the transaction can be extracted and broadcast. */
    EXTRACTOR;

    public String coreName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The role this PSBT needs next: the earliest that any input needs (as {@code analyzepsbt}). For
   * a key-path input: no witness UTXO or no internal key → updater, no {@code PSBT_IN_TAP_KEY_SIG}
   * → signer, no final witness → finalizer, else extractor.
   */
  public static Role nextRole(Psbt psbt) {
    Role next = Role.EXTRACTOR;
    for (Input in : psbt.inputs) {
      Role r;
      if (in.getScriptWitness() != null || in.getScriptSig() != null) {
        r = Role.EXTRACTOR;
      } else if (in.getWitnessUtxo() == null || in.getTaprootInternalKey() == null) {
        r = Role.UPDATER;
      } else if (in.getTaprootKeySignature() == null) {
        r = Role.SIGNER;
      } else {
        r = Role.FINALIZER;
      }
      next = r.compareTo(next) < 0 ? r : next;
    }
    return next;
  }

  /**
   * The fee in satoshis: the witness UTXOs' amounts less the outputs'; empty when an input has no
   * witness UTXO (as {@code analyzepsbt} and {@code decodepsbt} leave {@code fee} out).
   */
  public static OptionalLong fee(Psbt psbt) {
    long in = 0;
    for (Input i : psbt.inputs) {
      TxOut utxo = i.getWitnessUtxo();
      if (utxo == null) {
        return OptionalLong.empty();
      }
      in += utxo.amount.getSat();
    }
    long out = 0;
    for (TxOut o : psbt.global.tx.txOut) {
      out += o.amount.getSat();
    }
    return OptionalLong.of(in - out);
  }

  /** The unsigned spend as a PSBT with witness UTXOs and BIP371 fields. */
  public static Psbt export(UnsignedSpend spend) {
    ThresholdXpub xpub = spend.xpub();
    // bitcoin-kmp writes the low 32 bits big-endian and reads them back sign-extended: use the same
    // form so an exported PSBT equals its re-read self.
    long fingerprint = xpub.xpub().fingerprint();
    Psbt psbt = new Psbt(spend.tx());
    for (int i = 0; i < spend.inputs().size(); i++) {
      SpendInput in = spend.inputs().get(i);
      TaprootOutput out = in.branch().output(xpub, in.index());
      XonlyPublicKey internal = new XonlyPublicKey(new ByteVector32(out.internalKey()));
      KeyPath path = new KeyPath(List.of((long) in.branch().number(), in.index()));
      psbt =
          orThrow(
              psbt.updateWitnessInput(
                  in.outpoint(),
                  spend.spentOutputs().get(i),
                  null,
                  null,
                  null,
                  Map.of(),
                  null,
                  internal,
                  Map.of(internal, new TaprootBip32DerivationPath(List.of(), fingerprint, path))),
              "input " + i);
    }
    if (spend.changeOutput().isPresent()) {
      int pos = spend.changeOutput().getAsInt();
      long k = spend.recipe().change().changeIndex();
      XonlyPublicKey internal =
          new XonlyPublicKey(new ByteVector32(xpub.changeOutput(k).internalKey()));
      psbt =
          orThrow(
              psbt.updateWitnessOutput(
                  pos,
                  null,
                  null,
                  Map.of(),
                  internal,
                  Map.of(
                      internal,
                      new TaprootBip32DerivationPath(
                          List.of(), fingerprint, new KeyPath(List.of(1L, k))))),
              "change output " + pos);
    }
    return psbt;
  }

  public static byte[] serialize(Psbt psbt) {
    return Psbt.write(psbt).toByteArray();
  }

  public static String toBase64(Psbt psbt) {
    return Base64.getEncoder().encodeToString(serialize(psbt));
  }

  /**
   * @throws PsbtException MALFORMED with the parser's reason, UNSUPPORTED_VERSION for a PSBT that
   *     is not version 0
   */
  public static Psbt parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new PsbtException(PsbtException.Reason.MALFORMED, "empty PSBT");
    }
    long version = globalVersion(bytes);
    if (version != 0) {
      throw new PsbtException(
          PsbtException.Reason.UNSUPPORTED_VERSION,
          "PSBT version "
              + version
              + " (BIP370) is not supported: Frostgate reads and writes version 0. Bitcoin Core"
              + " writes version 2 by default from v31 on; ask it for version 0 (psbt_version=0,"
              + " e.g. createpsbt or converttopsbt)");
    }
    Either<?, Psbt> r;
    try {
      r = Psbt.read(bytes);
    } catch (RuntimeException e) {
      throw new PsbtException(
          PsbtException.Reason.MALFORMED, "PSBT does not parse: " + e.getMessage(), e);
    }
    if (r.isLeft()) {
      throw new PsbtException(
          PsbtException.Reason.MALFORMED, "PSBT does not parse: " + r.getLeft());
    }
    return r.getRight();
  }

  /**
   * PSBT_GLOBAL_VERSION (key type 0xFB) from the global map, 0 when absent (BIP174). Reads only as
   * far as the global map; anything malformed is left to the full parser, so this returns 0.
   */
  static long globalVersion(byte[] b) {
    byte[] magic = {'p', 's', 'b', 't', (byte) 0xff};
    if (b.length < magic.length || !Arrays.equals(Arrays.copyOf(b, magic.length), magic)) {
      return 0;
    }
    int[] pos = {magic.length};
    while (true) {
      long keyLen = compactSize(b, pos);
      if (keyLen <= 0 || keyLen > b.length - pos[0]) {
        return 0; // separator (end of the global map) or malformed
      }
      int keyType = b[pos[0]] & 0xff;
      pos[0] += (int) keyLen;
      long valueLen = compactSize(b, pos);
      if (valueLen < 0 || valueLen > b.length - pos[0]) {
        return 0;
      }
      if (keyType == 0xfb && keyLen == 1 && valueLen == 4) {
        int p = pos[0];
        return (b[p] & 0xffL)
            | (b[p + 1] & 0xffL) << 8
            | (b[p + 2] & 0xffL) << 16
            | (b[p + 3] & 0xffL) << 24;
      }
      pos[0] += (int) valueLen;
    }
  }

  /** A Bitcoin compact size at {@code pos[0]}, advancing it; -1 if truncated. */
  private static long compactSize(byte[] b, int[] pos) {
    if (pos[0] >= b.length) {
      return -1;
    }
    int first = b[pos[0]++] & 0xff;
    int extra = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    if (b.length - pos[0] < extra) {
      return -1;
    }
    long v = extra == 0 ? first : 0;
    for (int i = 0; i < extra; i++) {
      v |= (b[pos[0]++] & 0xffL) << (8 * i);
    }
    return v < 0 ? -1 : v;
  }

  /**
   * @throws PsbtException MALFORMED if the text is not base64 or not a PSBT
   */
  public static Psbt parseBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new PsbtException(
          PsbtException.Reason.MALFORMED, "PSBT is not base64: " + e.getMessage());
    }
    return parse(bytes);
  }

  /**
   * Checks that {@code psbt} is a PSBT of {@code spend}: the same unsigned transaction and, per
   * input, the same witness UTXO.
   *
   * @throws PsbtException MISMATCH or MISSING_DATA naming the input
   */
  public static void checkMatches(Psbt psbt, UnsignedSpend spend) {
    if (!Arrays.equals(Transaction.write(psbt.global.tx), spend.bytes())) {
      throw new PsbtException(
          PsbtException.Reason.MISMATCH,
          "PSBT transaction "
              + psbt.global.tx.txid.value.toHex()
              + " is not spend "
              + spend.txid());
    }
    for (int i = 0; i < psbt.inputs.size(); i++) {
      TxOut utxo = psbt.inputs.get(i).getWitnessUtxo();
      if (utxo == null) {
        throw new PsbtException(
            PsbtException.Reason.MISSING_DATA, "input " + i + " has no witness UTXO");
      }
      if (!utxo.equals(spend.spentOutputs().get(i))) {
        throw new PsbtException(
            PsbtException.Reason.MISMATCH, "input " + i + " witness UTXO differs from the spend's");
      }
    }
  }

  /**
   * Sets PSBT_IN_TAP_KEY_SIG on every input after verifying each signature (BIP340, against the
   * input's output key and its SIGHASH_DEFAULT message computed from the PSBT's own data).
   *
   * @param signatures one 64-byte signature per input, in input order
   * @throws PsbtException BAD_SIGNATURE naming the input, MISSING_DATA without witness UTXOs
   */
  public static Psbt attachSignatures(Psbt psbt, List<byte[]> signatures) {
    int n = psbt.inputs.size();
    if (signatures.size() != n) {
      throw new PsbtException(
          PsbtException.Reason.BAD_SIGNATURE,
          signatures.size() + " signatures for " + n + " inputs");
    }
    List<TxOut> utxos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TxOut utxo = psbt.inputs.get(i).getWitnessUtxo();
      if (utxo == null) {
        throw new PsbtException(
            PsbtException.Reason.MISSING_DATA, "input " + i + " has no witness UTXO");
      }
      utxos.add(utxo);
    }
    TaprootSighash sighash = TaprootSighash.of(psbt.global.tx, utxos);
    List<Input> inputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] sig = signatures.get(i);
      byte[] script = utxos.get(i).publicKeyScript.toByteArray();
      if (script.length != 34 || script[0] != 0x51 || script[1] != 0x20) {
        throw new PsbtException(PsbtException.Reason.MISMATCH, "input " + i + " is not P2TR");
      }
      if (sig == null
          || sig.length != 64
          || !Secp256k1.verifySchnorr(
              sig,
              sighash.sigHash(i, TaprootSighash.SIGHASH_DEFAULT),
              Arrays.copyOfRange(script, 2, 34))) {
        throw new PsbtException(
            PsbtException.Reason.BAD_SIGNATURE,
            "input " + i + " signature does not verify against its output key");
      }
      if (!(psbt.inputs.get(i) instanceof Input.WitnessInput.PartiallySignedWitnessInput w)) {
        throw new PsbtException(
            PsbtException.Reason.CANNOT_FINALIZE,
            "input " + i + " is not an unsigned witness input");
      }
      inputs.add(
          new Input.WitnessInput.PartiallySignedWitnessInput(
              w.getTxOut(),
              w.getNonWitnessUtxo(),
              w.getSighashType(),
              w.getPartialSigs(),
              w.getDerivationPaths(),
              w.getRedeemScript(),
              w.getWitnessScript(),
              w.getRipemd160(),
              w.getSha256(),
              w.getHash160(),
              w.getHash256(),
              new ByteVector(sig),
              w.getTaprootDerivationPaths(),
              w.getTaprootInternalKey(),
              w.getUnknown()));
    }
    return new Psbt(psbt.global, inputs, psbt.outputs);
  }

  /**
   * The finalizer role for key-path inputs: each input's witness becomes its PSBT_IN_TAP_KEY_SIG.
   *
   * @throws PsbtException MISSING_SIGNATURE naming the first unsigned input
   */
  public static Psbt finalizeKeyPath(Psbt psbt) {
    Psbt out = psbt;
    for (int i = 0; i < psbt.inputs.size(); i++) {
      ByteVector sig = psbt.inputs.get(i).getTaprootKeySignature();
      if (sig == null) {
        throw new PsbtException(
            PsbtException.Reason.MISSING_SIGNATURE, "input " + i + " has no taproot key signature");
      }
      out = orThrow(out.finalizeWitnessInput(i, new ScriptWitness().push(sig)), "input " + i);
    }
    return out;
  }

  /**
   * Extracts the finished transaction (bitcoin-kmp runs its interpreter while extracting), then
   * checks it is {@code spend}'s and validates it again as ours.
   *
   * @throws PsbtException MISMATCH or CANNOT_FINALIZE
   */
  public static SignedSpend extract(Psbt finalized, UnsignedSpend spend) {
    checkMatches(finalized, spend);
    Either<?, Transaction> r = finalized.extract();
    if (r.isLeft()) {
      throw new PsbtException(
          PsbtException.Reason.CANNOT_FINALIZE, "cannot extract: " + r.getLeft());
    }
    try {
      return SpendFinalizer.validate(spend, r.getRight());
    } catch (SpendException e) {
      throw new PsbtException(PsbtException.Reason.MISMATCH, e.getMessage(), e);
    }
  }

  private static Psbt orThrow(Either<?, Psbt> r, String where) {
    if (r.isLeft()) {
      throw new PsbtException(PsbtException.Reason.CANNOT_FINALIZE, where + ": " + r.getLeft());
    }
    return r.getRight();
  }
}
