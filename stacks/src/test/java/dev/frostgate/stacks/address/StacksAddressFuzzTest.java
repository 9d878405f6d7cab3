package dev.frostgate.stacks.address;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of Stacks address parsing (c32check), which reads addresses from the
 * contract's events, node answers and operators. {@link StacksAddress#parse} either returns an
 * address that prints as the canonical form of the input and parses back to itself, or throws
 * {@link StacksAddressException}; so do {@link C32#checkDecode} and {@link C32#decode}.
 */
class StacksAddressFuzzTest {
  @FuzzTest
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      StacksAddress a = StacksAddress.parse(text);
      assertThat(a.toString()).isEqualToIgnoringCase(C32.normalize(text));
      assertThat(StacksAddress.parse(a.toString())).isEqualTo(a);
    } catch (StacksAddressException e) {
      assertThat(e.getMessage()).isNotNull();
    }
    try {
      C32.Decoded d = C32.checkDecode(text);
      assertThat(C32.checkDecode(C32.checkEncode(d.version(), d.data())).data())
          .isEqualTo(d.data());
    } catch (StacksAddressException e) {
      assertThat(e.getMessage()).isNotNull();
    }
    try {
      byte[] b = C32.decode(text);
      assertThat(C32.decode(C32.encode(b))).isEqualTo(b);
    } catch (StacksAddressException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }
}
