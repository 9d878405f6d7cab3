package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.proto.Abort;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SigningComplete;
import dev.frostgate.engine.wire.proto.SigningProposal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's {@link Message}s as v1 envelope bodies. The session id is the SHA-256 of the request
 * id ({@link RequestId#hash()}, also every body's {@code request_id}); the round is {@code attempt
 * * 8 + kind}, so the attempt travels in the signed header for every message:
 *
 * <table>
 *   <tr><th>kind</th><th>engine</th><th>body</th></tr>
 *   <tr><td>0</td><td>Proposal</td><td>signing_proposal (all inputs, in order)</td></tr>
 *   <tr><td>1</td><td>Commit</td><td>commitments</td></tr>
 *   <tr><td>2</td><td>Refuse</td><td>abort (POLICY_REJECTED, detail = the reason's name)</td></tr>
 *   <tr><td>3</td><td>SignRequest</td><td>signing_packages</td></tr>
 *   <tr><td>4</td><td>Share</td><td>signature_shares</td></tr>
 *   <tr><td>5</td><td>Signed</td><td>signing_complete</td></tr>
 * </table>
 */
public final class EngineMessages {
  static final int KINDS = 8;

  private EngineMessages() {}

  /** A header and body for {@code m} from {@code sender}. */
  public static Envelope envelope(Message m, int sender, long sequence, long sentAtMs) {
    byte[] rid = m.request().hash();
    ByteString ridBytes = ByteString.copyFrom(rid);
    SessionHash session = SessionHash.of(rid);
    Envelope.Builder b;
    switch (m) {
      case Message.Proposal p -> {
        b = EnvelopeCodec.header(session, round(p.attempt(), 0), sender, sequence, sentAtMs);
        SigningProposal.Builder sp =
            SigningProposal.newBuilder()
                .setRequestId(ridBytes)
                .setLeader(sender)
                .setLeaderAttempt(p.attempt())
                .setUnsignedTx(ByteString.copyFrom(p.tx().toByteArray()));
        for (int i = 0; i < p.messages().size(); i++) {
          sp.addInputIndices(i).addMessageHashes(ByteString.copyFrom(p.messages().get(i).bytes()));
        }
        b.setSigningProposal(sp);
      }
      case Message.Commit c -> {
        b = EnvelopeCodec.header(session, round(c.attempt(), 1), sender, sequence, sentAtMs);
        b.setCommitments(WireBodies.commitments(rid, c.commitments()));
      }
      case Message.Refuse r -> {
        b = EnvelopeCodec.header(session, round(r.attempt(), 2), sender, sequence, sentAtMs);
        b.setAbort(
            Abort.newBuilder()
                .setReason(Abort.Reason.POLICY_REJECTED)
                .setDetail(r.reason().name()));
      }
      case Message.SignRequest sr -> {
        b = EnvelopeCodec.header(session, round(sr.attempt(), 3), sender, sequence, sentAtMs);
        b.setSigningPackages(WireBodies.signingPackages(rid, sr.session(), sr.packages()));
      }
      case Message.Share sh -> {
        b = EnvelopeCodec.header(session, round(sh.attempt(), 4), sender, sequence, sentAtMs);
        b.setSignatureShares(WireBodies.signatureShares(rid, sh.session(), sh.shares(), sh.next()));
      }
      case Message.Signed sg -> {
        b = EnvelopeCodec.header(session, round(sg.attempt(), 5), sender, sequence, sentAtMs);
        SigningComplete.Builder sc = SigningComplete.newBuilder().setRequestId(ridBytes);
        sg.signatures().forEach(s -> sc.addSignatures(ByteString.copyFrom(s.bytes())));
        b.setSigningComplete(sc);
      }
    }
    return b.build();
  }

  /**
   * The {@link ReplayGuard} configuration for engine messages. A request's session is never opened
   * explicitly: any engine message may be the first one a node sees of a request (a leader hears of
   * it first through commitments to its own proposal), so every engine body opens it, and the
   * guard's memory is bounded per sender: 32,768 entries, about 15 minutes of one sender's traffic
   * to one receiver at 100 signed requests a second (78 envelopes per request over the 15 × 14
   * links of a 10-of-15 group, measured by EngineThroughput), so honest traffic stays within the
   * cap for the whole time window; a flooding sender only pushes out its own oldest entries, whose
   * replays reach the engine, which answers duplicates idempotently. Only attempts are ordered
   * ({@code roundsPerStep} = {@value #KINDS}): within an attempt a signer answers a retransmitted
   * proposal after it sent a share. {@code sent_at} may be at most 10 minutes old and 30 seconds
   * ahead.
   */
  public static ReplayGuard.Config replayGuardConfig() {
    return new ReplayGuard.Config(
        Duration.ofMinutes(10),
        Duration.ofSeconds(30),
        Integer.MAX_VALUE,
        32_768,
        65_536,
        EnumSet.of(
            Envelope.BodyCase.SIGNING_PROPOSAL,
            Envelope.BodyCase.COMMITMENTS,
            Envelope.BodyCase.ABORT,
            Envelope.BodyCase.SIGNING_PACKAGES,
            Envelope.BodyCase.SIGNATURE_SHARES,
            Envelope.BodyCase.SIGNING_COMPLETE),
        KINDS);
  }

  private static int round(int attempt, int kind) {
    if (attempt < 0 || attempt > (Integer.MAX_VALUE - kind) / KINDS) {
      throw new IllegalArgumentException("attempt out of range: " + attempt);
    }
    return attempt * KINDS + kind;
  }

  /**
   * The engine message in a verified envelope, or why not: the request is unknown to {@code
   * requests} (which maps a 32-byte request hash to the request id), the round does not match the
   * body, or a FROST payload does not decode.
   */
  public static Decoded<Message> decode(
      Envelope e, Function<ByteString, Optional<RequestId>> requests) {
    Optional<RequestId> rid = requests.apply(e.getSessionId());
    if (rid.isEmpty()) {
      return Decoded.reject(RejectReason.WRONG_SESSION, "unknown request");
    }
    RequestId r = rid.get();
    int attempt = e.getRound() / KINDS;
    int kind = e.getRound() % KINDS;
    if (e.getRound() < 0) {
      return Decoded.reject(RejectReason.MALFORMED, "round out of range");
    }
    try {
      Message m =
          switch (e.getBodyCase()) {
            case SIGNING_PROPOSAL -> {
              SigningProposal p = e.getSigningProposal();
              check(kind == 0 && p.getLeaderAttempt() == attempt && sameId(p.getRequestId(), e));
              for (int i = 0; i < p.getInputIndicesCount(); i++) {
                check(p.getInputIndices(i) == i);
              }
              List<byte[]> hashes = new ArrayList<>();
              p.getMessageHashesList().forEach(h -> hashes.add(h.toByteArray()));
              yield Message.Proposal.of(r, attempt, p.getUnsignedTx().toByteArray(), hashes);
            }
            case COMMITMENTS -> {
              check(kind == 1 && sameId(e.getCommitments().getRequestId(), e));
              yield new Message.Commit(r, attempt, WireBodies.commitments(e.getCommitments()));
            }
            case ABORT -> {
              check(kind == 2 && e.getAbort().getReason() == Abort.Reason.POLICY_REJECTED);
              yield new Message.Refuse(
                  r, attempt, PolicyVerdict.Reason.valueOf(e.getAbort().getDetail()));
            }
            case SIGNING_PACKAGES -> {
              var b = e.getSigningPackages();
              check(kind == 3 && sameId(b.getRequestId(), e));
              yield new Message.SignRequest(
                  r, attempt, b.getRoastSession(), WireBodies.signingPackages(b));
            }
            case SIGNATURE_SHARES -> {
              var b = e.getSignatureShares();
              check(kind == 4 && sameId(b.getRequestId(), e));
              yield new Message.Share(
                  r,
                  attempt,
                  b.getRoastSession(),
                  WireBodies.signatureShares(b),
                  WireBodies.nextCommitments(b));
            }
            case SIGNING_COMPLETE -> {
              var b = e.getSigningComplete();
              check(kind == 5 && sameId(b.getRequestId(), e));
              yield new Message.Signed(
                  r,
                  attempt,
                  b.getSignaturesList().stream()
                      .map(sig -> Bip340Signature.of(sig.toByteArray()))
                      .toList());
            }
            default -> throw new IllegalArgumentException("not a signing message");
          };
      return Decoded.accept(m);
    } catch (FrostException | IllegalArgumentException ex) {
      return Decoded.reject(RejectReason.MALFORMED, "not a valid engine message");
    }
  }

  private static boolean sameId(ByteString requestId, Envelope e) {
    return requestId.equals(e.getSessionId());
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("round, attempt or request id do not match the body");
    }
  }
}
