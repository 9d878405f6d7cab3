package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.testkit.crypto.ExtendedPrivateKey;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ThresholdXpubTest {
  /** BIP32 test vector 1: the master key and its xpub. */
  private static final ExtendedPrivateKey MASTER =
      ExtendedPrivateKey.fromSeed(
          HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), Network.MAINNET);

  private static final String MASTER_XPUB =
      "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

  private static final ThresholdXpub T = ThresholdXpub.parse(MASTER_XPUB);

  @Test
  void xpubIsARootAndRoundTrips() {
    ExtendedPublicKey x = T.xpub();
    assertThat(x.depth()).isZero();
    assertThat(x.parentFingerprint()).isZero();
    assertThat(x.childNumber()).isZero();
    assertThat(T.serialize()).isEqualTo(MASTER_XPUB);
    ThresholdXpub rebuilt = ThresholdXpub.of(T.groupKey(), T.chainCode(), Network.MAINNET);
    assertThat(rebuilt).isEqualTo(T);
    assertThat(rebuilt.serialize()).isEqualTo(MASTER_XPUB);

    ThresholdXpub regtest = ThresholdXpub.of(T.groupKey(), T.chainCode(), Network.REGTEST);
    assertThat(regtest.serialize()).startsWith("tpub");
    assertThat(ThresholdXpub.parse(regtest.serialize(), Network.REGTEST)).isEqualTo(regtest);
    assertThat(regtest.depositAddress(0)).startsWith("bcrt1p");
  }

  @Test
  void nonRootXpubIsRefused() {
    String child = MASTER.derivePath("m/0'").neuter().serialize();
    assertThatThrownBy(() -> ThresholdXpub.parse(child))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("root key (depth 0)");
  }

  @Test
  void indicesOutsideTheNonHardenedRangeAreRefused() {
    for (long bad : new long[] {-1, 1L << 31, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> T.deposit(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("deposit index must be 0..2147483647")
          .hasMessageContaining(Long.toString(bad));
      assertThatThrownBy(() -> T.change(bad)).hasMessageContaining("change index");
    }
    assertThat(T.deposit(ThresholdXpub.MAX_INDEX).childKey())
        .isEqualTo(Derivation.of(T.xpub(), 0, Integer.MAX_VALUE).childKey());
  }

  @Test
  void matchesPrivateDerivationAndTheTweakMovesTheSecret() {
    SecretScalar rootSecret = MASTER.privateKey();
    for (long n : new long[] {0, 1, 7, 1000, 2_000_000_000L}) {
      ExtendedPrivateKey receive = MASTER.derivePath("m/0/" + n);
      Derivation d = T.deposit(n);
      assertThat(d.childKey()).isEqualTo(receive.publicKey());
      SecretScalar expected = receive.privateKey();
      assertThat(rootSecret.add(d.tweak()).sameValue(expected)).isTrue();

      ExtendedPrivateKey change = MASTER.derivePath("m/1/" + n);
      assertThat(T.change(n).childKey()).isEqualTo(change.publicKey());
    }
  }

  @Test
  void addingTheTweakToEveryShareDerivesTheChildThresholdKey() {
    // 2-of-3 Shamir sharing of the BIP32 master secret (public Scalar arithmetic: test only).
    Scalar a0 = MASTER.privateKey().reveal();
    Scalar a1 = Scalar.of(123456789);
    List<Scalar> ids = List.of(Scalar.of(1), Scalar.of(2), Scalar.of(3));
    Derivation d = T.deposit(42);
    Scalar[] tweaked = new Scalar[3];
    for (int i = 0; i < 3; i++) {
      tweaked[i] = a0.add(a1.multiply(ids.get(i))).add(d.tweak());
    }
    // Signers 1 and 3: lambda_1 = 3/(3-1), lambda_3 = 1/(1-3).
    Scalar l1 = ids.get(2).multiply(ids.get(2).subtract(ids.get(0)).inverse());
    Scalar l3 = ids.get(0).multiply(ids.get(0).subtract(ids.get(2)).inverse());
    Scalar child = l1.multiply(tweaked[0]).add(l3.multiply(tweaked[2]));
    assertThat(Point.mulGenerator(child)).isEqualTo(d.childKey());
  }

  @Property(tries = 60)
  void depositOutputIsTheTaprootOutputOfRootPlusTweak(
      @ForAll @LongRange(min = 0, max = ThresholdXpub.MAX_INDEX) long n,
      @ForAll @IntRange(min = 0, max = 3) int networkIndex) {
    Network network = Network.values()[networkIndex];
    ThresholdXpub t = ThresholdXpub.of(T.groupKey(), T.chainCode(), network);
    Derivation d = t.deposit(n);
    assertThat(d.childKey()).isEqualTo(t.groupKey().addMulGenerator(d.tweak()));
    assertThat(d).isEqualTo(Derivation.of(t.xpub(), 0, (int) n));
    TaprootOutput out = t.depositOutput(n);
    assertThat(out.outputKey())
        .isEqualTo(TaprootOutput.of(t.groupKey().addMulGenerator(d.tweak())).outputKey());
    String address = t.depositAddress(n);
    SegwitAddress decoded = SegwitAddress.decode(address, network);
    assertThat(decoded.version()).isEqualTo(1);
    assertThat(decoded.program()).isEqualTo(out.outputKey());
    assertThat(decoded.scriptPubKey()).isEqualTo(out.scriptPubKey());

    Derivation c = t.change(n);
    assertThat(c.childKey()).isEqualTo(t.groupKey().addMulGenerator(c.tweak()));
    assertThat(c).isEqualTo(Derivation.of(t.xpub(), 1, (int) n));
    assertThat(t.changeAddress(n)).isNotEqualTo(address);
  }

  @Test
  void groupKeysOfBothParitiesWork() {
    // BIP340 needs even y; a group key of either parity must still give a valid output.
    for (int k = 1; k <= 6; k++) {
      Point g = Point.mulGenerator(Scalar.of(k));
      ThresholdXpub t = ThresholdXpub.of(g, T.chainCode(), Network.SIGNET);
      assertThat(ThresholdXpub.parse(t.serialize(), Network.SIGNET).groupKey()).isEqualTo(g);
      Derivation d = t.deposit(k);
      assertThat(d.childKey()).isEqualTo(g.addMulGenerator(d.tweak()));
      assertThat(SegwitAddress.decode(t.depositAddress(k), Network.SIGNET).program())
          .isEqualTo(d.taprootOutput().outputKey());
    }
  }
}
