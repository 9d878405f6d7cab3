package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningComputations;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hashes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a signing vector (RFC 9591 / ZF layout) step by step: key shares from the polynomial, nonces
 * and commitments from the recorded randomness, binding factors, signature shares, the aggregate
 * signature, and its verification.
 */
final class SigningConformance {
  private static final HexFormat HEX = HexFormat.of();

  private SigningConformance() {}

  static ConformanceReport run(JsonNode root, CiphersuiteChoice choice, Json json, String title) {
    Ciphersuite suite = choice.suite();
    ConformanceReport report = new ConformanceReport(title + " [signing, " + suite + "]", choice);
    JsonNode config = json.field(root, "", "config");
    JsonNode inputs = json.field(root, "", "inputs");
    int minSigners = json.integer(config, "config", "MIN_PARTICIPANTS");
    int maxSigners = json.integer(config, "config", "MAX_PARTICIPANTS");
    String keyField = inputs.has("group_public_key") ? "group_public_key" : "verifying_key_key";
    Point groupKey = point(json, inputs, "inputs", keyField);
    byte[] message = json.hex(inputs, "inputs", "message");

    // Shares: from the polynomial and as listed.
    SecretScalar secret = secret(json, inputs, "inputs", "group_secret_key");
    report.add("group key = group_secret_key·G", groupKey.toHex(), secret.publicPoint().toHex());
    List<SecretScalar> coefficients = new ArrayList<>();
    coefficients.add(secret);
    JsonNode coeffs = json.field(inputs, "inputs", "share_polynomial_coefficients");
    for (int i = 0; i < coeffs.size(); i++) {
      coefficients.add(
          secretText(json, coeffs.get(i), "inputs.share_polynomial_coefficients[" + i + "]"));
    }
    SecretPolynomial f = SecretPolynomial.of(coefficients);
    Map<Identifier, KeyPackage> keys = new TreeMap<>();
    Map<Identifier, Point> verifyingShares = new TreeMap<>();
    JsonNode shares = json.field(inputs, "inputs", "participant_shares");
    for (int i = 0; i < shares.size(); i++) {
      String path = "inputs.participant_shares[" + i + "]";
      Identifier id = Identifier.of(json.integer(shares.get(i), path, "identifier"));
      SecretScalar share = secret(json, shares.get(i), path, "participant_share");
      SecretScalar computed = f.evaluate(id);
      report.add(
          "share of participant " + id + " = f(" + id + ")",
          computed.reveal().toHex(),
          share.reveal().toHex());
      Point yi = share.publicPoint();
      verifyingShares.put(id, yi);
      keys.put(id, new KeyPackage(suite, id, share, yi, groupKey, minSigners));
    }
    if (keys.size() != maxSigners) {
      throw json.error(
          "inputs.participant_shares",
          "lists " + keys.size() + " shares, MAX_PARTICIPANTS is " + maxSigners);
    }
    PublicKeyPackage publicKeys =
        new PublicKeyPackage(suite, new TreeMap<>(verifyingShares), groupKey, minSigners);

    // Round 1.
    JsonNode r1 =
        json.field(json.field(root, "", "round_one_outputs"), "round_one_outputs", "outputs");
    Map<Identifier, SigningNonces> nonces = new LinkedHashMap<>();
    Map<Identifier, JsonNode> r1ById = new LinkedHashMap<>();
    for (int i = 0; i < r1.size(); i++) {
      String path = "round_one_outputs.outputs[" + i + "]";
      JsonNode o = r1.get(i);
      Identifier id = Identifier.of(json.integer(o, path, "identifier"));
      KeyPackage key = keys.get(id);
      if (key == null) {
        throw json.error(path, "participant " + id + " has no share in inputs.participant_shares");
      }
      byte[] hr = json.hex(o, path, "hiding_nonce_randomness");
      byte[] br = json.hex(o, path, "binding_nonce_randomness");
      report.add(
          "participant " + id + " hiding nonce",
          json.text(o, path, "hiding_nonce"),
          Round1.revealNonceForConformance(key, hr).toHex());
      report.add(
          "participant " + id + " binding nonce",
          json.text(o, path, "binding_nonce"),
          Round1.revealNonceForConformance(key, br).toHex());
      SigningNonces n = Round1.commitForTestVectors(key, hr, br);
      report.add(
          "participant " + id + " hiding commitment",
          json.text(o, path, "hiding_nonce_commitment"),
          n.commitments().hiding().toHex());
      report.add(
          "participant " + id + " binding commitment",
          json.text(o, path, "binding_nonce_commitment"),
          n.commitments().binding().toHex());
      nonces.put(id, n);
      r1ById.put(id, o);
    }
    JsonNode list = json.field(inputs, "inputs", "participant_list");
    List<Identifier> signers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      signers.add(Identifier.of(list.get(i).asInt()));
    }
    report.add(
        "round one outputs cover participant_list",
        signers.toString(),
        new ArrayList<>(nonces.keySet()).toString());
    SigningPackage pkg =
        SigningPackage.of(
            nonces.values().stream().map(SigningNonces::commitments).toList(), message);

