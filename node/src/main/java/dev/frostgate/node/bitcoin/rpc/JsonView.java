package dev.frostgate.node.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A checked view of one JSON value inside an RPC answer. Every getter validates presence and type
 * and throws {@link RpcMalformedResponseException} naming the method and the field path, so that a
 * malformed answer never surfaces as a NullPointerException or ClassCastException. "opt" getters
 * accept an absent field or JSON null as empty, but still reject a present value of the wrong type.
 */
final class JsonView {
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

  private final String method;
  private final JsonNode node;
  private final String path;

  private JsonView(String method, JsonNode node, String path) {
    this.method = method;
    this.node = node;
    this.path = path;
  }

  static JsonView root(String method, JsonNode node) {
    return new JsonView(method, node, "result");
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  RpcMalformedResponseException fail(String message) {
    return new RpcMalformedResponseException(method, path + ": " + message);
  }

  private RpcMalformedResponseException fail(String field, String message) {
    return new RpcMalformedResponseException(method, path + "." + field + ": " + message);
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  // ---- the value itself

  JsonView object() {
    if (!node.isObject()) {
      throw fail("expected an object, got " + kind(node));
    }
    return this;
  }

  List<JsonView> array() {
    if (!node.isArray()) {
      throw fail("expected an array, got " + kind(node));
    }
    List<JsonView> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new JsonView(method, node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  <T> List<T> arrayOf(Function<JsonView, T> element) {
    return array().stream().map(element).toList();
  }

  String string() {
    if (!node.isTextual()) {
      throw fail("expected a string, got " + kind(node));
    }
    return node.textValue();
  }

  long int64() {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail("expected an integer, got " + kind(node) + " " + node);
    }
    return node.longValue();
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw fail("expected a boolean, got " + kind(node));
    }
    return node.booleanValue();
  }

  BigDecimal decimal() {
    if (!node.isNumber()) {
      throw fail("expected a number, got " + kind(node));
    }
    return node.decimalValue();
  }

  double dbl() {
    if (!node.isNumber()) {
      throw fail("expected a number, got " + kind(node));
    }
    return node.doubleValue();
  }

  /** A BTC amount as a JSON number, converted exactly to satoshis. */
  long sats() {
    try {
      return Amounts.btcToSat(decimal());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw fail("not a valid BTC amount: " + e.getMessage());
    }
  }

  FeeRate feeRate() {
    long s = sats();
    if (s < 0) {
      throw fail("fee rate must not be negative: " + node);
    }
    return FeeRate.ofSatPerKvb(s);
  }

  TxId txid() {
    return new TxId(hash());
  }

  BlockHash blockHash() {
    return BitcoinRpcClient.blockHashFromDisplay(hash());
  }

  private String hash() {
    String s = string();
    if (!HASH.matcher(s).matches()) {
      throw fail("expected a 64-digit hex hash, got \"" + abbreviate(s) + "\"");
    }
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  ByteVector hex() {
    String s = string();
    if (!HEX.matcher(s).matches()) {
      throw fail("expected hex, got \"" + abbreviate(s) + "\"");
    }
    return ByteVector.fromHex(s);
  }

  /** Parses the value with a decoder (bitcoin-kmp), turning any decoder error into a typed one. */
  <T> T decode(String what, Function<String, T> decoder) {
    String s = string();
    if (!HEX.matcher(s).matches()) {
      throw fail("expected hex, got \"" + abbreviate(s) + "\"");
    }
    try {
      return decoder.apply(s);
    } catch (RuntimeException e) {
      throw new RpcMalformedResponseException(
          method, path + ": not a valid " + what + " (" + e + ")", e);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  // ---- fields of an object

  private JsonNode raw(String field) {
    object();
    return node.get(field);
  }

  JsonView get(String field) {
    JsonNode n = raw(field);
    if (n == null || n.isNull()) {
      throw fail(field, "missing");
    }
    return new JsonView(method, n, path + "." + field);
  }

  Optional<JsonView> opt(String field) {
    JsonNode n = raw(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new JsonView(method, n, path + "." + field));
  }

  String str(String field) {
    return get(field).string();
  }

  Optional<String> optStr(String field) {
    return opt(field).map(JsonView::string);
  }

  long int64(String field) {
    return get(field).int64();
  }

  int int32(String field) {
    long v = int64(field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw fail(field, "out of range: " + v);
    }
    return (int) v;
  }

  OptionalLong optInt64(String field) {
    Optional<JsonView> v = opt(field);
    return v.isPresent() ? OptionalLong.of(v.get().int64()) : OptionalLong.empty();
  }

  long nonNegative(String field) {
    long v = int64(field);
    if (v < 0) {
      throw fail(field, "must not be negative: " + v);
    }
    return v;
  }

  Optional<Satoshi> optSats(String field) {
    return opt(field).map(v -> new Satoshi(v.sats()));
  }

  List<JsonView> array(String field) {
    return get(field).array();
  }

  /** An array of strings; absent means empty. */
  List<String> strings(String field) {
    return opt(field).map(v -> v.arrayOf(JsonView::string)).orElse(List.of());
  }

  /** Core 27 sends {@code warnings} as a string, Core 28+ as an array: accept both. */
  List<String> warnings(String field) {
    Optional<JsonView> v = opt(field);
    if (v.isEmpty()) {
      return List.of();
    }
    if (v.get().node.isTextual()) {
      String s = v.get().node.textValue();
      return s.isEmpty() ? List.of() : List.of(s);
    }
    return v.get().arrayOf(JsonView::string);
  }
}
