package dev.frostgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.money.Amounts;
import fr.acinq.bitcoin.Satoshi;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {
  @Test
  void feeCapOutsideTheMoneyRangeIsRefused() {
    // Satoshi takes any long: the record must check the range itself.
    PolicyConfig d = PolicyConfig.defaults();
    assertThatThrownBy(() -> d.withFeeCap(new Satoshi(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fee cap must be 0..");
    assertThatThrownBy(() -> d.withFeeCap(new Satoshi(Amounts.MAX_MONEY + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fee cap must be 0..");
    assertThat(d.withFeeCap(new Satoshi(Amounts.MAX_MONEY)).feeCap().getSat())
        .isEqualTo(Amounts.MAX_MONEY);
  }

  @Test
  void negativeMinConfirmationsAreRefused() {
    assertThatThrownBy(
            () -> new PolicyConfig(new Satoshi(1), PolicyConfig.DEFAULT_MAX_FEE_RATE, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min confirmations");
  }
}