    // Binding factors (computed for the key the ciphersuite signs with).
    Point signingKey = suite.preAggregate(publicKeys).verifyingKey();
    Map<Identifier, byte[]> bfInputs =
        SigningComputations.bindingFactorInputs(suite, signingKey, pkg);
    Map<Identifier, Scalar> bfs = SigningComputations.bindingFactors(suite, signingKey, pkg);
    r1ById.forEach(
        (id, o) -> {
          String path = "round_one_outputs";
          report.add(
              "participant " + id + " binding factor input",
              json.text(o, path, "binding_factor_input"),
              HEX.formatHex(bfInputs.get(id)));
          report.add(
              "participant " + id + " binding factor",
              json.text(o, path, "binding_factor"),
              bfs.get(id).toHex());
        });

    // Round 2.
    JsonNode r2 =
        json.field(json.field(root, "", "round_two_outputs"), "round_two_outputs", "outputs");
    Map<Identifier, String> expectedShares = new TreeMap<>();
    for (int i = 0; i < r2.size(); i++) {
      String path = "round_two_outputs.outputs[" + i + "]";
      expectedShares.put(
          Identifier.of(json.integer(r2.get(i), path, "identifier")),
          json.text(r2.get(i), path, "sig_share"));
    }
    List<SignatureShare> sigShares = new ArrayList<>();
    for (Identifier id : signers) {
      try {
        SignatureShare s = Round2.sign(pkg, nonces.get(id), keys.get(id));
        sigShares.add(s);
        report.add(
            "participant " + id + " signature share",
            expectedShares.getOrDefault(id, "(missing)"),
            s.share().toHex());
      } catch (FrostException e) {
        report.add("participant " + id + " signature share", "a share", "error: " + e.getMessage());
        return report;
      }
    }

    // Aggregate and verify.
    String expectedSig = json.text(json.field(root, "", "final_output"), "final_output", "sig");
    Signature sig;
    try {
      sig = Aggregator.aggregate(pkg, sigShares, publicKeys);
    } catch (FrostException e) {
      report.add("aggregate signature", expectedSig, "error: " + e.getMessage());
      return report;
    }
    String actualSig =
        expectedSig.length() == 130
            ? HEX.formatHex(Hashes.concat(sig.r().compressed(), sig.z().toBytes()))
            : HEX.formatHex(suite.serializeSignature(sig));
    report.add("aggregate signature", expectedSig, actualSig);
    report.add("signature verifies under " + suite, suite.verify(sig, message, signingKey));
    return report;
  }

  static Point point(Json json, JsonNode node, String path, String field) {
    return decodedHex(json, node, path, field, Point::decode, "point");
  }

  static Point pointText(Json json, JsonNode node, String path) {
    try {
      return Point.decode(HEX.parseHex(node.asText()));
    } catch (RuntimeException e) {
      throw json.error(path, "not a valid point: " + e.getMessage());
    }
  }

  static SecretScalar secret(Json json, JsonNode node, String path, String field) {
    return decodedHex(json, node, path, field, SecretScalar::fromBytes, "scalar");
  }

  /**
   * The hex field {@code path.field} decoded by {@code decoder}; a field that is missing or not hex
   * keeps the vector reader's own error, a value the decoder refuses is reported as not a valid
   * {@code what}.
   */
  private static <T> T decodedHex(
      Json json,
      JsonNode node,
      String path,
      String field,
      Function<byte[], T> decoder,
      String what) {
    try {
      return decoder.apply(json.hex(node, path, field));
    } catch (RuntimeException e) {
      if (e instanceof VectorException ve) {
        throw ve;
      }
      throw json.error(path + "." + field, "not a valid " + what + ": " + e.getMessage());
    }
  }

  static SecretScalar secretText(Json json, JsonNode node, String path) {
    try {
      return SecretScalar.fromBytes(HEX.parseHex(node.asText()));
    } catch (RuntimeException e) {
      throw json.error(path, "not a valid scalar");
    }
  }
}
