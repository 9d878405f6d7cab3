package dev.frostgate.stacks.clarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.stacks.clarity.ClarityDecodeException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ClarityCodecTest {

  private static Reason reasonOf(String hex) {
    try {
      ClarityCodec.deserializeHex(hex);
    } catch (ClarityDecodeException e) {
      return e.reason();
    }
    throw new AssertionError("decoded: " + hex);
  }

  private static ClarityValue decode(String hex) {
    try {
      return ClarityCodec.deserializeHex(hex);
    } catch (ClarityDecodeException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rejectsTruncatedInputAtEveryLength() {
    String full =
        ClarityCodec.serializeHex(
            ClarityValue.Tuple.of(
                Map.of(
                    "a",
                    ClarityValue.UInt.of(5),
                    "b",
                    new ClarityValue.Some(ClarityValue.Buffer.ofHex("0102")))));
    for (int n = 0; n < full.length(); n += 2) {
      assertThat(reasonOf(full.substring(0, n)))
          .as("prefix of %d bytes", n / 2)
          .isEqualTo(Reason.TRUNCATED);
    }
  }

  @Test
  void rejectsTrailingBytesAndUnknownTypes() {
    assertThat(reasonOf("0300")).isEqualTo(Reason.TRAILING_BYTES);
    assertThat(reasonOf("0f")).isEqualTo(Reason.UNKNOWN_TYPE);
    assertThat(reasonOf("ff")).isEqualTo(Reason.UNKNOWN_TYPE);
  }

  @Test
  void tuplesMustBeSortedWithUniqueValidNames() {
    // {b: true, a: true}
    assertThat(reasonOf("0c00000002016203016103")).isEqualTo(Reason.UNSORTED_TUPLE);
    assertThat(reasonOf("0c00000002016103016103")).isEqualTo(Reason.DUPLICATE_FIELD);
    assertThat(reasonOf("0c00000001013103")).isEqualTo(Reason.BAD_NAME); // "1"
    assertThat(reasonOf("0c000000010003")).isEqualTo(Reason.BAD_NAME); // ""
    assertThat(decode("0c00000002016103016203"))
        .isEqualTo(
            ClarityValue.Tuple.of(
                Map.of("a", new ClarityValue.Bool(true), "b", new ClarityValue.Bool(true))));
  }

  @Test
  void stringsMustHoldAllowedCharacters() {
    assertThat(reasonOf("0d0000000100")).isEqualTo(Reason.BAD_ASCII);
    assertThat(reasonOf("0d000000017f")).isEqualTo(Reason.BAD_ASCII);
    assertThat(reasonOf("0d0000000180")).isEqualTo(Reason.BAD_ASCII);
    assertThat(reasonOf("0e00000001ff")).isEqualTo(Reason.BAD_UTF8);
    assertThat(reasonOf("0e00000002c0af")).isEqualTo(Reason.BAD_UTF8); // overlong '/'
    assertThat(reasonOf("0e00000003eda080")).isEqualTo(Reason.BAD_UTF8); // a surrogate
  }

  @Test
  void principalsNeedAVersionBelow32AndAValidContractName() {
    assertThat(reasonOf("0520" + "00".repeat(20))).isEqualTo(Reason.BAD_PRINCIPAL);
    assertThat(reasonOf("061a" + "00".repeat(20) + "022d61")).isEqualTo(Reason.BAD_NAME); // "-a"
  }

  @Test
  void listsHoldOneKindAndNestingIsLimited() {
    assertThat(reasonOf("0b000000020100000000000000000000000000000001" + "03"))
        .isEqualTo(Reason.MIXED_LIST);
    ClarityValue v = new ClarityValue.None();
    for (int i = 0; i < ClarityCodec.MAX_DEPTH - 1; i++) {
      v = new ClarityValue.Some(v);
    }
    assertThat(decode(ClarityCodec.serializeHex(v))).isEqualTo(v);
    assertThat(reasonOf("0a" + ClarityCodec.serializeHex(v))).isEqualTo(Reason.TOO_DEEP);
  }

  @Test
  void lengthsAreBoundedBeforeAllocation() {
    assertThat(reasonOf("02ffffffff")).isEqualTo(Reason.TOO_LARGE);
    assertThat(reasonOf("0b7fffffff")).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void factoriesRefuseWhatTheChainRefuses() {
    assertThatThrownBy(() -> new ClarityValue.UInt(BigInteger.ONE.shiftLeft(128)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClarityValue.Int(BigInteger.ONE.shiftLeft(127)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClarityValue.StringAscii("é"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ClarityValue.ClarityList(
                    List.of(ClarityValue.UInt.of(1), new ClarityValue.Int(BigInteger.ONE))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClarityValue.Tuple.of(Map.of("has space", ClarityValue.UInt.of(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void everyValueRoundTrips(@ForAll("values") ClarityValue value) throws Exception {
    byte[] bytes = ClarityCodec.serialize(value);
    assertThat(ClarityCodec.deserialize(bytes)).isEqualTo(value);
  }

  @Property(tries = 300)
  void corruptedBytesDecodeToAValueOrATypedError(
      @ForAll("values") ClarityValue value, @ForAll int position, @ForAll byte xor) {
    byte[] bytes = ClarityCodec.serialize(value);
    bytes[Math.floorMod(position, bytes.length)] ^= (byte) (xor | 1);
    try {
      ClarityValue decoded = ClarityCodec.deserialize(bytes);
      // whatever decodes is canonical: it serializes back to the same bytes
      assertThat(ClarityCodec.serialize(decoded)).isEqualTo(bytes);
    } catch (ClarityDecodeException e) {
      assertThat(e.offset()).isBetween(0, bytes.length);
    }
  }

  @Provide
  Arbitrary<ClarityValue> values() {
    return Arbitraries.lazyOf(
        () ->
            Arbitraries.bigIntegers()
                .between(
                    ClarityValue.UInt.MAX.shiftRight(1).negate(),
                    ClarityValue.UInt.MAX.shiftRight(1))
                .map(ClarityValue.Int::new),
        () ->
            Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, ClarityValue.UInt.MAX)
                .map(ClarityValue.UInt::new),
        () -> Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(ClarityValue.Buffer::new),
        () -> Arbitraries.of(true, false).map(ClarityValue.Bool::new),
        () ->
            Arbitraries.strings()
                .withCharRange(' ', '~')
                .ofMaxLength(20)
                .map(ClarityValue.StringAscii::new),
        () ->
            Arbitraries.strings()
                .withCharRange('α', 'ω')
                .ofMaxLength(10)
                .map(ClarityValue.StringUtf8::new),
        () -> Arbitraries.just(new ClarityValue.None()),
        () -> values().map(ClarityValue.Some::new),
        () -> values().map(ClarityValue.Ok::new),
        () -> values().map(ClarityValue.Err::new),
        () ->
            Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.valueOf(1000))
                .map(ClarityValue.UInt::new)
                .list()
                .ofMaxSize(4)
                .map(l -> new ClarityValue.ClarityList(new ArrayList<>(l))),
        () ->
            Arbitraries.maps(
                    Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                    values())
                .ofMaxSize(3)
                .map(ClarityValue.Tuple::of));
  }
}
