package dev.frostgate.stacks.clarity;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.stacks.events.EventDecodeException;
import dev.frostgate.stacks.events.LoanProtocolEvents;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of SIP-005 decoding, which reads the print payloads of the loan contract
 * as the Stacks node (or anyone posting to the event observer) delivers them, and of the loan event
 * decoding behind it. A value either decodes and serializes back to exactly the input (strict: one
 * encoding per value), or decoding throws {@link ClarityDecodeException}; a decoded value either is
 * a loan event or {@link LoanProtocolEvents#decode} throws {@link EventDecodeException}. The input
 * is also read as hex text ({@link ClarityCodec#deserializeHex}).
 */
class ClarityCodecFuzzTest {
  @FuzzTest
  void decode(byte[] data) {
    try {
      ClarityValue v = ClarityCodec.deserialize(data);
      assertThat(ClarityCodec.serialize(v)).isEqualTo(data);
      assertThat(LoanProtocolEvents.decode(v)).isNotNull();
    } catch (ClarityDecodeException | EventDecodeException e) {
      assertThat(e.getMessage()).isNotNull();
    }
    String text = new String(data, StandardCharsets.ISO_8859_1);
    try {
      assertThat(LoanProtocolEvents.decodeHex(text)).isNotNull();
    } catch (EventDecodeException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }
}
