package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.keys.Repair;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a ZF share-repair vector ({@code repair-share.json}: {@code scalar_generation} and {@code
 * sigma_generation}) through {@link Repair}. ZF checks the arithmetic of the steps only:
 *
 * <ul>
 *   <li>{@code scalar_generation}: {@code random_scalar_1..k} and their sum {@code
 *       random_scalar_sum}; the sum is what {@link Repair#part2} computes from the deltas a helper
 *       received (and what {@link Repair#part1WithRandomness} subtracts for the last delta).
 *   <li>{@code sigma_generation}: {@code sigma_1..k} and their sum {@code sigma_sum}, the repaired
 *       share {@link Repair#sumSigmas} (the value of part 3) computes.
 * </ul>
 *
 * Secrets in these vectors are test values; the report shows them.
 */
final class RepairConformance {
  /** ed25519's group order ℓ = 2^252 + 27742317777372353535851937790883648493. */
  private static final BigInteger ED25519_ORDER =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private RepairConformance() {}

  static ConformanceReport run(JsonNode root, Json json, String title) {
    ConformanceReport report = new ConformanceReport(title + " [share repair, any ciphersuite]");

    JsonNode scalars = json.field(root, "", "scalar_generation");
    List<String> randomNames = numbered(json, scalars, "scalar_generation", "random_scalar_");
    List<SecretScalar> deltas = secrets(json, scalars, "scalar_generation", randomNames);
    report.add(
        "part 2: random_scalar_sum = Σ random_scalar_1.." + randomNames.size() + " (Repair.part2)",
        json.text(scalars, "scalar_generation", "random_scalar_sum"),
        Repair.part2(deltas).reveal().toHex());

    JsonNode sigmas = json.field(root, "", "sigma_generation");
    List<String> sigmaNames = numbered(json, sigmas, "sigma_generation", "sigma_");
    List<SecretScalar> sigmaValues = secrets(json, sigmas, "sigma_generation", sigmaNames);
    String expectedSum = json.text(sigmas, "sigma_generation", "sigma_sum");
    String actualSum = Repair.sumSigmas(sigmaValues).reveal().toHex();
    report.add(
        "part 3: sigma_sum = Σ sigma_1.." + sigmaNames.size() + " (Repair.sumSigmas)",
        expectedSum,
        actualSum);
    if (!expectedSum.equalsIgnoreCase(actualSum)
        && expectedSum.equalsIgnoreCase(ed25519Sum(json, sigmas, sigmaNames))) {
      report.note(
          "sigma_generation.sigma_sum is not the secp256k1 sum of the sigmas: it is their sum as"
              + " little-endian ed25519 scalars (mod 2^252 + 2774231777737235353585193779088364849"
              + "3), an upstream erratum (the values look copied from an ed25519 ciphersuite's"
              + " file). random_scalar_sum is a correct secp256k1 sum; the FAIL above is the"
              + " file's, reported as is.");
    }
    return report;
  }

  /** The names prefix1, prefix2, ... present in node, in order; at least prefix1. */
  private static List<String> numbered(Json json, JsonNode node, String path, String prefix) {
    List<String> names = new ArrayList<>();
    json.field(node, path, prefix + 1);
    for (int i = 1; node.has(prefix + i); i++) {
      names.add(prefix + i);
    }
    return names;
  }

  private static List<SecretScalar> secrets(
      Json json, JsonNode node, String path, List<String> names) {
    List<SecretScalar> out = new ArrayList<>();
    for (String n : names) {
      out.add(SigningConformance.secret(json, node, path, n));
    }
    return out;
  }

  /** The sum of the named hex values read as little-endian integers modulo ℓ, little-endian hex. */
  private static String ed25519Sum(Json json, JsonNode node, List<String> names) {
    BigInteger sum = BigInteger.ZERO;
    for (String n : names) {
      sum = sum.add(new BigInteger(1, reverse(json.hex(node, "sigma_generation", n))));
    }
    byte[] be = sum.mod(ED25519_ORDER).toByteArray();
    byte[] fixed = new byte[32];
    int len = Math.min(be.length, 32);
    System.arraycopy(be, be.length - len, fixed, 32 - len, len);
    return HexFormat.of().formatHex(reverse(fixed));
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
