package dev.frostgate.bitcoin.psbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import dev.frostgate.testkit.bitcoin.InProcessSpendSigning;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.bitcoin.psbt.Psbt;
import fr.acinq.bitcoin.psbt.TaprootBip32DerivationPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SpendPsbtTest {
  static final DkgGroup G = DkgGroup.get();

  static UnsignedSpend spend() {
    return SpendBuilder.build(
        new SpendRecipe(
            DkgGroup.depositCoins(3, 50_000),
            List.of(SpendOutput.toAddress(G.xpub.depositAddress(100_000), new Satoshi(90_000))),
            FeeRate.satPerVb(2),
            ChangePolicy.toIndex(9),
            new Satoshi(20_000)),
        G.xpub);
  }

  static void fails(PsbtException.Reason reason, ThrowingCallable c) {
    assertThatThrownBy(c)
        .isInstanceOf(PsbtException.class)
        .satisfies(e -> assertThat(((PsbtException) e).reason()).isEqualTo(reason));
  }

  static List<byte[]> signatures(SignedSpend s) {
    List<byte[]> out = new ArrayList<>();
    for (var in : s.tx().txIn) {
      out.add(in.witness.stack.get(0).toByteArray());
    }
    return out;
  }

  @Test
  void roundTripWithTaprootFields() {
    UnsignedSpend u = spend();
    Psbt exported = SpendPsbt.export(u);
    String b64 = SpendPsbt.toBase64(exported);
    Psbt imported = SpendPsbt.parseBase64(b64);
    assertThat(SpendPsbt.serialize(imported)).isEqualTo(SpendPsbt.serialize(exported));
    assertThat(imported.inputs).isEqualTo(exported.inputs);
    SpendPsbt.checkMatches(imported, u);

    int fp = G.xpub.xpub().fingerprint();
    for (int i = 0; i < 3; i++) {
      SpendInput in = u.inputs().get(i);
      XonlyPublicKey internal = imported.inputs.get(i).getTaprootInternalKey();
      assertThat(internal.value.toByteArray())
          .isEqualTo(G.xpub.depositOutput(in.index()).internalKey());
      Map<XonlyPublicKey, TaprootBip32DerivationPath> paths =
          imported.inputs.get(i).getTaprootDerivationPaths();
      assertThat(paths).containsOnlyKeys(internal);
      assertThat((int) paths.get(internal).masterKeyFingerprint).isEqualTo(fp);
      assertThat(paths.get(internal).keyPath.path).containsExactly(0L, in.index());
      assertThat(imported.inputs.get(i).getWitnessUtxo()).isEqualTo(u.spentOutputs().get(i));
    }
    var change = imported.outputs.get(1);
    assertThat(change.getTaprootInternalKey().value.toByteArray())
        .isEqualTo(G.xpub.changeOutput(9).internalKey());
    assertThat(change.getTaprootDerivationPaths().values().iterator().next().keyPath.path)
        .containsExactly(1L, 9L);

    // Sign with FROST, attach, pass through bytes again, finalize, extract.
    SignedSpend signed = InProcessSpendSigning.sign(u, G.rawPublic, G.signers(), DkgGroup.RND);
    Psbt withSigs = SpendPsbt.attachSignatures(imported, signatures(signed));
    Psbt reread = SpendPsbt.parse(SpendPsbt.serialize(withSigs));
    assertThat(reread.inputs.get(0).getTaprootKeySignature()).isNotNull();
    Psbt finalized = SpendPsbt.finalizeKeyPath(reread);
    SignedSpend extracted = SpendPsbt.extract(SpendPsbt.parse(SpendPsbt.serialize(finalized)), u);
    assertThat(extracted.bytes()).isEqualTo(signed.bytes());
    assertThat(extracted.vsize()).isEqualTo(u.vsize());
  }

  @Test
  void malformedPsbtsAreTypedErrors() {
    byte[] good = SpendPsbt.serialize(SpendPsbt.export(spend()));
    fails(PsbtException.Reason.MALFORMED, () -> SpendPsbt.parse(new byte[0]));
    fails(PsbtException.Reason.MALFORMED, () -> SpendPsbt.parse("hello".getBytes()));
    fails(PsbtException.Reason.MALFORMED, () -> SpendPsbt.parseBase64("%%% not base64"));
    fails(
        PsbtException.Reason.MALFORMED,
        () -> SpendPsbt.parse(Arrays.copyOf(good, good.length / 2)));
    byte[] badMagic = good.clone();
    badMagic[0] = 'q';
    fails(PsbtException.Reason.MALFORMED, () -> SpendPsbt.parse(badMagic));
    // Every truncation is rejected with a typed error, never another exception.
    for (int len = 0; len < good.length; len += 7) {
      byte[] cut = Arrays.copyOf(good, len);
      fails(PsbtException.Reason.MALFORMED, () -> SpendPsbt.parse(cut));
    }
  }

  @Test
  void wrongSignaturesAndMismatchesAreRejected() {
    UnsignedSpend u = spend();
    Psbt p = SpendPsbt.export(u);
    SignedSpend signed = InProcessSpendSigning.sign(u, G.rawPublic, G.signers(), DkgGroup.RND);
    List<byte[]> sigs = signatures(signed);
    List<byte[]> swapped = List.of(sigs.get(1), sigs.get(0), sigs.get(2));
    fails(PsbtException.Reason.BAD_SIGNATURE, () -> SpendPsbt.attachSignatures(p, swapped));
    fails(
        PsbtException.Reason.BAD_SIGNATURE,
        () -> SpendPsbt.attachSignatures(p, sigs.subList(0, 2)));
    fails(PsbtException.Reason.MISSING_SIGNATURE, () -> SpendPsbt.finalizeKeyPath(p));
    UnsignedSpend other = SpendBuilder.build(u.recipe().withFeeRate(FeeRate.satPerVb(3)), G.xpub);
    fails(PsbtException.Reason.MISMATCH, () -> SpendPsbt.checkMatches(p, other));
  }

  @Test
  void nextRoleAndFeeAtEveryStep() {
    UnsignedSpend u = spend();
    Psbt unsigned = SpendPsbt.export(u);
    assertThat(SpendPsbt.fee(unsigned)).hasValue(u.fee().getSat());
    assertThat(SpendPsbt.nextRole(unsigned)).isEqualTo(SpendPsbt.Role.SIGNER);
    assertThat(SpendPsbt.nextRole(new Psbt(u.tx()))).isEqualTo(SpendPsbt.Role.UPDATER);
    assertThat(SpendPsbt.fee(new Psbt(u.tx()))).isEmpty();
    SignedSpend signed = InProcessSpendSigning.sign(u, G.rawPublic, G.signers(), DkgGroup.RND);
    Psbt withSigs = SpendPsbt.attachSignatures(unsigned, signatures(signed));
    assertThat(SpendPsbt.nextRole(withSigs)).isEqualTo(SpendPsbt.Role.FINALIZER);
    Psbt finalized = SpendPsbt.finalizeKeyPath(withSigs);
    assertThat(SpendPsbt.nextRole(finalized)).isEqualTo(SpendPsbt.Role.EXTRACTOR);
    assertThat(SpendPsbt.fee(finalized)).hasValue(u.fee().getSat());
    assertThat(SpendPsbt.Role.FINALIZER.coreName()).isEqualTo("finalizer");
  }

  @Test
  void aVersion2PsbtIsRefusedByVersionNotAsGarbage() {
    byte[] v0 = SpendPsbt.serialize(SpendPsbt.export(spend()));
    assertThat(SpendPsbt.globalVersion(v0)).isZero();
    // magic, then PSBT_GLOBAL_VERSION = 2 (key 0xfb, 4-byte little-endian value), then the rest
    byte[] header = {'p', 's', 'b', 't', (byte) 0xff, 1, (byte) 0xfb, 4, 2, 0, 0, 0, 0};
    assertThat(SpendPsbt.globalVersion(header)).isEqualTo(2);
    fails(PsbtException.Reason.UNSUPPORTED_VERSION, () -> SpendPsbt.parse(header));
    assertThatThrownBy(() -> SpendPsbt.parse(header))
        .hasMessageContaining("PSBT version 2 (BIP370)")
        .hasMessageContaining("psbt_version=0");
    // a truncated global map is left to the parser
    assertThat(SpendPsbt.globalVersion(Arrays.copyOf(header, 9))).isZero();
  }
}
