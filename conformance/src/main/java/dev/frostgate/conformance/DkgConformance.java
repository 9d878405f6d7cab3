package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
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
 *
 * <p>Under the Taproot ciphersuite the vector's {@code signing_share}, {@code verifying_share} and
 * {@code verifying_key} are what {@code frost-secp256k1-tr} stores: the output of its {@code
 * post_dkg} (even y, then the BIP341 TapTweak with an empty script tree). Frostgate keeps the
 * untweaked group key as its threshold xpub's key and tweaks per address, so those three are
 * compared after applying the same post-processing ({@link Ciphersuite#postDkg}, the identity under
 * RFC 9591) to Frostgate's raw output, and the report says so. The round-2 {@code signing_shares}
 * are f_j(i), compared as they are.
 */
final class DkgConformance {
  private static final HexFormat HEX = HexFormat.of();

  private DkgConformance() {}

  static ConformanceReport run(JsonNode root, CiphersuiteChoice choice, Json json, String title) {
    Ciphersuite suite = choice.suite();
    boolean postDkgApplies = suite == Ciphersuite.TAPROOT;
    ConformanceReport report = new ConformanceReport(title + " [DKG, " + suite + "]", choice);
    JsonNode config = json.field(root, "", "config");
    JsonNode inputs = json.field(root, "", "inputs");
    int t = json.integer(config, "config", "MIN_PARTICIPANTS");
    int n = json.integer(config, "config", "MAX_PARTICIPANTS");
    Point expectedKey = SigningConformance.point(json, inputs, "inputs", "verifying_key");

    Map<Identifier, Dkg.Part1> part1 = new TreeMap<>();
    Map<Identifier, Round1Package> broadcasts = new TreeMap<>();
    Map<Identifier, JsonNode> byId = new TreeMap<>();
    Point vectorKey = null; // Σ of the file's vss_commitments[0]: the untweaked group key
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

      // The file's round-1 package, as a peer running the crate would broadcast it.
      JsonNode vss = json.field(p, path, "vss_commitments");
      if (!vss.isArray() || vss.isEmpty()) {
        throw json.error(path + ".vss_commitments", "must be a non-empty array");
      }
      List<Point> listed = new ArrayList<>();
      for (int k = 0; k < vss.size(); k++) {
        listed.add(
            SigningConformance.pointText(json, vss.get(k), path + ".vss_commitments[" + k + "]"));
      }
      VssCommitment published = new VssCommitment(listed);
      vectorKey = vectorKey == null ? published.constant() : vectorKey.add(published.constant());
      report.add(
          "participant " + id + " VSS commitment",
          listed.stream().map(Point::toHex).toList().toString(),
          r1.broadcast().commitment().coefficients().stream()
              .map(Point::toHex)
              .toList()
              .toString());

      // The file's proof (its nonce was random) must verify under Frostgate's verifier for the
      // published φ₀, as frost-core's verify_proof_of_knowledge checks it.
      ProofOfKnowledge proof;
      try {
        proof = ProofOfKnowledge.deserialize(suite, json.hex(p, path, "proof_of_knowledge"));
      } catch (FrostException e) {
        report.add(
            "participant " + id + " proof of knowledge decodes", "ok", "error: " + e.getMessage());
        return report;
      }
      Point phi0 = published.constant();
      report.add(
          "participant "
              + id
              + " proof of knowledge verifies (φ₀ as published, "
              + (phi0.hasEvenY() ? "even" : "odd")
              + " y)",
          proof.verify(suite, id, phi0));
      broadcasts.put(id, new Round1Package(id, published, proof));
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
    Point untweaked = null;
    java.util.Set<String> transcripts = new java.util.HashSet<>();
    String after = postDkgApplies ? " after post_dkg" : "";
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
      untweaked = out.rawKeyPackage().verifyingKey();
      report.add(
          "participant " + id + " untweaked group key P = Σ φ_j0 (the xpub's key)",
          vectorKey.toHex(),
          untweaked.toHex());
      // What the crate stores: Frostgate's raw output through the ciphersuite's post_dkg.
      KeyPackage stored = out.keyPackage();
      PublicKeyPackage storedPublic = out.publicKeyPackage();
      JsonNode p = byId.get(id);
      report.add(
          "participant " + id + " signing share" + after,
          json.text(p, path, "signing_share"),
          stored.signingShare().reveal().toHex());
      report.add(
          "participant " + id + " verifying share" + after,
          json.text(p, path, "verifying_share"),
          stored.verifyingShare().toHex());
      report.add(
          "participant " + id + " group key" + after,
          expectedKey.toHex(),
          stored.verifyingKey().toHex());
      report.add(
          "participant " + id + " public key package agrees" + after,
          storedPublic.verifyingShares().get(id).toHex(),
          stored.verifyingShare().toHex());
      transcripts.add(out.transcriptHash().toString());
    }
    report.add(
        "all participants computed one transcript hash", "1", Integer.toString(transcripts.size()));
    if (postDkgApplies && untweaked != null) {
      report.note(
          suite
              + " vectors store signing_share, verifying_share and verifying_key after the crate's"
              + " post_dkg: if P has odd y, negate P, every signing share and every verifying share;"
              + " then add t = TapTweak(x(P)) to each signing share and t·G to each verifying share"
              + " and to P. Frostgate keeps the untweaked P ("
              + untweaked.toHex()
              + ", "
              + (untweaked.hasEvenY() ? "even y: no negation" : "odd y: the negation is exercised")
              + ") as its threshold xpub's key and tweaks per address, so these checks applied"
              + " the same post_dkg to Frostgate's output first; signing_shares (round 2) are"
              + " compared raw.");
    }
    return report;
  }
}
