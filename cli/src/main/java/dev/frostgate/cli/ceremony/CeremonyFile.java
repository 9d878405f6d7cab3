package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.FixedBytes;
import dev.frostgate.crypto.hash.Hash32;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON file carried between air-gapped machines in the offline ceremony. Every file has a {@code
 * type} (what it holds), a format {@code version} and, where it matters, the {@code ciphersuite}.
 * Every accessor validates strictly and fails with a {@link CeremonyException} naming the file and
 * the field (never a secret value).
 */
public final class CeremonyFile {
  public static final int VERSION = 2;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final HexFormat HEX = HexFormat.of();

  /**
   * What a file type looks like ({@code frostgate/key-package}). Only such a value is ever quoted
   * back: a type field may hold anything, a pasted secret share too.
   */
  private static final java.util.regex.Pattern TYPE_NAME =
      java.util.regex.Pattern.compile("frostgate/[a-z0-9-]{1,64}");

  private final String file;
  private final String path;
  private final JsonNode node;

  private CeremonyFile(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /**
   * Reads a public ceremony file and checks its type and version.
   *
   * @throws CeremonyException if the file is missing, not JSON, or of another type or version
   */
  public static CeremonyFile read(Path p, String expectedType) {
    return new CeremonyFile(p.toString(), "", load(p, expectedType));
  }

  /**
   * Reads a secret ceremony file, checks its type and version, and opens it with {@code secrets}
   * (see {@link SecretStore}).
   *
   * @throws CeremonyException as {@link #read}, or if the file's protection is not the one given
   * @throws dev.frostgate.node.keystore.KeyStoreException if it does not open
   */
  public static CeremonyFile readSecret(Path p, String expectedType, SecretStore secrets) {
    ObjectNode doc = load(p, expectedType);
    return new CeremonyFile(p.toString(), "", secrets.open(doc, p.toString()));
  }

  private static ObjectNode load(Path p, String expectedType) {
    String name = p.toString();
    byte[] data;
    try {
      data = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw CeremonyException.badInput(name + ": no such file");
    } catch (IOException e) {
      throw CeremonyException.badInput(
          name + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    ObjectNode root;
    try {
      root = object(parse(data, name), name);
    } finally {
      java.util.Arrays.fill(data, (byte) 0);
    }
    CeremonyFile f = new CeremonyFile(name, "", root);
    String type = f.string("type");
    if (!type.equals(expectedType)) {
      throw CeremonyException.badInput(
          name + ": field type: expected '" + expectedType + "', found " + describeType(type));
    }
    int version = f.integer("version");
    if (version != VERSION) {
      throw CeremonyException.badInput(
          name
              + ": field version: unsupported version "
              + version
              + " (this build reads version "
              + VERSION
              + (version < VERSION ? "; the file was written by an older frostgate" : "")
              + ")");
    }
    return root;
  }

  /** A found type for a message: quoted if it looks like a file type, else not shown. */
  private static String describeType(String type) {
    return TYPE_NAME.matcher(type).matches() ? "'" + type + "'" : "a value that is no file type";
  }

  private static ObjectNode object(JsonNode root, String name) {
    if (root == null || !root.isObject()) {
      throw CeremonyException.badInput(name + ": must contain a JSON object");
    }
    return (ObjectNode) root;
  }

  /**
   * Parses JSON. A syntax error names the file, line and column only: never the offending text,
   * which may be part of a secret (a share whose opening quote was lost reads as a bare token).
   *
   * @throws CeremonyException naming {@code name} and the position
   */
  public static JsonNode parse(byte[] data, String name) {
    try {
      JsonNode n = MAPPER.readTree(data);
      return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw CeremonyException.badInput(
          name
              + ": not valid JSON"
              + (at == null || at.getLineNr() < 1
                  ? ""
                  : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw CeremonyException.badInput(
          name + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The {@code type} of a file's JSON content, or empty if it is not a JSON object with a string
   * type (used to refuse replacing a file of another kind).
   */
  static java.util.Optional<String> typeOf(byte[] data) {
    try {
      JsonNode n = MAPPER.readTree(data);
      return n != null
              && n.isObject()
              && n.path("type").isTextual()
              && TYPE_NAME.matcher(n.get("type").asText()).matches()
          ? java.util.Optional.of(n.get("type").asText())
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** Pretty-printed JSON bytes of a document. */
  static byte[] toBytes(JsonNode doc) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** One line of JSON, no whitespace (the nonce ledger's lines). */
  static byte[] toCompactBytes(JsonNode doc) {
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A fresh ceremony document of the given type. */
  public static ObjectNode newDocument(String type) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", type);
    n.put("version", VERSION);
    return n;
  }

  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  public static com.fasterxml.jackson.databind.node.ArrayNode newArray() {
    return MAPPER.createArrayNode();
  }

  public String fileName() {
    return file;
  }

  /** A copy of the JSON object this view reads. */
  public ObjectNode node() {
    if (!node.isObject()) {
      throw new IllegalStateException("not an object: " + path);
    }
    return ((ObjectNode) node).deepCopy();
  }

  private String where(String field) {
    return file + ": field " + (path.isEmpty() ? field : path + "." + field);
  }

  public CeremonyException error(String field, String problem) {
    return CeremonyException.badInput(where(field) + ": " + problem);
  }

  public boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  private JsonNode raw(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw CeremonyException.badInput(where(field) + ": missing");
    }
    return v;
  }

  public String string(String field) {
    JsonNode v = raw(field);
    if (!v.isTextual()) {
      throw error(field, "must be a string");
    }
    return v.asText();
  }

  public int integer(String field) {
    JsonNode v = raw(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(field, "must be an integer");
    }
    return v.intValue();
  }

  public byte[] hex(String field, int expectedLength) {
    String s = string(field);
    byte[] b;
    try {
      b = HEX.parseHex(s);
    } catch (IllegalArgumentException e) {
      throw error(field, "must be lowercase hex");
    }
    if (expectedLength >= 0 && b.length != expectedLength) {
      throw error(field, "must be " + expectedLength + " bytes, got " + b.length);
    }
    return b;
  }

  /** A 32-byte hash given as 64 hex digits. */
  public Hash32 hash32(String field) {
    return Hash32.of(hex(field, Hash32.LENGTH));
  }

  /** A BIP340 signature given as 128 hex digits (its validity is the caller's to check). */
  public Bip340Signature signature(String field) {
    return Bip340Signature.of(hex(field, Bip340Signature.LENGTH));
  }

  public Point point(String field) {
    byte[] b = hex(field, 33);
    try {
      return dev.frostgate.crypto.frost.Encodings.point(b, field);
    } catch (FrostException e) {
      throw error(field, "not a valid secp256k1 point");
    }
  }

  public Scalar scalar(String field) {
    try {
      return Scalar.fromBytes(hex(field, 32));
    } catch (CryptoException e) {
      throw error(field, "not a valid scalar (must be below the group order)");
    }
  }

  /** A secret scalar; the error never shows the value. */
  public SecretScalar secret(String field) {
    byte[] b = hex(field, 32);
    try {
      return SecretScalar.fromBytes(b);
    } catch (CryptoException e) {
      throw error(field, "not a valid secret scalar (zero or not below the group order)");
    } finally {
      java.util.Arrays.fill(b, (byte) 0);
    }
  }

  public Identifier identifier(String field) {
    JsonNode v = raw(field);
    try {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return Identifier.of(v.longValue());
      }
      if (v.isTextual()) {
        return Identifier.fromBytes(HEX.parseHex(v.asText()));
      }
    } catch (RuntimeException e) {
      throw error(field, "not a valid participant identifier (" + e.getMessage() + ")");
    }
    throw error(field, "must be a positive integer or a 32-byte hex scalar");
  }

  public Ciphersuite ciphersuite() {
    String name = string("ciphersuite");
    try {
      return Ciphersuite.byName(name);
    } catch (FrostException e) {
      // Not e's message: it quotes the value, which may be anything (a pasted secret too).
      throw error(
          "ciphersuite",
          "unknown ciphersuite; known: "
              + Ciphersuite.RFC9591.contextString()
              + ", "
              + Ciphersuite.TAPROOT.contextString());
    }
  }

  public CeremonyFile object(String field) {
    JsonNode v = raw(field);
    if (!v.isObject()) {
      throw error(field, "must be an object");
    }
    return new CeremonyFile(file, path.isEmpty() ? field : path + "." + field, v);
  }

  public List<CeremonyFile> objects(String field) {
    String at = path.isEmpty() ? field : path + "." + field;
    return elements(
        field,
        JsonNode::isObject,
        "must be an object",
        (i, e) -> new CeremonyFile(file, at + "[" + i + "]", e));
  }

  public List<String> strings(String field) {
    return elements(field, JsonNode::isTextual, "must be a string", (i, e) -> e.asText());
  }

  /** The elements of an array field, each of which must pass {@code valid} (else {@code must}). */
  private <T> List<T> elements(
      String field,
      java.util.function.Predicate<JsonNode> valid,
      String must,
      java.util.function.BiFunction<Integer, JsonNode, T> read) {
    JsonNode v = raw(field);
    if (!v.isArray()) {
      throw error(field, "must be an array");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!valid.test(v.get(i))) {
        throw error(field + "[" + i + "]", must);
      }
      out.add(read.apply(i, v.get(i)));
    }
    return out;
  }

  /** The entries of an object field, keyed by its member names. */
  public Map<String, CeremonyFile> members(String field) {
    CeremonyFile o = object(field);
    Map<String, CeremonyFile> out = new java.util.LinkedHashMap<>();
    Iterator<String> names = o.node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      out.put(n, new CeremonyFile(file, o.path + "." + n, o.node.get(n)));
    }
    return out;
  }

  public static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** A hash, signature or other fixed-size value as the lowercase hex the files hold. */
  public static String hex(FixedBytes<?> b) {
    return hex(b.bytes());
  }
}
