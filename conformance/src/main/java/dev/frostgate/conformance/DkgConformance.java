package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.ProofOfKnowledge;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a ZF DKG vector (t-of-n, each participant's polynomial, commitments, proof of knowledge,
 * received shares and final shares) through {@link Dkg} part 1, 2 and 3.
 */
final class DkgConformance {
  private static final HexFormat HEX = HexFormat.of();

  private DkgConformance() {}

  static ConformanceReport run(JsonNode root, CiphersuiteChoice choice, Json json, String title) {
    Ciphersuite suite = choice.suite();
    ConformanceReport report = new ConformanceReport(title + " [DKG, " + suite + "]", choice);
    JsonNode config = json.field(root, "", "config");
    JsonNode inputs = json.field(root, "", "inputs");
    int t = json.integer(config, "config", "MIN_PARTICIPANTS");
    int n = json.integer(config, "config", "MAX_PARTICIPANTS");
    Point expectedKey = SigningConformance.point(json, inputs, "inputs", "verifying_key");

    Map<Identifier, Dkg.Part1> part1 = new TreeMap<>();
    Map<Identifier, Round1Package> broadcasts = new TreeMap<>();
    Map<Identifier, JsonNode> byId = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      String path = "inputs." + i;
      JsonNode p = json.field(inputs, "inputs", Integer.toString(i));
      Identifier id = Identifier.of(json.integer(p, path, "identifier"));
      byId.put(id, p);
      List<SecretScalar> coefficients = new ArrayList<>();
      coefficients.add(SigningConformance.secret(json, p, path, "signing_key"));
      if (t > 1) {
        coefficients.add(SigningConformance.secret(json, p, path, "coefficient"));
      }
      if (t > 2) {
        throw json.error(
            path, "the ZF DKG layout records one coefficient, so only t = 2 vectors are supported");
      }
      Dkg.Part1 r1 =
          Dkg.part1FromPolynomial(
              suite, id, n, SecretPolynomial.of(coefficients), new SecureRandom());
      part1.put(id, r1);

      JsonNode vss = json.field(p, path, "vss_commitments");
      List<String> expected = new ArrayList<>();
      vss.forEach(v -> expected.add(v.asText()));
      List<String> actual =
          r1.broadcast().commitment().coefficients().stream().map(Point::toHex).toList();
      report.add("participant " + id + " VSS commitment", expected.toString(), actual.toString());

      // The vector's proof (its nonce was random) must verify against our commitment.
      ProofOfKnowledge proof;
      try {
        proof = ProofOfKnowledge.deserialize(suite, json.hex(p, path, "proof_of_knowledge"));
      } catch (FrostException e) {
        report.add(
            "participant " + id + " proof of knowledge decodes", "ok", "error: " + e.getMessage());
        return report;
      }
      VssCommitment commitment = r1.broadcast().commitment();
      report.add(
          "participant " + id + " proof of knowledge verifies",
          proof.verify(suite, id, commitment.constant()));
      broadcasts.put(id, new Round1Package(id, commitment, proof));
    }

    // Part 2: every participant checks the others' proofs and computes outgoing shares.
    Map<Identifier, Dkg.Part2> part2 = new TreeMap<>();
    for (var e : part1.entrySet()) {
      Map<Identifier, Round1Package> others = new TreeMap<>(broadcasts);
      others.remove(e.getKey());
      try {
        part2.put(e.getKey(), Dkg.part2(e.getValue().secret(), others));
      } catch (FrostException ex) {
        report.add("participant " + e.getKey() + " part 2", "ok", "error: " + ex.getMessage());
        return report;
      }
    }
    for (var e : part2.entrySet()) {
      for (Round2Package out : e.getValue().outgoing().values()) {
        String path = "inputs." + out.receiver() + ".signing_shares";
        JsonNode received =
            json.field(byId.get(out.receiver()), "inputs." + out.receiver(), "signing_shares");
        report.add(
            "share from " + out.sender() + " to " + out.receiver(),
            json.text(received, path, out.sender().toString()),
            out.share().reveal().toHex());
      }
    }

    // Part 3.
    java.util.Set<String> transcripts = new java.util.HashSet<>();
    for (Identifier id : part1.keySet()) {
      String path = "inputs." + id;
      Map<Identifier, Round1Package> others = new TreeMap<>(broadcasts);
      others.remove(id);
      Map<Identifier, Round2Package> incoming = new TreeMap<>();
      part2.forEach(
          (sender, r2) -> {
            if (!sender.equals(id)) {
              incoming.put(sender, r2.outgoing().get(id));
            }
          });
      DkgOutput out;
      try {
        out = Dkg.part3(part2.get(id).secret(), others, incoming);
      } catch (FrostException ex) {
        report.add("participant " + id + " part 3", "ok", "error: " + ex.getMessage());
        return report;
      }
      JsonNode p = byId.get(id);
      report.add(
          "participant " + id + " signing share",
          json.text(p, path, "signing_share"),
          out.rawKeyPackage().signingShare().reveal().toHex());
      report.add(
          "participant " + id + " verifying share",
          json.text(p, path, "verifying_share"),
          out.rawKeyPackage().verifyingShare().toHex());
      report.add(
          "participant " + id + " group key",
          expectedKey.toHex(),
          out.rawKeyPackage().verifyingKey().toHex());
      report.add(
          "participant " + id + " public key package agrees",
          out.rawPublicKeyPackage().verifyingShares().get(id).toHex(),
          out.rawKeyPackage().verifyingShare().toHex());
      transcripts.add(HEX.formatHex(out.transcriptHash()));
    }
    report.add(
        "all participants computed one transcript hash", "1", Integer.toString(transcripts.size()));
    return report;
  }
}
