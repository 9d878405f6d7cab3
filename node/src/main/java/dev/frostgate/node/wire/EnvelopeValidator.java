package dev.frostgate.node.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.node.wire.proto.Abort;
import dev.frostgate.node.wire.proto.Commitments;
import dev.frostgate.node.wire.proto.DkgCertificateSignature;
import dev.frostgate.node.wire.proto.DkgComplaint;
import dev.frostgate.node.wire.proto.DkgRound1;
import dev.frostgate.node.wire.proto.DkgRound2;
import dev.frostgate.node.wire.proto.Envelope;
import dev.frostgate.node.wire.proto.ShareRejection;
import dev.frostgate.node.wire.proto.SignatureShares;
import dev.frostgate.node.wire.proto.SignedEnvelope;
import dev.frostgate.node.wire.proto.SigningComplete;
import dev.frostgate.node.wire.proto.SigningPackages;
import dev.frostgate.node.wire.proto.SigningProposal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Structural checks of a v1 envelope that protobuf cannot express: field sizes, a set body, no
 * unknown fields or enum values, list lengths, and (optionally) well-formed FrostCodec payloads.
 * Pure and stateless; the version is checked by the caller first.
 */
public final class EnvelopeValidator {
  /** Current schema version. */
  public static final int VERSION = 1;

  static final int ID = 32;
  static final int POINT = 33;
  static final int SIGNATURE = 64;
  static final int MAX_MESSAGES = 1000;
  static final int MAX_ENCRYPTED_SHARE = 4096;
  static final int MAX_EVIDENCE = 4096;
  static final int MAX_DETAIL = 256;

  private EnvelopeValidator() {}

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
  public static Optional<String> check(Envelope e, boolean decodeFrostPayloads) {
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
    if (e.getVersion() != VERSION) {
      throw new Invalid("version " + Integer.toUnsignedString(e.getVersion()));
    }
    size("session_id", e.getSessionId(), ID);
    if (e.getSender() == 0) {
      throw new Invalid("sender is 0");
    }
    switch (e.getBodyCase()) {
      case DKG_ROUND1 -> dkgRound1(e.getDkgRound1(), frost);
      case DKG_ROUND2 -> dkgRound2(e.getDkgRound2());
      case DKG_COMPLAINT -> dkgComplaint(e.getDkgComplaint());
      case DKG_CERTIFICATE_SIGNATURE -> certificate(e.getDkgCertificateSignature());
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

  private static void dkgRound1(DkgRound1 b, boolean frost) {
    nonEmpty("dkg_round1.vss_commitment", b.getVssCommitment());
    int pok = b.getProofOfKnowledge().size();
    if (pok != 64 && pok != 65) {
      throw new Invalid("dkg_round1.proof_of_knowledge must be 64 or 65 bytes, got " + pok);
    }
    if (frost) {
      decode("dkg_round1.vss_commitment", b.getVssCommitment(), FrostCodec::decodeVssCommitment);
    }
  }

  private static void dkgRound2(DkgRound2 b) {
    positive("dkg_round2.recipient", b.getRecipient());
    nonEmpty("dkg_round2.encrypted_share", b.getEncryptedShare());
    atMost("dkg_round2.encrypted_share", b.getEncryptedShare(), MAX_ENCRYPTED_SHARE);
  }

  private static void dkgComplaint(DkgComplaint b) {
    positive("dkg_complaint.accused", b.getAccused());
    size("dkg_complaint.revealed_share", b.getRevealedShare(), ID);
    evidence("dkg_complaint.accused_round1", b.hasAccusedRound1(), b.getAccusedRound1());
    evidence("dkg_complaint.accused_round2", b.hasAccusedRound2(), b.getAccusedRound2());
    atMost("dkg_complaint.decryption_evidence", b.getDecryptionEvidence(), MAX_EVIDENCE);
  }

  private static void certificate(DkgCertificateSignature b) {
    size("dkg_certificate_signature.transcript_hash", b.getTranscriptHash(), ID);
    point("dkg_certificate_signature.group_key", b.getGroupKey());
    size("dkg_certificate_signature.signature", b.getSignature(), SIGNATURE);
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

  private static void atMost(String field, ByteString b, int max) {
    if (b.size() > max) {
      throw new Invalid(field + " longer than " + max + " bytes");
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
