package dev.frostgate.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.TxId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one RPC call as positions, after mapping named ones, read with Core's type
 * errors and messages; and the table of every served method's parameter names, which is also the
 * list of methods the node knows.
 */
final class RpcParams {
  /** Each method's parameter names, in Core's order (named parameters map onto positions). */
  private static final Map<String, List<String>> NAMES = new LinkedHashMap<>();

  static {
    p("getblockchaininfo");
    p("getblockcount");
    p("getbestblockhash");
    p("getblockhash", "height");
    p("getblockheader", "blockhash", "verbose");
    p("getblock", "blockhash", "verbosity");
    p("getrawtransaction", "txid", "verbose", "blockhash");
    p("decoderawtransaction", "hexstring", "iswitness");
    p("gettxout", "txid", "n", "include_mempool");
    p("gettxoutproof", "txids", "blockhash");
    p("verifytxoutproof", "proof");
    p("estimatesmartfee", "conf_target", "estimate_mode");
    p("testmempoolaccept", "rawtxs", "maxfeerate");
    p("sendrawtransaction", "hexstring", "maxfeerate", "maxburnamount");
    p("getmempoolentry", "txid");
    p("getrawmempool", "verbose", "mempool_sequence");
    p("getmempoolinfo");
    p("getnetworkinfo");
    p(
        "createwallet",
        "wallet_name",
        "disable_private_keys",
        "blank",
        "passphrase",
        "avoid_reuse",
        "descriptors",
        "load_on_startup",
        "external_signer");
    p("loadwallet", "filename", "load_on_startup");
    p("unloadwallet", "wallet_name", "load_on_startup");
    p("listwallets");
    p("getwalletinfo");
    p("importdescriptors", "requests");
    p("getnewaddress", "label", "address_type");
    p("getrawchangeaddress", "address_type");
    p("getbalance", "dummy", "minconf", "include_watchonly", "avoid_reuse");
    p("listunspent", "minconf", "maxconf", "addresses", "include_unsafe", "query_options");
    p(
        "listsinceblock",
        "blockhash",
        "target_confirmations",
        "include_watchonly",
        "include_removed",
        "include_change",
        "label");
    p(
        "sendtoaddress",
        "address",
        "amount",
        "comment",
        "comment_to",
        "subtractfeefromamount",
        "replaceable",
        "conf_target",
        "estimate_mode",
        "avoid_reuse",
        "fee_rate",
        "verbose");
    p("generatetoaddress", "nblocks", "address", "maxtries");
    p("invalidateblock", "blockhash");
    p("reconsiderblock", "blockhash");
    p("submitblock", "hexdata", "dummy");
    p("uptime");
    p("stop");
    p("help", "command");
  }

  private static void p(String method, String... names) {
    NAMES.put(method, List.of(names));
  }

  private final String method;
  private final List<JsonNode> values;

  private RpcParams(String method, List<JsonNode> values) {
    this.method = method;
    this.values = values;
  }

  /** Whether the node serves {@code method}. */
  static boolean knows(String method) {
    return NAMES.containsKey(method);
  }

  /** The served methods in table order (what {@code help} lists). */
  static Set<String> methods() {
    return NAMES.keySet();
  }

