package dev.frostgate.crypto.frost.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Lagrange;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ZF's {@code frost-secp256k1} repair-share vector (see the README next to it), step by step.
 *
 * <p>Upstream erratum: in the stored file (commit 84134cd), {@code sigma_generation} holds
 * little-endian ed25519 scalars copied from another ciphersuite: {@code sigma_sum} is their sum
 * modulo the ed25519 group order, not a secp256k1 sum. The test checks our part 3 sum against the
 * secp256k1 sum of the four sigmas and pins the erratum, so a corrected upstream file makes it fail
 * and get updated.
 */
class RepairVectorTest {
  private static final BigInteger ED25519_ORDER =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static JsonNode vector;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        RepairVectorTest.class.getResourceAsStream("/vectors/frost-secp256k1/repair-share.json")) {
      assertThat(in).isNotNull();
      vector = new ObjectMapper().readTree(in);
    }
  }

  private static SecretScalar secret(JsonNode node, String field) {
    return SecretScalar.fromBytes(HexFormat.of().parseHex(node.get(field).asText()));
  }

  private static Scalar scalar(JsonNode node, String field) {
    return Scalar.fromHex(node.get(field).asText());
  }

  @Test
  void part2SumsTheVectorsDeltas() {
    JsonNode v = vector.get("scalar_generation");
    List<SecretScalar> deltas =
        List.of(
            secret(v, "random_scalar_1"),
            secret(v, "random_scalar_2"),
            secret(v, "random_scalar_3"));
    assertThat(Repair.part2(deltas).reveal()).isEqualTo(scalar(v, "random_scalar_sum"));
  }

  @Test
  void part1AssignsTheVectorsRandomDeltasAsZfDoes() {
    JsonNode v = vector.get("scalar_generation");
    List<SecretScalar> random =
        List.of(
            secret(v, "random_scalar_1"),
            secret(v, "random_scalar_2"),
            secret(v, "random_scalar_3"));
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    List<Identifier> helpers = KeysTestSupport.ids(5, 1, 4, 3); // any order; ZF sorts them
    Identifier participant = Identifier.of(2);
    KeyPackage helper = g.keys().get(Identifier.of(4));

    SortedMap<Identifier, SecretScalar> deltas =
        Repair.part1WithRandomness(helpers, helper, participant, random);

    // ascending helpers 1, 3, 4 get the random values in order; the last (5) gets the rest
    assertThat(deltas.keySet()).containsExactlyElementsOf(KeysTestSupport.ids(1, 3, 4, 5));
    assertThat(deltas.get(Identifier.of(1)).reveal()).isEqualTo(scalar(v, "random_scalar_1"));
    assertThat(deltas.get(Identifier.of(3)).reveal()).isEqualTo(scalar(v, "random_scalar_2"));
    assertThat(deltas.get(Identifier.of(4)).reveal()).isEqualTo(scalar(v, "random_scalar_3"));
    Scalar zeta = Lagrange.at(participant.value(), helper.identifier(), helpers);
    Scalar expectedLast =
        helper.signingShare().reveal().multiply(zeta).subtract(scalar(v, "random_scalar_sum"));
    assertThat(deltas.get(Identifier.of(5)).reveal()).isEqualTo(expectedLast);
    assertThat(Repair.part2(deltas.values()).reveal())
        .isEqualTo(helper.signingShare().reveal().multiply(zeta));
  }

  @Test
  void part3SumsTheVectorsSigmas() {
    JsonNode v = vector.get("sigma_generation");
    List<String> names = List.of("sigma_1", "sigma_2", "sigma_3", "sigma_4");
    List<SecretScalar> sigmas = names.stream().map(n -> secret(v, n)).toList();
    BigInteger expected = BigInteger.ZERO;
    for (String n : names) {
      expected = expected.add(scalar(v, n).toBigInteger());
    }
    assertThat(Repair.sumSigmas(sigmas).reveal()).isEqualTo(Scalar.reduce(expected));

    // The erratum: the file's sigma_sum is the ed25519 (little-endian) sum of the same bytes.
    BigInteger le = BigInteger.ZERO;
    for (String n : names) {
      le = le.add(littleEndian(v.get(n).asText()));
    }
    assertThat(scalar(v, "sigma_sum").toBigInteger())
        .isNotEqualTo(expected.mod(Secp256k1.N))
        .isEqualTo(littleEndianOf(le.mod(ED25519_ORDER)));
  }

  private static BigInteger littleEndian(String hex) {
    byte[] b = HexFormat.of().parseHex(hex);
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return new BigInteger(1, r);
  }

  private static BigInteger littleEndianOf(BigInteger value) {
    return littleEndian(Scalar.reduce(value).toHex());
  }
}
