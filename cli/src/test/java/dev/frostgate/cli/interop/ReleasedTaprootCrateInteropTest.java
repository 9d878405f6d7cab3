package dev.frostgate.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.cli.Main;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.ProofOfKnowledge;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.wire.DkgMessages;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.sim.dkg.DkgScenario;
import dev.frostgate.sim.dkg.DkgSimulation;
import dev.frostgate.testkit.crypto.InProcessDkg;
import dev.frostgate.testkit.crypto.InProcessSigning;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the Zcash Foundation's released {@code frost-secp256k1-tr} (v2.2.0 and
 * v3.0.0) in both directions, without cargo (no crates.io here): {@link ReleasedTaprootCrate} is an
 * independent transcription of the crate's {@code challenge}, {@code verify_proof_of_knowledge}
 * (frost-core {@code src/keys/dkg.rs}) and {@code post_dkg} ({@code frost-secp256k1-tr/src/lib.rs})
 * at tag {@code frost-secp256k1-tr/v2.2.0}, on BouncyCastle's secp256k1. It is first checked
 * against the crate's own released vector, then run on Frostgate's output: round-1 packages from
 * {@link Dkg#part1}, from the networked DKG after the wire, and from the ceremony file, for
 * commitments φ₀ of both parities; and full DKG output through the crate's post_dkg, signing BIP340
 * signatures that libsecp256k1 accepts.
 */
class ReleasedTaprootCrateInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(Path p) throws Exception {
    return JSON.readTree(Files.readAllBytes(p));
  }

  static Path shared(String name) {
    return Path.of(System.getProperty("frostgate.vectors"), name);
  }

  /** ZF's pre-release file (commit 11f43eb1), kept in the conformance module to be rejected. */
  static Path preRelease() {
    return Path.of(
        System.getProperty("user.dir"),
        "..",
        "conformance/src/test/resources/vectors/frost-secp256k1-tr/"
            + "vectors_dkg-prerelease-11f43eb1.json");
  }

  static ECPoint element(String hex) {
    return ReleasedTaprootCrate.deserializeElement(HEX.parseHex(hex));
  }

  /** The crate's verdict on one participant of a ZF DKG vector file. */
  static boolean crateAccepts(JsonNode participant) {
    return ReleasedTaprootCrate.verifyProofOfKnowledge(
        participant.get("identifier").asLong(),
        HEX.parseHex(participant.get("vss_commitments").get(0).asText()),
        HEX.parseHex(participant.get("proof_of_knowledge").asText()));
  }

  /** The crate's verdict on a Frostgate round-1 package, in the crate's encodings. */
  static boolean crateAccepts(Round1Package p) {
    return ReleasedTaprootCrate.verifyProofOfKnowledge(
        p.sender().smallValue(),
        p.commitment().constant().compressed(),
        p.proof().serialize(Ciphersuite.TAPROOT));
  }

  // ---------------------------------------------------------------- the transcription itself

  @Test
  void theTranscriptionAcceptsTheReleasedVectorsProofsAndSoDoesFrostgate() throws Exception {
    JsonNode inputs = json(shared("frost-secp256k1-tr-vectors_dkg.json")).get("inputs");
    Map<Integer, Boolean> evenPhi0 = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      JsonNode p = inputs.get(Integer.toString(i));
      Point phi0 = Point.fromHex(p.get("vss_commitments").get(0).asText());
      evenPhi0.put(i, phi0.hasEvenY());
      assertThat(crateAccepts(p)).as("crate rule, participant " + i).isTrue();
      ProofOfKnowledge proof =
          ProofOfKnowledge.deserialize(
              Ciphersuite.TAPROOT, HEX.parseHex(p.get("proof_of_knowledge").asText()));
      assertThat(proof.verify(Ciphersuite.TAPROOT, Identifier.of(i), phi0))
          .as("Frostgate, participant " + i)
          .isTrue();
      // Not vacuous: the same proof under another identifier fails.
      assertThat(
              ReleasedTaprootCrate.verifyProofOfKnowledge(
                  i + 1,
                  HEX.parseHex(p.get("vss_commitments").get(0).asText()),
                  HEX.parseHex(p.get("proof_of_knowledge").asText())))
          .isFalse();
    }
    assertThat(evenPhi0).isEqualTo(Map.of(1, false, 2, false, 3, true));
  }

  @Test
  void theTranscriptionRejectsThePreReleaseProofsForOddKeys() throws Exception {
    JsonNode inputs = json(preRelease()).get("inputs");
    assertThat(crateAccepts(inputs.get("1"))).isFalse();
    assertThat(crateAccepts(inputs.get("2"))).isFalse();
    assertThat(crateAccepts(inputs.get("3"))).isTrue();
  }

  /** The transcribed post_dkg turns the vector's raw DKG values into exactly what it stores. */
  @Test
  void theTranscribedPostDkgReproducesTheReleasedVectorsStoredKeys() throws Exception {
    JsonNode inputs = json(shared("frost-secp256k1-tr-vectors_dkg.json")).get("inputs");
    BigInteger n = ReleasedTaprootCrate.N;
    ECPoint groupKey = null;
    Map<Long, BigInteger> rawShares = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      JsonNode p = inputs.get(Integer.toString(i));
      ECPoint phi0 = element(p.get("vss_commitments").get(0).asText());
      groupKey = groupKey == null ? phi0 : groupKey.add(phi0).normalize();
      // Own share f_i(i) = a_i0 + a_i1·i, plus the f_j(i) received.
      BigInteger own =
          new BigInteger(p.get("signing_key").asText(), 16)
              .add(
                  new BigInteger(p.get("coefficient").asText(), 16)
                      .multiply(BigInteger.valueOf(i)));
      BigInteger sum = own;
      for (JsonNode received : p.get("signing_shares")) {
        sum = sum.add(new BigInteger(received.asText(), 16));
      }
      rawShares.put((long) i, sum.mod(n));
    }
    assertThat(HEX.formatHex(ReleasedTaprootCrate.serializeElement(groupKey)))
        .isEqualTo("034a48daffc43b47b42695611942c481aecffb9137686ad0b3e0ab8e1f1dab0293");
    Map<Long, ECPoint> rawVerifying = new HashMap<>();
    rawShares.forEach((id, s) -> rawVerifying.put(id, ReleasedTaprootCrate.mulG(s)));
    ReleasedTaprootCrate.PublicKeys stored = ReleasedTaprootCrate.postDkg(groupKey, rawVerifying);
    assertThat(HEX.formatHex(ReleasedTaprootCrate.serializeElement(stored.verifyingKey())))
        .isEqualTo(inputs.get("verifying_key").asText());
    for (int i = 1; i <= 3; i++) {
      JsonNode p = inputs.get(Integer.toString(i));
      assertThat(
              HEX.formatHex(
                  ReleasedTaprootCrate.serializeElement(stored.verifyingShares().get((long) i))))
          .isEqualTo(p.get("verifying_share").asText());
      assertThat(
              HEX.formatHex(
                  ReleasedTaprootCrate.serializeScalar(
                      ReleasedTaprootCrate.postDkgSigningShare(groupKey, rawShares.get((long) i)))))
          .isEqualTo(p.get("signing_share").asText());
    }
  }

  // ---------------------------------------------------------------- Frostgate -> crate

  @Test
  void frostgatesRound1ProofsVerifyUnderTheReleasedRuleForBothParities() {
    SecureRandom rnd = new SecureRandom();
    Map<Boolean, Integer> checked = new HashMap<>(Map.of(true, 0, false, 0));
    for (int i = 0; i < 400 && (checked.get(true) < 8 || checked.get(false) < 8); i++) {
      Identifier id = Identifier.of(1 + i % 15);
      Dkg.Part1 p = Dkg.part1(Ciphersuite.TAPROOT, id, 15, 10, rnd);
      p.secret().destroy();
      Round1Package pkg = p.broadcast();
      assertThat(pkg.proof().serialize(Ciphersuite.TAPROOT)).hasSize(64);
      assertThat(crateAccepts(pkg)).as("participant " + id).isTrue();
      checked.merge(pkg.commitment().constant().hasEvenY(), 1, Integer::sum);
    }
    assertThat(checked.get(true)).as("proofs for φ₀ with even y").isGreaterThanOrEqualTo(8);
    assertThat(checked.get(false)).as("proofs for φ₀ with odd y").isGreaterThanOrEqualTo(8);
  }

  /**
   * The networked DKG (validators' {@code DkgSession}s on the simulated network): every round-1
   * package, as a peer decodes it from the wire, verifies under the crate's rule.
   */
  @Test
  void theNetworkedDkgsRound1PackagesVerifyUnderTheReleasedRule() throws Exception {
    Set<Boolean> parities = new TreeSet<>();
    int packages = 0;
    for (long seed = 1; seed <= 10 && parities.size() < 2; seed++) {
      DkgSimulation sim =
          DkgSimulation.of(DkgScenario.network(seed, 5, 3, Map.of(), 0, 0, 5)).recordMessages();
      DkgSimulation.Result r = sim.run();
      assertThat(r.ok()).as(r.line()).isTrue();
      for (DkgSimulation.Sent s : sim.sent()) {
        if (!(s.message() instanceof DkgMessage.Round1 round1)) {
          continue;
        }
        int sender = (int) round1.author().smallValue();
        byte[] wire = DkgMessages.envelope(round1, sender, 1, 0).toByteArray();
        DkgMessages.Result decoded = DkgMessages.decode(Envelope.parseFrom(wire));
        assertThat(decoded).isInstanceOf(DkgMessages.Result.Ok.class);
        Round1Package received =
            ((DkgMessage.Round1) ((DkgMessages.Result.Ok) decoded).message()).pkg();
        assertThat(received.proof().r().hasEvenY()).isTrue();
        assertThat(crateAccepts(received)).as("seed " + seed + ", " + s.from()).isTrue();
        parities.add(received.commitment().constant().hasEvenY());
        packages++;
      }
    }
    assertThat(packages).isGreaterThanOrEqualTo(5);
    assertThat(parities).as("φ₀ parities seen").containsExactly(false, true);
  }

  /** {@code frostgate dkg part1} writes the proof in the crate's 64-byte encoding. */
  @Test
  void theCeremonyFilesRound1PackageVerifiesUnderTheReleasedRule(@TempDir Path dir)
      throws Exception {
    Set<Boolean> parities = new TreeSet<>();
    for (int i = 0; i < 40 && parities.size() < 2; i++) {
      Path secret = dir.resolve("secret-" + i + ".json");
      Path pkg = dir.resolve("package-" + i + ".json");
      StringWriter out = new StringWriter();
      var cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(out));
      int exit =
          cli.execute(
              "dkg",
              "part1",
              "--id",
              "2",
              "--participants",
              "3",
              "--threshold",
              "2",
              "--secret-out",
              secret.toString(),
              "--package-out",
              pkg.toString(),
              // Only the public package is read here; the secret file's protection is not the
              // subject of this test.
              "--insecure-plaintext");
      assertThat(exit).as(out.toString()).isZero();
      JsonNode file = json(pkg);
      byte[] phi0 = HEX.parseHex(file.get("commitment").get(0).asText());
      byte[] proof = HEX.parseHex(file.get("proof_of_knowledge").asText());
      assertThat(proof).hasSize(64);
      assertThat(ReleasedTaprootCrate.verifyProofOfKnowledge(2, phi0, proof)).isTrue();
      parities.add(Point.decode(phi0).hasEvenY());
    }
    assertThat(parities).containsExactly(false, true);
  }

  // ---------------------------------------------------------------- DKG output -> post_dkg ->
  // BIP340

  /**
   * Frostgate's full Taproot DKG output, passed through the crate's post_dkg transcription, equals
   * Frostgate's own Taproot-tweaked packages, and Frostgate's signing with them produces BIP340
   * signatures libsecp256k1 accepts for the crate's key; for untweaked keys P of both parities (and
   * tweaked keys Q of both parities).
   */
  @Test
  void frostgatesDkgOutputThroughTheCratesPostDkgSignsValidBip340Signatures() {
    SecureRandom rnd = new SecureRandom();
    Set<String> cases = new TreeSet<>();
    byte[] message = "frostgate interop".getBytes(StandardCharsets.US_ASCII);
    for (int run = 0; run < 200 && cases.size() < 4; run++) {
      Map<Identifier, DkgOutput> outputs = InProcessDkg.runParts(Ciphersuite.TAPROOT, 5, 3, rnd);
      DkgOutput first = outputs.values().iterator().next();
      Point raw = first.rawPublicKeyPackage().verifyingKey();
      ECPoint rawKey = element(raw.toHex());
      Map<Long, ECPoint> rawShares = new HashMap<>();
      first
          .rawPublicKeyPackage()
          .verifyingShares()
          .forEach((id, p) -> rawShares.put(id.smallValue(), element(p.toHex())));
      ReleasedTaprootCrate.PublicKeys crate = ReleasedTaprootCrate.postDkg(rawKey, rawShares);

      // Frostgate's tweaked packages are the crate's post_dkg of its raw ones.
      PublicKeyPackage tweaked = first.publicKeyPackage();
      assertThat(tweaked.verifyingKey().compressed())
          .isEqualTo(ReleasedTaprootCrate.serializeElement(crate.verifyingKey()));
      List<KeyPackage> signers = new ArrayList<>();
      for (var e : outputs.entrySet()) {
        long id = e.getKey().smallValue();
        KeyPackage key = e.getValue().keyPackage();
        assertThat(tweaked.verifyingShares().get(e.getKey()).compressed())
            .isEqualTo(ReleasedTaprootCrate.serializeElement(crate.verifyingShares().get(id)));
        // Test shares of a throwaway group, revealed only to compare with the transcription.
        BigInteger rawShare = e.getValue().rawKeyPackage().signingShare().reveal().toBigInteger();
        assertThat(key.signingShare().reveal().toBigInteger())
            .isEqualTo(ReleasedTaprootCrate.postDkgSigningShare(rawKey, rawShare));
        if (signers.size() < 3) {
          signers.add(key);
        }
      }

      Signature sig = InProcessSigning.sign(tweaked, signers, message, rnd);
      byte[] bip340 = Ciphersuite.TAPROOT.serializeSignature(sig);
      byte[] xOnlyQ = ReleasedTaprootCrate.x(crate.verifyingKey());
      assertThat(Secp256k1.verifySchnorr(bip340, message, xOnlyQ)).isTrue();
      assertThat(Secp256k1.verifySchnorr(bip340, message, raw.xOnly())).isFalse();
      cases.add(
          "P "
              + (raw.hasEvenY() ? "even" : "odd")
              + ", Q "
              + (ReleasedTaprootCrate.hasEvenY(crate.verifyingKey()) ? "even" : "odd"));
    }
    assertThat(cases)
        .containsExactly("P even, Q even", "P even, Q odd", "P odd, Q even", "P odd, Q odd");
  }
}
