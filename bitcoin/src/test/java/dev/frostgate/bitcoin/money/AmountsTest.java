package dev.frostgate.bitcoin.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountsTest {
  @Test
  void btcToSatIsExact() {
    assertThat(Amounts.btcToSat(new BigDecimal("0.00000001"))).isEqualTo(1);
    assertThat(Amounts.btcToSat(new BigDecimal("1e-8"))).isEqualTo(1);
    assertThat(Amounts.btcToSat(new BigDecimal("21000000"))).isEqualTo(Amounts.MAX_MONEY);
    assertThat(Amounts.btcToSat(new BigDecimal("-21000000"))).isEqualTo(-Amounts.MAX_MONEY);
    assertThat(Amounts.btcToSat(new BigDecimal("0.1"))).isEqualTo(10_000_000);
    // 0.1 + 0.2 in double is 0.30000000000000004: BigDecimal has no such problem
    assertThat(Amounts.btcToSat(new BigDecimal("0.3"))).isEqualTo(30_000_000);
    assertThat(Amounts.btcToSat(new BigDecimal("1.10000000000"))).isEqualTo(110_000_000);
  }

  @Test
  void btcToSatRefusesFractionsAndOverflow() {
    assertThatThrownBy(() -> Amounts.btcToSat(new BigDecimal("1e-9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fraction");
    assertThatThrownBy(() -> Amounts.btcToSat(new BigDecimal("21000000.00000001")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amounts.btcToSat(new BigDecimal("1e999999999")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void satToBtc() {
    assertThat(Amounts.satToBtc(1).toPlainString()).isEqualTo("0.00000001");
    assertThat(Amounts.satToBtc(Amounts.MAX_MONEY).toPlainString()).isEqualTo("21000000.00000000");
    assertThatThrownBy(() -> Amounts.satToBtc(Amounts.MAX_MONEY + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void feeRates() {
    FeeRate r = FeeRate.ofBtcPerKvb(new BigDecimal("0.00001234"));
    assertThat(r.satPerKvb()).isEqualTo(1234);
    assertThat(r.satPerVb()).isEqualByComparingTo("1.234");
    assertThat(r.btcPerKvb().toPlainString()).isEqualTo("0.00001234");
    assertThat(r.feeFor(141)).isEqualTo(174); // 173.994 rounded up
    assertThat(FeeRate.ofSatPerVb(2).feeFor(141)).isEqualTo(282);
    assertThat(FeeRate.ofSatPerVb(new BigDecimal("1.5")).satPerKvb()).isEqualTo(1500);
    assertThatThrownBy(() -> FeeRate.ofSatPerVb(new BigDecimal("1.0005")))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> FeeRate.ofSatPerKvb(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(r).hasToString("1.234 sat/vB");
  }

  @Test
  void aRateCoreReportsNeedNotBePayable() {
    assertThat(FeeRate.ZERO.isPayable()).isFalse();
    assertThat(FeeRate.ofSatPerKvb(1).isPayable()).isTrue();
    assertThat(FeeRate.MIN_RELAY.isPayable()).isTrue();
    assertThat(FeeRate.MAX_PAYABLE.isPayable()).isTrue();
    assertThat(FeeRate.ofSatPerKvb(FeeRate.MAX_PAYABLE.satPerKvb() + 1).isPayable()).isFalse();
    assertThat(FeeRate.ofSatPerKvb(1000).toCoreString()).isEqualTo("0.00001000 BTC/kvB");
  }

  @Test
  void moneyRangeAndFormatMoneyAsCore() {
    assertThat(Amounts.inRange(0)).isTrue();
    assertThat(Amounts.inRange(Amounts.MAX_MONEY)).isTrue();
    assertThat(Amounts.inRange(-1)).isFalse();
    assertThat(Amounts.inRange(Amounts.MAX_MONEY + 1)).isFalse();
    assertThat(Amounts.formatMoney(150_000_000)).isEqualTo("1.50");
    assertThat(Amounts.formatMoney(1)).isEqualTo("0.00000001");
    assertThat(Amounts.formatMoney(-Amounts.COIN)).isEqualTo("-1.00");
    assertThat(Amounts.formatMoney(12_340_000)).isEqualTo("0.1234");
  }
}
