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
   * @param suiteOverride the ciphersuite to use; when empty, {@link CiphersuiteChoice} decides from
   *     the file ({@code config.name}, which is wrong in ZF's Taproot files, the encodings and the
   *     file name) and the report says why
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
    JsonNode inputs = json.field(root, "", "inputs");
    if (root.has("round_one_outputs")) {
      CiphersuiteChoice suite =
          CiphersuiteChoice.decide(
              file, root, CiphersuiteChoice.Layout.SIGNING, json, suiteOverride);
      return SigningConformance.run(root, suite, json, name);
    }
    if (inputs.has("verifying_key") && inputs.has("1")) {
      CiphersuiteChoice suite =
          CiphersuiteChoice.decide(file, root, CiphersuiteChoice.Layout.DKG, json, suiteOverride);
      return DkgConformance.run(root, suite, json, name);
    }
    throw new VectorException(
        name
            + ": not a signing vector (no round_one_outputs), a DKG vector (no inputs.\"1\"), a"
            + " repair vector (no scalar_generation / sigma_generation) nor an element vector (no"
            + " elements)");
  }
}
