package dev.frostgate.bitcoin.psbt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import fr.acinq.bitcoin.psbt.Psbt;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Coverage-guided fuzzing of PSBT import ({@link SpendPsbt#parse}, {@link SpendPsbt#parseBase64})
 * and of what is done with an imported PSBT: its fee and next role, the check against our spend,
 * attaching signatures and finalizing. Every refusal must be a {@link PsbtException}; a PSBT that
 * parses serializes to bytes that parse to the same serialization.
 */
class SpendPsbtFuzzTest {
  private static final UnsignedSpend SPEND = SpendPsbtTest.spend();

  @FuzzTest
  void parse(byte[] data) {
    use(data);
    use(new String(data, StandardCharsets.ISO_8859_1));
  }

  private static void use(byte[] data) {
    Psbt psbt;
    try {
      psbt = SpendPsbt.parse(data);
    } catch (PsbtException e) {
      return;
    }
    byte[] out = SpendPsbt.serialize(psbt);
    assertThat(SpendPsbt.serialize(SpendPsbt.parse(out))).isEqualTo(out);
    afterImport(psbt);
  }

  private static void use(String base64) {
    try {
      afterImport(SpendPsbt.parseBase64(base64));
    } catch (PsbtException e) {
      assertThat(e.reason()).isNotNull();
    }
  }

  private static void afterImport(Psbt psbt) {
    assertThat(SpendPsbt.nextRole(psbt)).isNotNull();
    assertThat(SpendPsbt.fee(psbt)).isNotNull();
    try {
      SpendPsbt.checkMatches(psbt, SPEND);
    } catch (PsbtException e) {
      assertThat(e.reason()).isNotNull();
    }
    try {
      SpendPsbt.finalizeKeyPath(
          SpendPsbt.attachSignatures(psbt, Collections.nCopies(psbt.inputs.size(), new byte[64])));
    } catch (PsbtException e) {
      assertThat(e.reason()).isNotNull();
    }
    try {
      SpendPsbt.finalizeKeyPath(psbt);
    } catch (PsbtException e) {
      assertThat(e.reason()).isNotNull();
    }
  }
}