  /**
   * Maps {@code raw} (absent, an array, or an object of named parameters) onto the positions of a
   * method the node {@linkplain #knows knows}, refusing extra positions and unknown names as Core
   * does.
   */
  static RpcParams of(String method, JsonNode raw) throws RpcErrorReply {
    List<String> names = NAMES.get(method);
    List<JsonNode> values = new ArrayList<>();
    if (raw == null || raw.isNull()) {
      return new RpcParams(method, values);
    }
    if (raw.isArray()) {
      raw.forEach(values::add);
      if (values.size() > names.size() && !method.equals("help")) {
        throw new RpcErrorReply(RpcErrorCode.RPC_MISC_ERROR, usage(method));
      }
      return new RpcParams(method, values);
    }
    if (!raw.isObject()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_REQUEST, "Params must be an array or object");
    }
    for (var it = raw.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!names.contains(k)) {
        throw new RpcErrorReply(RpcErrorCode.RPC_MISC_ERROR, "Unknown named parameter " + k);
      }
    }
    for (String n : names) {
      values.add(raw.get(n));
    }
    while (!values.isEmpty() && values.get(values.size() - 1) == null) {
      values.remove(values.size() - 1);
    }
    return new RpcParams(method, values);
  }

  private static String usage(String method) {
    return method
        + " "
        + String.join(" ", NAMES.get(method).stream().map(n -> "\"" + n + "\"").toList());
  }

  /** The i-th parameter, or null when it is absent or JSON null. */
  JsonNode get(int i) {
    if (i >= values.size()) {
      return null;
    }
    JsonNode v = values.get(i);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(int i) {
    return get(i) != null;
  }

  String str(int i) throws RpcErrorReply {
    JsonNode v = required(i);
    if (!v.isTextual()) {
      throw typeError(v, "string");
    }
    return v.asText();
  }

  int integer(int i) throws RpcErrorReply {
    JsonNode v = required(i);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw typeError(v, "number");
    }
    return v.asInt();
  }

  /** A missing required parameter: Core answers with the method's usage line. */
  private JsonNode required(int i) throws RpcErrorReply {
    JsonNode v = get(i);
    if (v == null) {
      throw new RpcErrorReply(RpcErrorCode.RPC_MISC_ERROR, usage(method));
    }
    return v;
  }

  private static RpcErrorReply typeError(JsonNode v, String expected) {
    return new RpcErrorReply(
        RpcErrorCode.RPC_TYPE_ERROR,
        "JSON value of type " + typeName(v) + " is not of expected type " + expected);
  }

  int intOr(int i, int def) throws RpcErrorReply {
    return has(i) ? integer(i) : def;
  }

  boolean boolOr(int i, boolean def) throws RpcErrorReply {
    JsonNode v = get(i);
    if (v == null) {
      return def;
    }
    if (!v.isBoolean()) {
      throw typeError(v, "bool");
    }
    return v.asBoolean();
  }

  /**
   * The i-th parameter as an amount, Core's {@code AmountFromValue}: a number or numeric string of
   * at most 8 decimals ("Invalid amount") within {@code 0..MAX_MONEY} ("Amount out of range").
   */
  long amount(int i) throws RpcErrorReply {
    JsonNode v = get(i);
    if (v == null || !(v.isNumber() || v.isTextual())) {
      throw new RpcErrorReply(RpcErrorCode.RPC_TYPE_ERROR, "Amount is not a number or string");
    }
    BigDecimal btc;
    try {
      btc = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new RpcErrorReply(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount");
    }
    // Core parses the fixed-point digits before it checks the range: a fraction of a satoshi is
    // "Invalid amount" even when the amount is also out of range.
    if (btc.movePointRight(8).stripTrailingZeros().scale() > 0) {
      throw new RpcErrorReply(RpcErrorCode.RPC_TYPE_ERROR, "Invalid amount");
    }
    try {
      long sat = Amounts.btcToSat(btc);
      if (Amounts.inRange(sat)) {
        return sat;
      }
    } catch (IllegalArgumentException e) {
      // above 21e6 BTC: out of range, as below
    }
    throw new RpcErrorReply(RpcErrorCode.RPC_TYPE_ERROR, "Amount out of range");
  }

  /** The i-th parameter, which must be a JSON array (an absent one is reported as null). */
  JsonNode array(int i) throws RpcErrorReply {
    JsonNode v = get(i);
    if (v == null || !v.isArray()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_TYPE_ERROR, "Expected type array, got " + typeName(v));
    }
    return v;
  }

  /** A transaction id given as 64 hex digits; {@code name} is what Core calls it in the error. */
  static TxId txid(String hex, String name) throws RpcErrorReply {
    checkHash(hex, name);
    return new TxId(hex.toLowerCase(Locale.ROOT));
  }

  /** Core's {@code ParseHashV}: exactly 64 hex digits. */
  static void checkHash(String hex, String name) throws RpcErrorReply {
    if (hex.length() != 64 || !hex.matches("[0-9a-fA-F]{64}")) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_PARAMETER,
          name + " must be of length 64 (not " + hex.length() + ", for '" + hex + "')");
    }
  }

  /** The JSON type name Core's {@code uvTypeName} uses in type errors. */
  static String typeName(JsonNode n) {
    if (n == null || n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isNumber()) {
      return "number";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return n.isArray() ? "array" : "object";
  }
}
