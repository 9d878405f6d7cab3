package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.seal.KeyDisclosure;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.engine.wire.proto.Abort;
import dev.frostgate.engine.wire.proto.Commitments;
import dev.frostgate.engine.wire.proto.DkgCertificateEntry;
import dev.frostgate.engine.wire.proto.DkgCertificateSignature;
import dev.frostgate.engine.wire.proto.DkgComplaint;
import dev.frostgate.engine.wire.proto.DkgEquivocation;
import dev.frostgate.engine.wire.proto.DkgFinal;
import dev.frostgate.engine.wire.proto.DkgRound1;
import dev.frostgate.engine.wire.proto.DkgRound1Set;
import dev.frostgate.engine.wire.proto.DkgRound2;
import dev.frostgate.engine.wire.proto.DkgSessionRef;
import dev.frostgate.engine.wire.proto.DkgShareRequest;
import dev.frostgate.engine.wire.proto.DkgSignedRound1;
import dev.frostgate.engine.wire.proto.DkgTestCommit;
import dev.frostgate.engine.wire.proto.DkgTestShare;
import dev.frostgate.engine.wire.proto.DkgTimeoutVote;
import dev.frostgate.engine.wire.proto.DkgViewClaim;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.ShareRejection;
import dev.frostgate.engine.wire.proto.SignatureShares;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import dev.frostgate.engine.wire.proto.SigningComplete;
import dev.frostgate.engine.wire.proto.SigningPackages;
import dev.frostgate.engine.wire.proto.SigningProposal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Structural checks of a v1 envelope that protobuf cannot express: field sizes, a set body, no
 * unknown fields or enum values, list lengths, and (optionally) well-formed FrostCodec payloads.
 * Pure and stateless; the version is checked by the caller first. A helper of {@link
 * EnvelopeVerifier}, {@link EnvelopeCodec} and {@link DkgMessages}, hence package-private: callers
 * outside {@code engine.wire} go through the verifier.
 */
final class EnvelopeStructure {
  static final int ID = 32;
  static final int POINT = 33;
  static final int SIGNATURE = 64;
  static final int MAX_MESSAGES = 1000;
  static final int MAX_DETAIL = 256;

  /** DKG participants per session (FrostCodec's cap). */
  static final int MAX_PARTICIPANTS = dev.frostgate.crypto.frost.Thresholds.MAX_PARTICIPANTS;

  // Exact FrostCodec sizes: 5-byte header, body, 4-byte checksum.
  static final int FROST_SIGNATURE = 5 + POINT + ID + 4;
  static final int FROST_SIGNING_COMMITMENTS = 5 + ID + 2 * POINT + 4;
  static final int FROST_SIGNATURE_SHARE = 5 + ID + ID + 4;

  private EnvelopeStructure() {}

  /** Thrown inside validation; carries the first problem found. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks a parsed envelope of the current version.
   *
   * @return empty when valid, otherwise what is wrong (never containing field values)
   */
  static Optional<String> check(Envelope e, boolean decodeFrostPayloads) {
    try {
      validate(e, decodeFrostPayloads);
      return Optional.empty();
    } catch (Invalid ex) {
      return Optional.of(ex.getMessage());
    }
  }

  private static void validate(Envelope e, boolean frost) {
    if (hasUnknownFields(e)) {
      throw new Invalid("unknown fields");
    }
    if (e.getVersion() != WireVersion.CURRENT) {
      throw new Invalid("version " + Integer.toUnsignedString(e.getVersion()));
    }
    size("session_id", e.getSessionId(), ID);
    if (e.getSender() == 0) {
      throw new Invalid("sender is 0");
    }
    switch (e.getBodyCase()) {
      case DKG_ROUND1 -> dkgRound1(e.getDkgRound1(), frost);
      case DKG_ROUND2 -> dkgRound2(e.getDkgRound2());
      case DKG_COMPLAINT -> dkgComplaint(e.getDkgComplaint(), frost);
      case DKG_CERTIFICATE_SIGNATURE -> dkgCertificate(e.getDkgCertificateSignature());
      case DKG_TIMEOUT_VOTE -> dkgVote(e.getDkgTimeoutVote());
      case DKG_TEST_COMMIT -> dkgTestCommit(e.getDkgTestCommit(), frost);
      case DKG_TEST_SHARE -> dkgTestShare(e.getDkgTestShare(), frost);
      case DKG_FINAL -> dkgFinal(e.getDkgFinal(), frost);
      case DKG_ROUND1_SET -> dkgRound1Set(e.getDkgRound1Set(), frost);
      case DKG_EQUIVOCATION -> dkgEquivocation(e.getDkgEquivocation(), frost);
      case DKG_SHARE_REQUEST -> dkgShareRequest(e.getDkgShareRequest());
      case SIGNING_PROPOSAL -> proposal(e.getSigningProposal(), e.getSender());
      case COMMITMENTS -> commitments(e.getCommitments(), frost);
      case SIGNING_PACKAGES -> packages(e.getSigningPackages(), frost);
      case SIGNATURE_SHARES -> shares(e.getSignatureShares(), frost);
      case SHARE_REJECTION -> rejection(e.getShareRejection());
      case SIGNING_COMPLETE -> complete(e.getSigningComplete());
      case ABORT -> abort(e.getAbort());
      case BODY_NOT_SET -> throw new Invalid("body not set");
    }
  }

