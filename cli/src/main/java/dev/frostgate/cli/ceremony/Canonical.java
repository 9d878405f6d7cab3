package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A canonical byte encoding of the JSON values ceremony files hold (objects, arrays, strings,
 * integers, booleans, null): object members sorted by name, no whitespace, strings escaped as
 * Jackson writes them, integers in decimal. Two documents with the same content encode alike
 * whatever their layout, so the encoding can be authenticated (as AEAD associated data or a signed
 * message) while the file stays readable JSON.
 */
final class Canonical {
  private Canonical() {}

  /**
   * The canonical encoding.
   *
   * @throws IllegalArgumentException naming the member path if a value is a non-integral number
   */
  static byte[] encode(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    append(sb, node, "");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void append(StringBuilder sb, JsonNode n, String path) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(names::add);
        names.sort(null);
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          String name = names.get(i);
          sb.append(TextNode.valueOf(name)).append(':');
          append(sb, n.get(name), path.isEmpty() ? name : path + "." + name);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          append(sb, n.get(i), path + "[" + i + "]");
        }
        sb.append(']');
      }
      case STRING -> sb.append(n);
      case NUMBER -> {
        if (!n.isIntegralNumber()) {
          throw new IllegalArgumentException("field " + path + ": numbers must be integers");
        }
        sb.append(n.bigIntegerValue());
      }
      case BOOLEAN -> sb.append(n.booleanValue());
      case NULL -> sb.append("null");
      default ->
          throw new IllegalArgumentException(
              "field " + path + ": unsupported JSON value " + n.getNodeType());
    }
  }
}
