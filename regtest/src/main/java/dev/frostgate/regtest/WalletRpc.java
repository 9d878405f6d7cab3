package dev.frostgate.regtest;

import static dev.frostgate.regtest.TxJson.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.TxId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Core's wallet management and query RPCs: create, load, unload and list wallets, wallet info,
 * descriptor import (watch-only wallets), new addresses, balance and unspent coins.
 */
final class WalletRpc {
  private final NodeState state;

  WalletRpc(NodeState state) {
    this.state = state;
  }

  JsonNode createWallet(RpcParams p) throws RpcErrorReply {
    String name = p.str(0);
    if (state.wallets.containsKey(name) || state.unloaded.containsKey(name)) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR,
          "Wallet file verification failed. Failed to create database path '"
              + name
              + "'. Database already exists.");
    }
    if (!p.boolOr(5, true)) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR,
          "Legacy wallets are not supported by this node (descriptors=false)");
    }
    if (p.has(3) && !p.str(3).isEmpty()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR, "Encrypted wallets are not supported by this node");
    }
    state.wallets.put(name, new Wallet(name, !p.boolOr(1, false), state.now()));
    ObjectNode o = F.objectNode();
    o.put("name", name);
    return o;
  }

  JsonNode loadWallet(RpcParams p) throws RpcErrorReply {
    String name = p.str(0);
    if (state.wallets.containsKey(name)) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ALREADY_LOADED, "Wallet \"" + name + "\" is already loaded.");
    }
    Wallet w = state.unloaded.remove(name);
    if (w == null) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_NOT_FOUND,
          "Wallet file verification failed. Failed to load database path 'wallets/"
              + name
              + "'. Path does not exist.");
    }
    state.wallets.put(name, w);
    ObjectNode o = F.objectNode();
    o.put("name", name);
    return o;
  }

  JsonNode unloadWallet(RpcParams p, Optional<String> fromPath) throws RpcErrorReply {
    String name;
    if (p.has(0)) {
      name = p.str(0);
      if (fromPath.isPresent() && !fromPath.get().equals(name)) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_PARAMETER,
            "RPC endpoint wallet and wallet_name parameter specify different wallets");
      }
    } else {
      name = state.wallet(fromPath).name;
    }
    Wallet w = state.wallets.remove(name);
    if (w == null) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_NOT_FOUND, "Requested wallet does not exist or is not loaded");
    }
    state.unloaded.put(name, w);
    return F.objectNode();
  }

  JsonNode listWallets() {
    ArrayNode a = F.arrayNode();
    state.wallets.keySet().forEach(a::add);
    return a;
  }

  JsonNode getWalletInfo(Wallet w) {
    List<WalletCoin> coins = WalletCoin.of(state, w);
    long trusted = 0;
    long untrusted = 0;
    long immature = 0;
    for (WalletCoin c : coins) {
      if (c.immature()) {
        immature += c.amount();
      } else if (c.trusted()) {
        trusted += c.amount();
      } else {
        untrusted += c.amount();
      }
    }
    ObjectNode o = F.objectNode();
    o.put("walletname", w.name);
    o.put("walletversion", 169900);
    o.put("format", "sqlite");
    o.put("balance", Amounts.satToBtc(trusted));
    o.put("unconfirmed_balance", Amounts.satToBtc(untrusted));
    o.put("immature_balance", Amounts.satToBtc(immature));
    o.put("txcount", coins.size());
    o.put("keypoolsize", w.keyCount());
    o.put("paytxfee", Amounts.satToBtc(0));
    o.put("private_keys_enabled", w.privateKeys);
    o.put("avoid_reuse", false);
    o.put("scanning", false);
    o.put("descriptors", true);
    o.put("external_signer", false);
    o.put("blank", false);
    o.put("birthtime", w.createdAt);
    ObjectNode last = o.putObject("lastprocessedblock");
    last.put("hash", state.chain.tip().hash);
    last.put("height", state.chain.height());
    return o;
  }

  JsonNode importDescriptors(Wallet w, RpcParams p) throws RpcErrorReply {
    JsonNode reqs = p.array(0);
    ArrayNode out = F.arrayNode();
    for (JsonNode r : reqs) {
      ObjectNode res = out.addObject();
      try {
        importOne(w, r);
        res.put("success", true);
      } catch (RpcErrorReply e) {
        res.put("success", false);
        ObjectNode err = res.putObject("error");
        err.put("code", e.code().code());
        err.put("message", e.getMessage());
      }
    }
    return out;
  }

  private void importOne(Wallet w, JsonNode r) throws RpcErrorReply {
    if (!r.isObject() || !r.hasNonNull("desc")) {
      throw new RpcErrorReply(RpcErrorCode.RPC_TYPE_ERROR, "Descriptor not found.");
    }
    if (w.privateKeys) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR,
          "Cannot import descriptor without private keys to a wallet with private keys enabled");
    }
    WalletDescriptor d = WalletDescriptor.parse(r.get("desc").asText());
    if (!r.has("timestamp")) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_TYPE_ERROR, "Missing required timestamp field for key");
    }
    boolean active = r.path("active").asBoolean(false);
    boolean internal = r.path("internal").asBoolean(false);
    int start = 0;
    int end = 999;
    JsonNode range = r.get("range");
    if (range != null && !range.isNull()) {
      if (!d.ranged()) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_PARAMETER,
            "Range should not be specified for an un-ranged descriptor");
      }
      if (range.isArray() && range.size() == 2) {
        start = range.get(0).asInt();
        end = range.get(1).asInt();
      } else if (range.isNumber()) {
        end = range.asInt();
      } else {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_PARAMETER, "Range must be specified as end or as [begin,end]");
      }
      if (start < 0 || end < start || end >= (1 << 31) - 1) {
        throw new RpcErrorReply(
            RpcErrorCode.RPC_INVALID_PARAMETER,
            "Range specified as [begin,end] must not have begin after end");
      }
      if (end - start >= 1_000_000) {
        throw new RpcErrorReply(RpcErrorCode.RPC_INVALID_PARAMETER, "Range is too large");
      }
    }
    if (active && !d.ranged()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_PARAMETER, "Active descriptors must be ranged");
    }
    Optional<String> label = Optional.ofNullable(r.get("label")).map(JsonNode::asText);
    if (label.isPresent() && d.ranged()) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_INVALID_PARAMETER, "Ranged descriptors should not have a label");
    }
    int next = r.has("next_index") ? r.get("next_index").asInt() : start;
    w.importDescriptor(new Wallet.Imported(d, active, internal, start, end, next), label);
  }

  JsonNode getNewAddress(Wallet w, RpcParams p, boolean change) throws RpcErrorReply {
    int typeIndex = change ? 0 : 1;
    if (p.has(typeIndex) && !p.str(typeIndex).equals("bech32m")) {
      throw new RpcErrorReply(
          RpcErrorCode.RPC_WALLET_ERROR,
          "Error: only bech32m (Taproot) addresses are supported by the embedded regtest node");
    }
    if (w.privateKeys) {
      Optional<String> label = change || !p.has(0) ? Optional.of("") : Optional.of(p.str(0));
      return F.textNode(w.newKey(change, change ? Optional.empty() : label).address().get());
    }
    return F.textNode(
        w.nextFromActive(change)
            .orElseThrow(
                () ->
                    new RpcErrorReply(
                        RpcErrorCode.RPC_WALLET_ERROR,
                        "Error: This wallet has no available keys")));
  }

  JsonNode getBalance(Wallet w, RpcParams p) throws RpcErrorReply {
    return F.numberNode(Amounts.satToBtc(balance(w, p.intOr(1, 0))));
  }

  private long balance(Wallet w, int minconf) {
    long sum = 0;
    for (WalletCoin c : WalletCoin.of(state, w)) {
      if (!c.immature() && c.trusted() && c.confirmations() >= minconf) {
        sum += c.amount();
      }
    }
    return sum;
  }

  JsonNode listUnspent(Wallet w, RpcParams p) throws RpcErrorReply {
    int minconf = p.intOr(0, 1);
    int maxconf = p.intOr(1, 9_999_999);
    Set<String> addresses = new LinkedHashSet<>();
    JsonNode a = p.get(2);
    if (a != null) {
      for (JsonNode x : a) {
        try {
          ScriptInfo.scriptForAddress(x.asText());
        } catch (IllegalArgumentException e) {
          throw new RpcErrorReply(
              RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Invalid Bitcoin address: " + x.asText());
        }
        if (!addresses.add(x.asText())) {
          throw new RpcErrorReply(
              RpcErrorCode.RPC_INVALID_PARAMETER,
              "Invalid parameter, duplicated address: " + x.asText());
        }
      }
    }
    boolean includeUnsafe = p.boolOr(3, true);
    ArrayNode out = F.arrayNode();
    for (WalletCoin c : WalletCoin.of(state, w)) {
      if (c.immature() || c.confirmations() < minconf || c.confirmations() > maxconf) {
        continue;
      }
      if (!c.trusted() && !includeUnsafe) {
        continue;
      }
      Optional<String> addr = c.owner().address();
      if (!addresses.isEmpty() && (addr.isEmpty() || !addresses.contains(addr.get()))) {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("txid", c.outPoint().txid.toString());
      o.put("vout", c.outPoint().index);
      addr.ifPresent(x -> o.put("address", x));
      c.owner().label().ifPresent(l -> o.put("label", l));
      o.put("scriptPubKey", c.out().publicKeyScript.toHex());
      o.put("amount", Amounts.satToBtc(c.amount()));
      o.put("confirmations", c.confirmations());
      if (c.confirmations() == 0) {
        Mempool.Entry e = state.mempool.get(c.outPoint().txid).get();
        Set<TxId> anc = state.mempool.ancestors(e.parents());
        Mempool.Totals ancestors = state.mempool.totals(e, anc);
        o.put("ancestorcount", anc.size() + 1);
        o.put("ancestorsize", ancestors.vsize());
        o.put("ancestorfees", ancestors.fee());
      }
      o.put("spendable", true); // Core 30+: deprecated, always true
      o.put("solvable", true);
      o.put("desc", c.owner().desc());
      ArrayNode parents = o.putArray("parent_descs");
      c.owner().parentDesc().ifPresent(parents::add);
      o.put("safe", c.trusted());
    }
    return out;
  }
}