  // ------------------------------------------------------------------ DKG

  private static int dkgSession(String body, boolean present, DkgSessionRef s) {
    String field = body + ".session";
    if (!present) {
      throw new Invalid(field + " missing");
    }
    if (!dev.frostgate.engine.dkg.DkgSessionId.isValidCeremony(s.getCeremony())) {
      throw new Invalid(field + ".ceremony must be 1..128 printable ASCII characters");
    }
    int n = s.getParticipantsCount();
    if (n < 2 || n > MAX_PARTICIPANTS) {
      throw new Invalid(
          field + ".participants count must be 2.." + MAX_PARTICIPANTS + ", got " + n);
    }
    positive(field + ".participants[0]", s.getParticipants(0));
    for (int i = 1; i < n; i++) {
      if (Integer.compareUnsigned(s.getParticipants(i), s.getParticipants(i - 1)) <= 0) {
        throw new Invalid(field + ".participants not strictly increasing");
      }
    }
    return n;
  }

  private static void signedRound1(
      String field, boolean present, DkgSignedRound1 b, int participants, boolean frost) {
    if (!present) {
      throw new Invalid(field + " missing");
    }
    positive(field + ".author", b.getAuthor());
    vss(field + ".vss_commitment", b.getVssCommitment(), participants, frost);
    frostSized(
        field + ".proof_of_knowledge",
        b.getProofOfKnowledge(),
        FROST_SIGNATURE,
        frost,
        FrostCodec::decodeSignature);
    size(field + ".signature", b.getSignature(), SIGNATURE);
  }

  private static void dkgRound1(DkgRound1 b, boolean frost) {
    int n = dkgSession("dkg_round1", b.hasSession(), b.getSession());
    signedRound1("dkg_round1.round1", b.hasRound1(), b.getRound1(), n, frost);
  }

  private static void dkgRound2(DkgRound2 b) {
    dkgSession("dkg_round2", b.hasSession(), b.getSession());
    positive("dkg_round2.dealer", b.getDealer());
    positive("dkg_round2.receiver", b.getReceiver());
    size("dkg_round2.sealed_share", b.getSealedShare(), SealedShare.ENCODED_BYTES);
    size("dkg_round2.view", b.getView(), ID);
    size("dkg_round2.dealer_signature", b.getDealerSignature(), SIGNATURE);
  }

  private static void dkgComplaint(DkgComplaint b, boolean frost) {
    int n = dkgSession("dkg_complaint", b.hasSession(), b.getSession());
    positive("dkg_complaint.accused", b.getAccused());
    positive("dkg_complaint.accuser", b.getAccuser());
    size("dkg_complaint.sealed_share", b.getSealedShare(), SealedShare.ENCODED_BYTES);
    size("dkg_complaint.key_disclosure", b.getKeyDisclosure(), KeyDisclosure.ENCODED_BYTES);
    vss("dkg_complaint.accused_commitment", b.getAccusedCommitment(), n, frost);
    size("dkg_complaint.dealer_view", b.getDealerView(), ID);
    size("dkg_complaint.dealer_signature", b.getDealerSignature(), SIGNATURE);
    size("dkg_complaint.accuser_signature", b.getAccuserSignature(), SIGNATURE);
  }

