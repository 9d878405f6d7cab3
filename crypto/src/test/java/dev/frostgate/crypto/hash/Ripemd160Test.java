package dev.frostgate.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test strings of the RIPEMD-160 authors' page (Bosselaers, homes.esat.kuleuven.be/~bosselae).
 */
class Ripemd160Test {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|9c1185a5c5e9fc54612808977ee8f548b2258d31",
        "a|0bdc9d2d256b3ee9daae347be6f4dc835a467ffe",
        "abc|8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
        "message digest|5d0689ef49d2fae572b881b123a85ffa21595f36",
        "abcdefghijklmnopqrstuvwxyz|f71c27109c692c1b56bbdceb5b9d2865b3708dbc",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq|12a053384a9c0c88e405a06c27dcf49ada62eb2b",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789|b0e20b6e3116640286ed3a87a5713079b21f5189",
      })
  void authorsTestStrings(String message, String digest) {
    assertThat(HexFormat.of().formatHex(Ripemd160.hash(Hashes.ascii(message)))).isEqualTo(digest);
  }

  /** 80 bytes: the length block spills into a second block. */
  @Test
  void eightTimes1234567890() {
    assertThat(HexFormat.of().formatHex(Ripemd160.hash(Hashes.ascii("1234567890".repeat(8)))))
        .isEqualTo("9b752e45573d4b39f4dbd3323cab82bf63326bfb");
  }

  @Test
  void oneMillionA() {
    assertThat(HexFormat.of().formatHex(Ripemd160.hash(Hashes.ascii("a".repeat(1_000_000)))))
        .isEqualTo("52783243c1697bdbe16d37f97f68f08325dc1528");
  }

  @Test
  void hash160OfTheGeneratorIsTheBip173Program() {
    byte[] g =
        HexFormat.of()
            .parseHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(HexFormat.of().formatHex(Hash160.of(g)))
        .isEqualTo("751e76e8199196d454941c45d1b3a323f1433bd6");
  }
}
