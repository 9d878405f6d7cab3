package dev.frostgate.conformance;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.crypto.frost.Ciphersuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs a test-vector file in the Zcash Foundation JSON layout (signing, DKG, share-repair or
 * element-encoding vectors; the layout is detected from the top-level keys) against Frostgate's
 * implementation and reports every check.
 */
public final class Conformance {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Conformance() {}

  /**
   * @param suiteOverride the ciphersuite to use; when empty, the file's {@code config.name} decides
   *     (the ZF Taproot files carry the same name as the plain ones, so Taproot needs the override)
   * @throws VectorException if the file cannot be read or lacks a field (naming file and field)
   */
  public static ConformanceReport run(Path file, Optional<Ciphersuite> suiteOverride) {
    String name = file.toString();
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      // Position only: the parser's message quotes the offending text.
      JsonLocation at = e.getLocation();
      throw new VectorException(
          name
              + ": not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new VectorException(name + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new VectorException(name + ": not a JSON object");
    }
    Json json = new Json(name);
    if (root.has("scalar_generation") || root.has("sigma_generation")) {
      // Share repair is scalar arithmetic only: the same for both ciphersuites.
      return RepairConformance.run(root, json, name);
    }
    if (root.has("elements")) {
      return ElementsConformance.run(root, json, name);
    }
    Ciphersuite suite = suiteOverride.orElseGet(() -> suiteFromConfig(json, root));
    JsonNode inputs = json.field(root, "", "inputs");
    if (root.has("round_one_outputs")) {
      return SigningConformance.run(root, suite, json, name);
    }
    if (inputs.has("verifying_key") && inputs.has("1")) {
      return DkgConformance.run(root, suite, json, name);
    }
    throw new VectorException(
        name
            + ": not a signing vector (no round_one_outputs), a DKG vector (no inputs.\"1\"), a"
            + " repair vector (no scalar_generation / sigma_generation) nor an element vector (no"
            + " elements)");
  }

  private static Ciphersuite suiteFromConfig(Json json, JsonNode root) {
    JsonNode config = json.field(root, "", "config");
    String declared = json.text(config, "config", "name");
    return switch (declared) {
      case "FROST(secp256k1, SHA-256)", "FROST-secp256k1-SHA256-v1" -> Ciphersuite.RFC9591;
      case "FROST-secp256k1-SHA256-TR-v1" -> Ciphersuite.TAPROOT;
      default ->
          throw json.error(
              "config.name",
              "unknown ciphersuite '" + declared + "'; pass --ciphersuite with a context string");
    };
  }
}