  private static void dkgCertificate(DkgCertificateSignature b) {
    dkgSession("dkg_certificate_signature", b.hasSession(), b.getSession());
    size("dkg_certificate_signature.signature", b.getSignature(), SIGNATURE);
  }

  private static void dkgVote(DkgTimeoutVote b) {
    dkgSession("dkg_timeout_vote", b.hasSession(), b.getSession());
    positive("dkg_timeout_vote.voter", b.getVoter());
    positive("dkg_timeout_vote.accused", b.getAccused());
    size("dkg_timeout_vote.signature", b.getSignature(), SIGNATURE);
  }

  private static void dkgTestCommit(DkgTestCommit b, boolean frost) {
    dkgSession("dkg_test_commit", b.hasSession(), b.getSession());
    frostSized(
        "dkg_test_commit.signing_commitments",
        b.getSigningCommitments(),
        FROST_SIGNING_COMMITMENTS,
        frost,
        FrostCodec::decodeSigningCommitments);
  }

  private static void dkgTestShare(DkgTestShare b, boolean frost) {
    dkgSession("dkg_test_share", b.hasSession(), b.getSession());
    frostSized(
        "dkg_test_share.signature_share",
        b.getSignatureShare(),
        FROST_SIGNATURE_SHARE,
        frost,
        FrostCodec::decodeSignatureShare);
  }

  private static void dkgFinal(DkgFinal b, boolean frost) {
    int n = dkgSession("dkg_final", b.hasSession(), b.getSession());
    size("dkg_final.transcript_hash", b.getTranscriptHash(), ID);
    point("dkg_final.group_key", b.getGroupKey());
    int count = b.getCertificateCount();
    if (count < 1 || count > n) {
      throw new Invalid("dkg_final.certificate count must be 1.." + n + ", got " + count);
    }
    for (int i = 0; i < count; i++) {
      DkgCertificateEntry c = b.getCertificate(i);
      positive("dkg_final.certificate[" + i + "].signer", c.getSigner());
      if (i > 0
          && Integer.compareUnsigned(c.getSigner(), b.getCertificate(i - 1).getSigner()) <= 0) {
        throw new Invalid("dkg_final.certificate signers not strictly increasing");
      }
      size("dkg_final.certificate[" + i + "].signature", c.getSignature(), SIGNATURE);
    }
    frostSized(
        "dkg_final.test_signature",
        b.getTestSignature(),
        FROST_SIGNATURE,
        frost,
        FrostCodec::decodeSignature);
  }

  private static void dkgRound1Set(DkgRound1Set b, boolean frost) {
    int n = dkgSession("dkg_round1_set", b.hasSession(), b.getSession());
    int packages = b.getPackagesCount();
    if (packages < 1 || packages > n) {
      throw new Invalid("dkg_round1_set.packages count must be 1.." + n + ", got " + packages);
    }
    for (int i = 0; i < packages; i++) {
      DkgSignedRound1 p = b.getPackages(i);
      signedRound1("dkg_round1_set.packages[" + i + "]", true, p, n, frost);
      if (i > 0 && Integer.compareUnsigned(p.getAuthor(), b.getPackages(i - 1).getAuthor()) <= 0) {
        throw new Invalid("dkg_round1_set.packages authors not strictly increasing");
      }
    }
    int claims = b.getClaimsCount();
    if (claims > n) {
      throw new Invalid("dkg_round1_set.claims count must be 0.." + n + ", got " + claims);
    }
    for (int i = 0; i < claims; i++) {
      DkgViewClaim c = b.getClaims(i);
      String field = "dkg_round1_set.claims[" + i + "]";
      positive(field + ".dealer", c.getDealer());
      positive(field + ".receiver", c.getReceiver());
      vss(field + ".vss_commitment", c.getVssCommitment(), n, frost);
      size(field + ".sealed_digest", c.getSealedDigest(), ID);
      size(field + ".view", c.getView(), ID);
      size(field + ".dealer_signature", c.getDealerSignature(), SIGNATURE);
      if (i > 0 && Integer.compareUnsigned(c.getDealer(), b.getClaims(i - 1).getDealer()) <= 0) {
        throw new Invalid("dkg_round1_set.claims dealers not strictly increasing");
      }
    }
  }

  private static void dkgEquivocation(DkgEquivocation b, boolean frost) {
    int n = dkgSession("dkg_equivocation", b.hasSession(), b.getSession());
    signedRound1("dkg_equivocation.first", b.hasFirst(), b.getFirst(), n, frost);
    signedRound1("dkg_equivocation.second", b.hasSecond(), b.getSecond(), n, frost);
  }

