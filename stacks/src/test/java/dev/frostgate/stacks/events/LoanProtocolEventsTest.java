package dev.frostgate.stacks.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoanProtocolEventsTest {
  private static ClarityValue ascii(String s) {
    return new ClarityValue.StringAscii(s);
  }

  @Test
  void decodesAnActionRequest() throws Exception {
    ClarityValue payload =
        ClarityValue.Tuple.of(
            Map.of(
                "event", ascii("action-request"),
                "request-id", ClarityValue.UInt.of(3),
                "loan-id", ClarityValue.UInt.of(1),
                "action", ascii("release"),
                "utxo-txid", ClarityValue.Buffer.ofHex("33".repeat(32)),
                "utxo-vout", ClarityValue.UInt.of(1),
                "amount-sats", ClarityValue.UInt.of(50_000_000),
                "recipient-script", ClarityValue.Buffer.ofHex("0014" + "11".repeat(20))));
    assertThat(LoanProtocolEvents.decodeHex(ClarityCodec.serializeHex(payload)))
        .isEqualTo(
            new LoanProtocolEvent.ActionRequest(
                3, 1, "release", "33".repeat(32), 1, 50_000_000, "0014" + "11".repeat(20)));
  }

  @Test
  void keepsOtherEventsAsTheirPayload() throws Exception {
    ClarityValue.Tuple payload = ClarityValue.Tuple.of(Map.of("event", ascii("paused")));
    assertThat(LoanProtocolEvents.decode(payload))
        .isEqualTo(new LoanProtocolEvent.Other("paused", payload));
  }

  @Test
  void namesTheMissingOrMistypedField() {
    assertThatThrownBy(
            () ->
                LoanProtocolEvents.decode(
                    ClarityValue.Tuple.of(
                        Map.of(
                            "event", ascii("deposit-ready"), "loan-id", ClarityValue.UInt.of(1)))))
        .isInstanceOf(EventDecodeException.class)
        .hasMessageContaining("'script'");
    assertThatThrownBy(
            () ->
                LoanProtocolEvents.decode(
                    ClarityValue.Tuple.of(
                        Map.of(
                            "event", ascii("deposit-ready"),
                            "loan-id", ascii("1"),
                            "script", ClarityValue.Buffer.ofHex("00"),
                            "collateral-sats", ClarityValue.UInt.of(1)))))
        .hasMessageContaining("field 'loan-id' is a STRING_ASCII, expected uint");
    assertThatThrownBy(() -> LoanProtocolEvents.decode(ClarityValue.UInt.of(1)))
        .hasMessageContaining("not a tuple");
    assertThatThrownBy(() -> LoanProtocolEvents.decodeHex("0c0000"))
        .hasMessageContaining("TRUNCATED");
  }
}
