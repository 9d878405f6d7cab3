package dev.frostgate.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.engine.ShareEvidence;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.node.storage.OperatorQueries;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The JSON bodies of the API, one function per response schema of {@code api/openapi.json} (the
 * names match its {@code components.schemas}); pure: values in, a tree out.
 */
final class ApiJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why {@code stacks_synced} is null: the runtime reads no Stacks node yet. */
  static final String NO_STACKS_SOURCE =
      "no Stacks request source in the validator runtime yet: requests come from the API";

  private ApiJson() {}

  /** Error: {@code code} for machines, {@code message} for people, {@code field} where one is. */
  static ObjectNode error(String code, String message, Optional<String> field) {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", code);
    o.put("message", message);
    field.ifPresent(f -> o.put("field", f));
    return o;
  }

  /** The error Javalin raised itself: unknown route, wrong method, body over the limit. */
  static ObjectNode forStatus(HttpStatus s, String method, String path) {
    String shown = path.length() <= 200 && path.matches("[\\x21-\\x7e]*") ? path : "(this path)";
    return switch (s) {
      case NOT_FOUND -> error("not_found", "no route " + shown, Optional.empty());
      case METHOD_NOT_ALLOWED ->
          error("method_not_allowed", method + " is not allowed on " + shown, Optional.empty());
      case CONTENT_TOO_LARGE ->
          error(
              "payload_too_large",
              "larger than " + ApiServer.MAX_BODY + " bytes",
              Optional.of("body"));
      default -> error("http_" + s.getCode(), s.getMessage(), Optional.empty());
    };
  }

  static ObjectNode health(NodeStatus s, ApiView view) {
    ApiView.ChainSync btc = view.bitcoin();
    int peers = s.peersConnected().size();
    int needed = view.threshold() - 1;
    boolean keyLoaded = s.ready();
    boolean healthy = keyLoaded && btc.synced().orElse(false) && peers >= needed;
    ObjectNode o = JSON.createObjectNode();
    o.put("status", healthy ? "healthy" : "degraded");
    btc.synced()
        .ifPresentOrElse(b -> o.put("bitcoin_synced", b), () -> o.putNull("bitcoin_synced"));
    o.put("bitcoin_detail", btc.detail());
    o.putNull("stacks_synced");
    o.put("stacks_detail", NO_STACKS_SOURCE);
    o.put("key_loaded", keyLoaded);
    o.put("peer_count", peers);
    o.put("peers_needed", needed);
    o.put("threshold", view.threshold());
    return o;
  }

  static ObjectNode status(NodeStatus s, ApiView view, long uptimeSeconds) {
    ObjectNode o = JSON.createObjectNode();
    o.put("validator", s.validator());
    o.put("validator_id", s.validator());
    o.put("state", s.state());
    s.stateReason().ifPresent(r -> o.put("state_reason", r));
    s.groupKey().ifPresent(k -> o.put("group_key", k));
    s.xpub().ifPresent(x -> o.put("xpub", x));
    var peers = o.putArray("peers_connected");
    s.peersConnected().stream().sorted().forEach(peers::add);
    o.put("peer_count", s.peersConnected().size());
    var open = o.putArray("requests_open");
    s.openRequests().forEach(open::add);
    ObjectNode done = o.putObject("requests_signed");
    s.signed().forEach(done::put);
    instant(o, "last_signature", view.lastSignature());
    o.put("uptime_seconds", uptimeSeconds);
    return o;
  }

  static ObjectNode action(ActionStatus a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", a.requestId());
    o.put("session_id", a.sessionId());
    o.put("status", a.state().wire());
    a.txid().ifPresent(t -> o.put("bitcoin_txid", t));
    a.confirmations().ifPresent(c -> o.put("confirmations", c));
    return o;
  }

  static ObjectNode keyShare(ApiView.KeyShare k) {
    ObjectNode o = JSON.createObjectNode();
    o.put("validator_id", k.validator());
    o.put("public_key_share", k.publicKeyShare());
    o.put("combined_public_key", k.combinedPublicKey());
    o.put("xpub", k.xpub());
    o.put("threshold", k.threshold());
    o.put("validators", k.validators());
    return o;
  }

  static ObjectNode session(SessionProgress p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("session_id", p.request().value());
    o.put("request_id", p.request().value());
    o.put(
        "status",
        p.signed()
            ? "signed"
            : p.expired()
                ? "expired"
                : p.coordinator().isPresent() ? "collecting_signatures" : "awaiting_leader");
    o.put("attempt", p.attempt());
    o.put("leader", p.leader().smallValue());
    o.put("leading", p.coordinator().isPresent());
    o.put("threshold", p.threshold());
    o.put("progress_percent", p.progressPercent());
    p.coordinator()
        .ifPresentOrElse(
            c -> {
              ObjectNode k = o.putObject("coordinator");
              c.idleReason()
                  .ifPresentOrElse(r -> k.put("idle_reason", r), () -> k.putNull("idle_reason"));
              k.put("nonce_commitments", c.commitmentsReceived());
              k.put("partial_signatures", c.sharesReceived());
              k.put("sessions_opened", c.sessionsOpened());
              k.put("best_session_shares", c.bestSessionShares());
              k.put("excluded", c.excluded());
              k.put("refused", c.refused());
            },
            () -> o.putNull("coordinator"));
    return o;
  }

  static ObjectNode initiated(RequestId id, boolean added, Optional<Integer> leader) {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", id.value());
    o.put("session_id", id.value());
    o.put("status", added ? "initiated" : "already stored");
    leader.ifPresentOrElse(l -> o.put("leader", l), () -> o.putNull("leader"));
    return o;
  }

  static ObjectNode validators(ApiView view) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("validators");
    int online = 0;
    for (ApiView.ValidatorSeen v : view.validators()) {
      boolean up = v.self() || v.connected();
      online += up ? 1 : 0;
      ObjectNode n = list.addObject();
      n.put("id", v.id());
      n.put("self", v.self());
      n.put("status", up ? "online" : "offline");
      instant(n, "last_seen", v.self() ? Optional.of(Instant.now()) : v.lastSeen());
    }
    o.put("online", online);
    o.put("threshold", view.threshold());
    o.put("total", list.size());
    return o;
  }

  static ObjectNode exclusions(List<ApiView.Exclusion> all) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("exclusions");
    for (ApiView.Exclusion x : all) {
      ObjectNode n = list.addObject();
      n.put("validator", x.validator());
      n.put("phase", x.phase());
      n.put("reason", x.reason());
      n.put("at", x.at().toString());
      ObjectNode ev = n.putObject("evidence");
      x.shareEvidence().ifPresent(e -> shareEvidence(ev, e));
      x.dkgEvidence()
          .ifPresent(
              d -> {
                ev.put("ceremony", d.ceremony());
                ev.put("dkg_session", d.session());
                ev.put("proof_messages", d.proofMessages());
              });
    }
    o.put("count", list.size());
    return o;
  }

  private static void shareEvidence(ObjectNode ev, ShareEvidence e) {
    HexFormat hex = HexFormat.of();
    ev.put("request_id", e.request().value());
    ev.put("attempt", e.attempt());
    ev.put("session", e.session());
    ev.put("input", e.input());
    ev.put("signing_package", hex.formatHex(FrostCodec.encode(e.signingPackage())));
    ArrayNode shares = ev.putArray("shares");
    for (SignatureShare s : e.shares()) {
      ObjectNode sh = shares.addObject();
      sh.put("signer", s.identifier().smallValue());
      sh.put("share", hex.formatHex(FrostCodec.encode(s)));
    }
  }

  static ObjectNode spendLocks(OperatorQueries.Locks locks) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("spend_locks");
    for (OperatorQueries.LockRow l : locks.locks()) {
      ObjectNode n = list.addObject();
      n.put("outpoint", l.outpointTxid() + ":" + l.vout());
      n.put("spend_txid", l.spendTxid());
      n.put("request_id", l.request());
      n.put("fee_sat", l.feeSat());
      n.put("live", l.live());
      n.put("created_at", Instant.ofEpochMilli(l.createdAtMs()).toString());
    }
    o.put("total", locks.total());
    o.put("live", locks.live());
    o.put("truncated", locks.total() > locks.locks().size());
    return o;
  }

  static ObjectNode journal(OperatorQueries.JournalCounts c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("journal_rows", c.journalRows());
    o.put("journal_rows_this_boot", c.journalLive());
    o.put("journal_rows_voided", c.journalRows() - c.journalLive());
    o.put("signing_sessions", c.journalSessions());
    o.put("spend_locks", c.spendLocks());
    o.put("spend_locks_live", c.spendLocksLive());
    ObjectNode req = o.putObject("requests");
    c.requests().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> req.put(e.getKey(), e.getValue()));
    ObjectNode tr = o.putObject("lock_transitions");
    c.lockTransitions().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> tr.put(e.getKey(), e.getValue()));
    o.put("boots", c.boots());
    return o;
  }

  static ObjectNode certificate(ApiView.DkgCertificateView c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ceremony", c.ceremony());
    ArrayNode p = o.putArray("participants");
    c.participants().forEach(p::add);
    o.put("threshold", c.threshold());
    o.put("transcript_hash", c.transcriptHash());
    o.put("group_key", c.groupKey());
    o.put("xpub", c.xpub());
    ArrayNode sigs = o.putArray("signatures");
    c.signatures().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode s = sigs.addObject();
              s.put("validator", e.getKey());
              s.put("signature", e.getValue());
            });
    o.put("test_signature", c.testSignature());
    return o;
  }

  private static void instant(ObjectNode o, String field, Optional<Instant> at) {
    at.ifPresentOrElse(t -> o.put(field, t.toString()), () -> o.putNull(field));
  }
}