  private static void dkgShareRequest(DkgShareRequest b) {
    dkgSession("dkg_share_request", b.hasSession(), b.getSession());
    positive("dkg_share_request.requester", b.getRequester());
    positive("dkg_share_request.dealer", b.getDealer());
    size("dkg_share_request.signature", b.getSignature(), SIGNATURE);
  }

  /** A FrostCodec VssCommitment of 1..participants points: exact length, decoded if asked. */
  private static void vss(String field, ByteString b, int participants, boolean frost) {
    int points = (b.size() - 5 - 2 - 4) / POINT;
    if (b.size() != 5 + 2 + 4 + points * POINT || points < 1 || points > participants) {
      throw new Invalid(
          field
              + " must be a VssCommitment of 1.."
              + participants
              + " points, got "
              + b.size()
              + " bytes");
    }
    if (frost) {
      decode(field, b, FrostCodec::decodeVssCommitment);
    }
  }

  private static void frostSized(
      String field, ByteString b, int expected, boolean frost, Consumer<byte[]> decoder) {
    size(field, b, expected);
    if (frost) {
      decode(field, b, decoder);
    }
  }

  private static void proposal(SigningProposal b, int sender) {
    size("signing_proposal.request_id", b.getRequestId(), ID);
    if (b.getLeader() != sender) {
      throw new Invalid("signing_proposal.leader differs from the sender");
    }
    nonEmpty("signing_proposal.unsigned_tx", b.getUnsignedTx());
    int n = b.getInputIndicesCount();
    count("signing_proposal.input_indices", n);
    if (b.getMessageHashesCount() != n) {
      throw new Invalid("signing_proposal.message_hashes count differs from input_indices");
    }
    long previous = -1;
    for (int i = 0; i < n; i++) {
      long index = Integer.toUnsignedLong(b.getInputIndices(i));
      if (index <= previous) {
        throw new Invalid("signing_proposal.input_indices not strictly increasing");
      }
      previous = index;
      size("signing_proposal.message_hashes[" + i + "]", b.getMessageHashes(i), ID);
    }
  }

  private static void commitments(Commitments b, boolean frost) {
    size("commitments.request_id", b.getRequestId(), ID);
    count("commitments.signing_commitments", b.getSigningCommitmentsCount());
    each(
        "commitments.signing_commitments",
        b.getSigningCommitmentsList(),
        frost,
        FrostCodec::decodeSigningCommitments);
  }

  private static void packages(SigningPackages b, boolean frost) {
    size("signing_packages.request_id", b.getRequestId(), ID);
    count("signing_packages.signing_packages", b.getSigningPackagesCount());
    each(
        "signing_packages.signing_packages",
        b.getSigningPackagesList(),
        frost,
        FrostCodec::decodeSigningPackage);
  }

  private static void shares(SignatureShares b, boolean frost) {
    size("signature_shares.request_id", b.getRequestId(), ID);
    int n = b.getSignatureSharesCount();
    count("signature_shares.signature_shares", n);
    int next = b.getNextCommitmentsCount();
    if (next != 0 && next != n) {
      throw new Invalid("signature_shares.next_commitments must be empty or one per share");
    }
    each(
        "signature_shares.signature_shares",
        b.getSignatureSharesList(),
        frost,
        FrostCodec::decodeSignatureShare);
    each(
        "signature_shares.next_commitments",
        b.getNextCommitmentsList(),
        frost,
        FrostCodec::decodeSigningCommitments);
  }

  private static void complete(SigningComplete b) {
    size("signing_complete.request_id", b.getRequestId(), ID);
    count("signing_complete.signatures", b.getSignaturesCount());
    for (int i = 0; i < b.getSignaturesCount(); i++) {
      size("signing_complete.signatures[" + i + "]", b.getSignatures(i), SIGNATURE);
    }
  }

  private static void rejection(ShareRejection b) {
    size("share_rejection.request_id", b.getRequestId(), ID);
    positive("share_rejection.culprit", b.getCulprit());
    if (b.getReason() == ShareRejection.Reason.UNRECOGNIZED
        || b.getReason() == ShareRejection.Reason.REASON_UNSPECIFIED) {
      throw new Invalid("share_rejection.reason unknown or unset");
    }
    evidence("share_rejection.culprit_shares", b.hasCulpritShares(), b.getCulpritShares());
    evidence("share_rejection.signing_packages", b.hasSigningPackages(), b.getSigningPackages());
  }

