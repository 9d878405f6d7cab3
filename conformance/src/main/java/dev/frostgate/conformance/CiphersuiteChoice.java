package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.frost.Ciphersuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ciphersuite a signing or DKG vector file runs under, and why.
 *
 * <p>{@code config.name} alone cannot decide: the Zcash Foundation's {@code frost-secp256k1-tr}
 * files (released v2.2.0 and v3.0.0) carry the plain name {@code "FROST(secp256k1, SHA-256)"}, a
 * copy-paste upstream. So, unless {@code --ciphersuite} is given, the Taproot ciphersuite is chosen
 * when the file's own encodings say so (a 64-byte final signature or proof of knowledge, x(R) ‖ z,
 * where RFC 9591 writes 65 bytes, R compressed ‖ z) or its file name does (a {@code tr} token, as
 * in {@code frost-secp256k1-tr-vectors.json}). A file whose name says Taproot but whose encodings
 * are RFC 9591's is ambiguous and refused rather than guessed.
 *
 * @param reason one sentence for the report: what decided
 */
public record CiphersuiteChoice(Ciphersuite suite, String reason) {
  static final String PLAIN_DISPLAY_NAME = "FROST(secp256k1, SHA-256)";

  /** A {@code tr} token in a file name: {@code frost-secp256k1-tr-vectors.json}. */
  private static final Pattern TR_TOKEN = Pattern.compile("(^|[-_.])tr([-_.]|$)");

  public CiphersuiteChoice {
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a ciphersuite choice needs a reason");
    }
  }

  /** The two layouts that depend on the ciphersuite, and where each shows its encoding. */
  enum Layout {
    SIGNING("final_output.sig", "the final signature"),
    DKG("inputs.1.proof_of_knowledge", "participant 1's proof of knowledge");

    private final String field;
    private final String what;

    Layout(String field, String what) {
      this.field = field;
      this.what = what;
    }

    private JsonNode value(JsonNode root) {
      return this == SIGNING
          ? root.path("final_output").path("sig")
          : root.path("inputs").path("1").path("proof_of_knowledge");
    }
  }

  /**
   * @throws VectorException for an unknown {@code config.name} or contradicting evidence
   */
  static CiphersuiteChoice decide(
      Path file, JsonNode root, Layout layout, Json json, Optional<Ciphersuite> override) {
    if (override.isPresent()) {
      return new CiphersuiteChoice(override.get(), "given with --ciphersuite");
    }
    String declared = json.text(json.field(root, "", "config"), "config", "name");
    if (declared.equals(Ciphersuite.TAPROOT.contextString())) {
      return new CiphersuiteChoice(Ciphersuite.TAPROOT, "config.name is '" + declared + "'");
    }
    if (!declared.equals(PLAIN_DISPLAY_NAME)
        && !declared.equals(Ciphersuite.RFC9591.contextString())) {
      throw json.error(
          "config.name",
          "unknown ciphersuite '" + declared + "'; pass --ciphersuite with a context string");
    }
    Optional<Encoding> encoding = encoding(root, layout);
    Optional<String> taprootName = taprootName(file);
    boolean encodedTaproot = encoding.map(e -> e.suite == Ciphersuite.TAPROOT).orElse(false);
    boolean encodedPlain = encoding.map(e -> e.suite == Ciphersuite.RFC9591).orElse(false);
    if (taprootName.isPresent() && encodedPlain) {
      throw json.error(
          encoding.get().field,
          "the file name says Taproot ("
              + taprootName.get()
              + ") but "
              + encoding.get().description
              + "; pass --ciphersuite");
    }
    if (encodedTaproot || taprootName.isPresent()) {
      List<String> why = new ArrayList<>();
      encoding.ifPresent(e -> why.add(e.description));
      taprootName.ifPresent(why::add);
      return new CiphersuiteChoice(
          Ciphersuite.TAPROOT,
          String.join(" and ", why)
              + "; config.name says '"
              + declared
              + "', the plain name that upstream's frost-secp256k1-tr files carry by mistake");
    }
    return new CiphersuiteChoice(
        Ciphersuite.RFC9591,
        "config.name is '"
            + declared
            + "'"
            + encoding.map(e -> " and " + e.description).orElse("")
            + ", and the file name does not say Taproot");
  }

  private record Encoding(Ciphersuite suite, String field, String description) {}

  /** What the byte length of the final signature (signing) or a proof (DKG) says. */
  private static Optional<Encoding> encoding(JsonNode root, Layout layout) {
    JsonNode value = layout.value(root);
    if (!value.isTextual()) {
      return Optional.empty(); // the runner reports the missing field where it reads it
    }
    return switch (value.asText().length()) {
      case 128 ->
          Optional.of(
              new Encoding(
                  Ciphersuite.TAPROOT,
                  layout.field,
                  layout.what
                      + " is 64 bytes (x(R) ‖ z, the BIP340 form "
                      + Ciphersuite.TAPROOT
                      + " uses)"));
      case 130 ->
          Optional.of(
              new Encoding(
                  Ciphersuite.RFC9591,
                  layout.field,
                  layout.what + " is 65 bytes (R compressed ‖ z, as RFC 9591 writes it)"));
      default -> Optional.empty();
    };
  }

  private static Optional<String> taprootName(Path file) {
    Path name = file.getFileName();
    if (name != null && TR_TOKEN.matcher(name.toString()).find()) {
      return Optional.of("the file name '" + name + "' has the token 'tr'");
    }
    return Optional.empty();
  }
}
