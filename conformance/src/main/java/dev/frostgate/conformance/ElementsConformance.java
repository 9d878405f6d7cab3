package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Encodings;
import java.util.Iterator;

/**
 * Runs a ZF element-encoding vector ({@code elements.json}: {@code elements.invalid_element}, an
 * encoding that point deserialization must reject). A member whose name starts with {@code invalid}
 * must be rejected; any other member must decode and re-encode to the same bytes.
 */
final class ElementsConformance {
  private ElementsConformance() {}

  static ConformanceReport run(JsonNode root, Json json, String title) {
    ConformanceReport report = new ConformanceReport(title + " [element encodings]");
    JsonNode elements = json.field(root, "", "elements");
    if (!elements.isObject() || elements.isEmpty()) {
      throw json.error("elements", "must be a non-empty object");
    }
    Iterator<String> names = elements.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String hex = json.text(elements, "elements", name);
      byte[] bytes = json.hex(elements, "elements", name);
      boolean invalid = name.startsWith("invalid");
      String actual;
      try {
        Point p = Encodings.point(bytes, name);
        actual = invalid ? "accepted as " + p.toHex() : p.toHex();
      } catch (CryptoException e) {
        actual = "rejected (" + e.getMessage() + ")";
      }
      if (invalid) {
        report.add(
            "elements." + name + " is rejected",
            "rejected",
            actual.startsWith("rejected") ? "rejected" : actual);
      } else {
        report.add("elements." + name + " decodes and re-encodes", hex, actual);
      }
    }
    return report;
  }
}