  private static void abort(Abort b) {
    if (b.getReason() == Abort.Reason.UNRECOGNIZED
        || b.getReason() == Abort.Reason.REASON_UNSPECIFIED) {
      throw new Invalid("abort.reason unknown or unset");
    }
    if (b.getDetail().length() > MAX_DETAIL) {
      throw new Invalid("abort.detail longer than " + MAX_DETAIL + " characters");
    }
  }

  // ------------------------------------------------------------------ helpers

  private static void evidence(String field, boolean present, SignedEnvelope s) {
    if (!present) {
      throw new Invalid(field + " missing");
    }
    nonEmpty(field + ".envelope", s.getEnvelope());
    size(field + ".signature", s.getSignature(), SIGNATURE);
  }

  private static void size(String field, ByteString b, int expected) {
    if (b.size() != expected) {
      throw new Invalid(field + " must be " + expected + " bytes, got " + b.size());
    }
  }

  private static void point(String field, ByteString b) {
    size(field, b, POINT);
    try {
      Point.decode(b.toByteArray());
    } catch (CryptoException e) {
      throw new Invalid(field + " is not a curve point");
    }
  }

  private static void nonEmpty(String field, ByteString b) {
    if (b.isEmpty()) {
      throw new Invalid(field + " is empty");
    }
  }

  private static void positive(String field, int value) {
    if (value == 0) {
      throw new Invalid(field + " is 0");
    }
  }

  private static void count(String field, int n) {
    if (n < 1 || n > MAX_MESSAGES) {
      throw new Invalid(field + " count must be 1.." + MAX_MESSAGES + ", got " + n);
    }
  }

  private static void each(
      String field, List<ByteString> items, boolean frost, Consumer<byte[]> decoder) {
    for (int i = 0; i < items.size(); i++) {
      nonEmpty(field + "[" + i + "]", items.get(i));
      if (frost) {
        decode(field + "[" + i + "]", items.get(i), decoder);
      }
    }
  }

  private static void decode(String field, ByteString b, Consumer<byte[]> decoder) {
    try {
      decoder.accept(b.toByteArray());
    } catch (CryptoException | IllegalArgumentException e) {
      throw new Invalid(field + " is not a valid encoding");
    }
  }

  /**
   * True if the message or any nested message carries fields this schema does not define. Walks
   * only the message-typed fields of each type (found once per type) and, of a oneof, only the
   * member that is set: {@code getAllFields()} builds a map by reflection on every call, which cost
   * more than the rest of the validation.
   */
  static boolean hasUnknownFields(Message m) {
    if (!m.getUnknownFields().asMap().isEmpty()) {
      return true;
    }
    MessageFields fields =
        MESSAGE_FIELDS.computeIfAbsent(m.getDescriptorForType(), MessageFields::of);
    for (FieldDescriptor f : fields.plain()) {
      if (f.isRepeated()) {
        for (int i = 0, n = m.getRepeatedFieldCount(f); i < n; i++) {
          if (hasUnknownFields((Message) m.getRepeatedField(f, i))) {
            return true;
          }
        }
      } else if (m.hasField(f) && hasUnknownFields((Message) m.getField(f))) {
        return true;
      }
    }
    for (OneofDescriptor o : fields.oneofs()) {
      FieldDescriptor set = m.getOneofFieldDescriptor(o);
      if (set != null
          && set.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && hasUnknownFields((Message) m.getField(set))) {
        return true;
      }
    }
    return false;
  }

  /** A message type's message-typed fields outside oneofs, and its oneofs with such members. */
  private record MessageFields(List<FieldDescriptor> plain, List<OneofDescriptor> oneofs) {
    static MessageFields of(Descriptor d) {
      return new MessageFields(
          d.getFields().stream()
              .filter(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
              .filter(f -> f.getRealContainingOneof() == null)
              .toList(),
          d.getRealOneofs().stream()
              .filter(
                  o ->
                      o.getFields().stream()
                          .anyMatch(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE))
              .toList());
    }
  }

  private static final Map<Descriptor, MessageFields> MESSAGE_FIELDS = new ConcurrentHashMap<>();
}
