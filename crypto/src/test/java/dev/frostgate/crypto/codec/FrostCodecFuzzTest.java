package dev.frostgate.crypto.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.crypto.codec.FrostCodec.Type;
import dev.frostgate.crypto.frost.FrostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of every {@link FrostCodec} decoder (without {@code JAZZER_FUZZ} it
 * replays the committed inputs in {@code FrostCodecFuzzTestInputs/decode}). The contract: a decoder
 * either returns a value whose encoding is exactly the input (one encoding per value), or throws
 * {@link FrostException}; any other throwable (NullPointerException, an index out of bounds,
 * OutOfMemoryError, ...) is a finding. Each input is decoded as is and, so that the fuzzer reaches
 * the success paths behind the SHA-256 checksum it cannot guess, once more with its checksum
 * recomputed.
 */
class FrostCodecFuzzTest {
  /** 16 hex digits or more in a row: part of a field value, which messages never show. */
  private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{16}");

  @FuzzTest
  void decode(byte[] data) {
    decodeEveryType(data);
    if (data.length >= FrostCodec.HEADER_LENGTH + FrostCodec.CHECKSUM_LENGTH) {
      decodeEveryType(CodecFixtures.reseal(data));
    }
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      assertThat(FrostCodec.toText(FrostCodec.fromText(text))).isEqualTo(text);
    } catch (FrostException e) {
      assertThat(e.getMessage()).doesNotContainPattern(HEX_RUN);
    }
  }

  private static void decodeEveryType(byte[] data) {
    for (Type type : Type.values()) {
      try {
        Object value = Cases.decode(type, data);
        assertThat(Cases.encode(value)).as("re-encoded %s", type).isEqualTo(data);
      } catch (FrostException e) {
        if (type == Type.KEY_PACKAGE || type == Type.SECRET_SHARE) {
          // KeyPackage and SecretShare hold a secret share: no field value in their messages.
          assertThat(e.getMessage()).as("%s error", type).doesNotContainPattern(HEX_RUN);
        }
      }
    }
  }
}
