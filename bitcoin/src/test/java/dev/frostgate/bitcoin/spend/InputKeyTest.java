package dev.frostgate.bitcoin.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hd.DepositKeys;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import org.junit.jupiter.api.Test;

/** The folded tweak gives exactly DepositKeys' packages, for child keys of both parities. */
class InputKeyTest {
  static final DkgGroup G = DkgGroup.get();

  @Test
  void sameAsDepositKeysForBothParities() {
    boolean sawOdd = false;
    boolean sawEven = false;
    KeyPackage raw = G.rawKeys.get(4);
    for (long n = 0; n < 24; n++) {
      for (Branch b : Branch.values()) {
        InputKey k = InputKey.of(G.xpub, b, n);
        sawOdd |= k.negate();
        sawEven |= !k.negate();
        KeyPackage expected =
            b == Branch.DEPOSIT
                ? DepositKeys.depositKeyPackage(raw, G.xpub, n)
                : DepositKeys.changeKeyPackage(raw, G.xpub, n);
        KeyPackage actual = k.apply(raw, G.xpub);
        assertThat(actual.verifyingKey()).isEqualTo(expected.verifyingKey());
        assertThat(actual.verifyingShare()).isEqualTo(expected.verifyingShare());
        assertThat(actual.signingShare().publicPoint()).isEqualTo(expected.verifyingShare());
        assertThat(actual.suite()).isEqualTo(expected.suite());
        PublicKeyPackage expectedPub =
            b == Branch.DEPOSIT
                ? DepositKeys.depositPublicKeyPackage(G.rawPublic, G.xpub, n)
                : DepositKeys.changePublicKeyPackage(G.rawPublic, G.xpub, n);
        assertThat(k.apply(G.rawPublic, G.xpub)).isEqualTo(expectedPub);
        assertThat(k.outputPoint().xOnly()).isEqualTo(b.output(G.xpub, n).outputKey());
        assertThat(k.scriptPubKey()).isEqualTo(b.output(G.xpub, n).scriptPubKey());
      }
    }
    assertThat(sawOdd).isTrue();
    assertThat(sawEven).isTrue();
  }

  @Test
  void rejectsAnotherGroupsShare() {
    DkgGroup other = DkgGroup.fresh();
    InputKey k = InputKey.of(G.xpub, Branch.DEPOSIT, 0);
    assertThatThrownBy(() -> k.apply(other.rawKeys.get(0), G.xpub))
        .isInstanceOf(FrostException.class);
  }
}
