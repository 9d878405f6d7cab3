package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;

/** Strict field access on a JSON vector that names the file and field on failure. */
final class Json {
  private final String file;

  Json(String file) {
    this.file = file;
  }

  JsonNode field(JsonNode node, String path, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new VectorException(file + ": missing field " + path + "." + name);
    }
    return v;
  }

  String text(JsonNode node, String path, String name) {
    JsonNode v = field(node, path, name);
    if (!v.isTextual()) {
      throw new VectorException(file + ": field " + path + "." + name + " must be a string");
    }
    return v.asText();
  }

  byte[] hex(JsonNode node, String path, String name) {
    String s = text(node, path, name);
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new VectorException(file + ": field " + path + "." + name + " is not hex");
    }
  }

  /** An integer written as a JSON number or as a string of digits (the ZF files use both). */
  int integer(JsonNode node, String path, String name) {
    JsonNode v = field(node, path, name);
    try {
      if (v.isIntegralNumber()) {
        return v.intValue();
      }
      if (v.isTextual()) {
        return Integer.parseInt(v.asText());
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new VectorException(file + ": field " + path + "." + name + " must be an integer");
  }

  VectorException error(String path, String problem) {
    return new VectorException(file + ": " + path + ": " + problem);
  }
}
