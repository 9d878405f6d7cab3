package dev.frostgate.node.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.StandardOutputs;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON of {@code POST /api/v1/signing/request}, checked field by field into a {@link
 * SpendRequest}, and the canonical JSON the validator stores (the same fields, {@code
 * created_at_ms} always present). Every problem is a {@link BadRequestException} naming the field;
 * no value from the request is echoed except short, checked ones.
 *
 * <pre>{@code
 * {"request_id": "loan-7-release",
 *  "inputs": [{"txid": "<64 hex>", "vout": 0, "amount_sat": 40000000,
 *              "branch": "deposit", "index": 7}],
 *  "recipients": [{"address": "bcrt1...", "amount_sat": 30000000}],
 *  "fee_rate_sat_vb": 2, "fee_cap_sat": 100000, "change_index": 0,
 *  "expires_at_ms": 1760000000000, "created_at_ms": 1759999000000}
 * }</pre>
 *
 * The inputs name the group's coins (the request on the protocol chain names them too); each
 * validator checks them against its own view of Bitcoin when it signs (its {@code ChainFacts}).
 */
public final class SpendRequestJson {
  /** Most inputs and recipients one request may have. */
  public static final int MAX_ITEMS = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "request_id",
          "inputs",
          "recipients",
          "fee_rate_sat_vb",
          "fee_cap_sat",
          "change_index",
          "expires_at_ms",
          "created_at_ms");
  private static final Set<String> INPUT_FIELDS =
      Set.of("txid", "vout", "amount_sat", "branch", "index");
  private static final Set<String> RECIPIENT_FIELDS = Set.of("address", "amount_sat");
  private static final long MAX_SAT = 21_000_000L * 100_000_000L;

  private SpendRequestJson() {}

  /**
   * Parses and checks a request.
   *
   * @param network the group's Bitcoin network (recipient addresses must be on it)
   * @param receivedAtMs the creation time when the request carries no {@code created_at_ms}
   * @throws BadRequestException naming the first field at fault
   */
  public static SpendRequest parse(byte[] body, Network network, long receivedAtMs) {
    return parse(object(body), network, receivedAtMs);
  }

  /** The fields of {@code POST /api/v1/action/initiate}. */
  private static final Set<String> ACTION_FIELDS =
      Set.of("request_id", "action_type", "bitcoin_tx_params");

  /** The one action a validator signs today: release coins as a Bitcoin spend. */
  public static final String RELEASE = "release";

  /**
   * Parses and checks an action (spec 9.2): {@code {"request_id", "action_type": "release",
   * "bitcoin_tx_params": {the fields of a signing request but its id}}}. Errors inside the params
   * name the field as {@code bitcoin_tx_params.<field>}.
   *
   * @throws BadRequestException naming the first field at fault
   */
  public static SpendRequest parseAction(byte[] body, Network network, long receivedAtMs) {
    JsonNode root = object(body);
    unknownFields(root, ACTION_FIELDS, "");
    String id = requestId(root);
    String action = text(root, "action_type", "action_type");
    if (!action.equals(RELEASE)) {
      throw new BadRequestException("action_type", "must be " + RELEASE);
    }
    JsonNode params = root.get("bitcoin_tx_params");
    if (params == null) {
      throw new BadRequestException("bitcoin_tx_params", "missing");
    }
    if (!params.isObject()) {
      throw new BadRequestException("bitcoin_tx_params", "must be an object");
    }
    if (params.has("request_id")) {
      throw new BadRequestException("bitcoin_tx_params.request_id", "unknown field");
    }
    ObjectNode request = ((ObjectNode) params).deepCopy();
    request.put("request_id", id);
    try {
      return parse(request, network, receivedAtMs);
    } catch (BadRequestException e) {
      String f = e.field();
      String where = f.equals("body") ? "bitcoin_tx_params" : "bitcoin_tx_params." + f;
      throw new BadRequestException(where, e.problem());
    }
  }

  /**
   * Checks a request id given outside a body (a path parameter named {@code field}).
   *
   * @throws BadRequestException if it is not 1..128 printable ASCII characters without spaces
   */
  public static RequestId requestId(String value, String field) {
    if (value == null
        || value.isEmpty()
        || value.length() > 128
        || !value.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      throw new BadRequestException(
          field, "must be 1..128 printable ASCII characters without spaces");
    }
    return new RequestId(value);
  }

  private static String requestId(JsonNode root) {
    return requestId(text(root, "request_id", "request_id"), "request_id").value();
  }

  private static JsonNode object(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new BadRequestException("body", "not valid JSON" + where);
    } catch (IOException e) {
      throw new BadRequestException("body", "unreadable");
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    return root;
  }

  private static SpendRequest parse(JsonNode root, Network network, long receivedAtMs) {
    unknownFields(root, FIELDS, "");
    String id = requestId(root);
    List<SpendInput> inputs = new ArrayList<>();
    ArrayNode in = array(root, "inputs");
    for (int i = 0; i < in.size(); i++) {
      inputs.add(input(in.get(i), "inputs[" + i + "]"));
    }
    List<SpendOutput> outputs = new ArrayList<>();
    ArrayNode out = array(root, "recipients");
    for (int i = 0; i < out.size(); i++) {
      outputs.add(recipient(out.get(i), "recipients[" + i + "]", network));
    }
    long rate = number(root, "fee_rate_sat_vb", "fee_rate_sat_vb", 1, 100_000);
    long cap = number(root, "fee_cap_sat", "fee_cap_sat", 1, MAX_SAT);
    long change = number(root, "change_index", "change_index", 0, ThresholdXpub.MAX_INDEX);
    long expires = number(root, "expires_at_ms", "expires_at_ms", 0, Long.MAX_VALUE);
    long created =
        root.has("created_at_ms")
            ? number(root, "created_at_ms", "created_at_ms", 0, Long.MAX_VALUE)
            : receivedAtMs;
    if (expires < created) {
      throw new BadRequestException(
          "expires_at_ms", "must not be before created_at_ms (" + created + ")");
    }
    SpendRecipe recipe;
    try {
      recipe =
          new SpendRecipe(
              inputs,
              outputs,
              FeeRate.satPerVb(rate),
              ChangePolicy.toIndex(change),
              new Satoshi(cap));
    } catch (SpendException | IllegalArgumentException e) {
      throw new BadRequestException("body", "not a valid spend: " + e.getMessage());
    }
    return new SpendRequest(new RequestId(id), recipe, created, expires);
  }

  /** The canonical JSON of a request (what the validator stores and reads back). */
  public static byte[] toJson(SpendRequest r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", r.id().value());
    ArrayNode in = o.putArray("inputs");
    for (SpendInput i : r.recipe().inputs()) {
      ObjectNode n = in.addObject();
      n.put("txid", i.outpoint().txid.toString());
      n.put("vout", i.outpoint().index);
      n.put("amount_sat", i.amount().getSat());
      n.put("branch", i.branch().name().toLowerCase(Locale.ROOT));
      n.put("index", i.index());
    }
    ArrayNode out = o.putArray("recipients");
    for (SpendOutput s : r.recipe().outputs()) {
      if (!(s.destination() instanceof SpendOutput.Address a)) {
        throw new IllegalArgumentException("only address recipients have a JSON form");
      }
      ObjectNode n = out.addObject();
      n.put("address", a.address());
      n.put("amount_sat", s.amount().getSat());
    }
    o.put("fee_rate_sat_vb", r.recipe().feeRate().satPerKvb() / 1000);
    o.put("fee_cap_sat", r.recipe().feeCap().getSat());
    o.put("change_index", r.recipe().change().changeIndex());
    o.put("expires_at_ms", r.expiresAt());
    o.put("created_at_ms", r.createdAt());
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a request", e);
    }
  }

  private static SpendInput input(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new BadRequestException(where, "must be an object");
    }
    unknownFields(n, INPUT_FIELDS, where + ".");
    String txid = text(n, "txid", where + ".txid");
    if (!txid.matches("[0-9a-f]{64}")) {
      throw new BadRequestException(where + ".txid", "must be 64 lowercase hex digits");
    }
    long vout = number(n, "vout", where + ".vout", 0, 0xffff_ffffL);
    long amount = number(n, "amount_sat", where + ".amount_sat", 1, MAX_SAT);
    String branch = text(n, "branch", where + ".branch");
    Branch b =
        switch (branch) {
          case "deposit" -> Branch.DEPOSIT;
          case "change" -> Branch.CHANGE;
          default -> throw new BadRequestException(where + ".branch", "must be deposit or change");
        };
    long index = number(n, "index", where + ".index", 0, ThresholdXpub.MAX_INDEX);
    return SpendInput.of(new TxId(txid), vout, new Satoshi(amount), b, index);
  }

  private static SpendOutput recipient(JsonNode n, String where, Network network) {
    if (n == null || !n.isObject()) {
      throw new BadRequestException(where, "must be an object");
    }
    unknownFields(n, RECIPIENT_FIELDS, where + ".");
    String address = text(n, "address", where + ".address");
    try {
      StandardOutputs.addressScript(address, network, where + ".address");
    } catch (SpendException | IllegalArgumentException e) {
      throw new BadRequestException(
          where + ".address",
          "not a standard address on " + network.name().toLowerCase(Locale.ROOT));
    }
    long amount = number(n, "amount_sat", where + ".amount_sat", 1, MAX_SAT);
    return SpendOutput.toAddress(address, new Satoshi(amount));
  }

  private static void unknownFields(JsonNode n, Set<String> known, String prefix) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        String shown = f.length() <= 40 && f.matches("[A-Za-z0-9_]+") ? f : "(a field)";
        throw new BadRequestException(prefix + shown, "unknown field");
      }
    }
  }

  private static ArrayNode array(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null) {
      throw new BadRequestException(field, "missing");
    }
    if (!v.isArray()) {
      throw new BadRequestException(field, "must be an array");
    }
    if (v.isEmpty() || v.size() > MAX_ITEMS) {
      throw new BadRequestException(field, "must have 1.." + MAX_ITEMS + " elements");
    }
    return (ArrayNode) v;
  }

  private static String text(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null) {
      throw new BadRequestException(where, "missing");
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new BadRequestException(where, "must be a non-empty string");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String key, String where, long min, long max) {
    JsonNode v = n.get(key);
    if (v == null) {
      throw new BadRequestException(where, "missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BadRequestException(where, "must be an integer");
    }
    long l = v.asLong();
    if (l < min || l > max) {
      throw new BadRequestException(where, "must be between " + min + " and " + max);
    }
    return l;
  }
}
