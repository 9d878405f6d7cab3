package dev.frostgate.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The golden vectors made by @stacks/transactions (contracts/scripts/golden-vectors.js), and their
 * typed JSON form of Clarity values.
 */
public final class GoldenVectors {
  private GoldenVectors() {}

  public static Path contractsDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !dir.resolve("contracts/Clarinet.toml").toFile().exists()) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("contracts/ not found above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("contracts");
  }

  public static JsonNode load() {
    try {
      return new ObjectMapper()
          .readTree(contractsDir().resolve("vectors/stacks-golden.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Clarity value of the typed JSON form {type, value}. */
  public static ClarityValue value(JsonNode node) {
    String type = node.get("type").asText();
    JsonNode v = node.get("value");
    return switch (type) {
      case "int" -> new ClarityValue.Int(new BigInteger(v.asText()));
      case "uint" -> new ClarityValue.UInt(new BigInteger(v.asText()));
      case "buffer" -> ClarityValue.Buffer.ofHex(v.asText());
      case "true" -> new ClarityValue.Bool(true);
      case "false" -> new ClarityValue.Bool(false);
      case "address" -> StacksAddress.parse(v.asText()).toPrincipal();
      case "contract" -> {
        String[] parts = v.asText().split("\\.", 2);
        yield new ClarityValue.ContractPrincipal(
            StacksAddress.parse(parts[0]).toPrincipal(), parts[1]);
      }
      case "ok" -> new ClarityValue.Ok(value(v));
      case "err" -> new ClarityValue.Err(value(v));
      case "none" -> new ClarityValue.None();
      case "some" -> new ClarityValue.Some(value(v));
      case "list" -> {
        List<ClarityValue> items = new ArrayList<>();
        v.forEach(e -> items.add(value(e)));
        yield new ClarityValue.ClarityList(items);
      }
      case "tuple" -> {
        Map<String, ClarityValue> fields = new TreeMap<>();
        v.fields().forEachRemaining(e -> fields.put(e.getKey(), value(e.getValue())));
        yield ClarityValue.Tuple.of(fields);
      }
      case "ascii" -> new ClarityValue.StringAscii(v.asText());
      case "utf8" -> new ClarityValue.StringUtf8(v.asText());
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }
}
