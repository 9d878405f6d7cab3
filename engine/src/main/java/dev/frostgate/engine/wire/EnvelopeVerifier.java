package dev.frostgate.engine.wire;

import static dev.frostgate.engine.wire.RejectReason.BAD_SIGNATURE;
import static dev.frostgate.engine.wire.RejectReason.FORGED_SENDER;
import static dev.frostgate.engine.wire.RejectReason.MALFORMED;
import static dev.frostgate.engine.wire.RejectReason.OVERSIZED;
import static dev.frostgate.engine.wire.RejectReason.UNKNOWN_SENDER;
import static dev.frostgate.engine.wire.RejectReason.UNSUPPORTED_VERSION;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Stateless checks of one inbound signed envelope, cheapest first: size cap (before any parsing),
 * strict protobuf parsing (canonical encoding, no unknown fields), the wire version ({@link
 * WireVersion}, read before the rest of the envelope is parsed), structure, pinned sender,
 * transport peer, the BIP340 signature, and last the FrostCodec payloads (so a MALFORMED payload in
 * a correctly signed envelope is provable misbehaviour of its sender). Replays, staleness and
 * ordering are {@link ReplayGuard}'s (stateful) business. Thread-safe.
 */
public final class EnvelopeVerifier {
  private final IdentityKeys keys;
  private final WireLimits limits;

  public EnvelopeVerifier(IdentityKeys keys, WireLimits limits) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public WireLimits limits() {
    return limits;
  }

  /**
   * Verifies a message delivered by the authenticated transport peer {@code fromPeer}: the envelope
   * must name that peer as its sender (else FORGED_SENDER).
   */
  public Decoded<VerifiedEnvelope> verify(int fromPeer, byte[] wire) {
    Objects.requireNonNull(wire, "wire");
    if (wire.length > limits.maxEnvelopeBytes()) {
      return Decoded.reject(OVERSIZED, wire.length + " bytes, cap " + limits.maxEnvelopeBytes());
    }
    SignedEnvelope signed;
    try {
      signed = parseSigned(wire);
    } catch (InvalidProtocolBufferException e) {
      return Decoded.reject(MALFORMED, "signed envelope does not parse");
    }
    return verify(signed, Optional.of(fromPeer));
  }

  /**
   * Verifies a signed envelope carried as evidence inside another message (no transport peer). The
   * same structural and signature checks apply.
   */
  public Decoded<VerifiedEnvelope> verifyEvidence(SignedEnvelope signed) {
    Objects.requireNonNull(signed, "signed");
    if (signed.getSerializedSize() > limits.maxEnvelopeBytes()) {
      return Decoded.reject(OVERSIZED, "evidence above the cap");
    }
    return verify(signed, Optional.empty());
  }

  private Decoded<VerifiedEnvelope> verify(SignedEnvelope signed, Optional<Integer> fromPeer) {
    if (EnvelopeStructure.hasUnknownFields(signed)) {
      return Decoded.reject(MALFORMED, "signed envelope has unknown fields");
    }
    if (signed.getSignature().size() != EnvelopeStructure.SIGNATURE) {
      return Decoded.reject(
          MALFORMED, "signature must be 64 bytes, got " + signed.getSignature().size());
    }
    ByteString bytes = signed.getEnvelope();
    // The version is read before the rest is parsed: another version may lay out other fields.
    OptionalInt version = WireVersion.peek(bytes);
    if (version.isEmpty()) {
      return Decoded.reject(MALFORMED, "envelope does not parse");
    }
    Optional<String> unsupported = WireVersion.unsupported(version.getAsInt());
    if (unsupported.isPresent()) {
      return Decoded.reject(UNSUPPORTED_VERSION, unsupported.get());
    }
    Envelope envelope;
    try {
      envelope = parseEnvelope(bytes);
    } catch (InvalidProtocolBufferException e) {
      return Decoded.reject(MALFORMED, "envelope does not parse");
    }
    if (!envelope.toByteString().equals(bytes)) {
      return Decoded.reject(MALFORMED, "envelope is not canonically encoded");
    }
    // Structure first (cheap); FROST payloads (point decompression) only once the signature holds.
    Optional<String> problem = EnvelopeStructure.check(envelope, false);
    if (problem.isPresent()) {
      return Decoded.reject(MALFORMED, problem.get());
    }
    int sender = envelope.getSender();
    Optional<byte[]> key = keys.xOnly(sender);
    if (key.isEmpty()) {
      return Decoded.reject(UNKNOWN_SENDER, "sender " + Integer.toUnsignedString(sender));
    }
    if (fromPeer.isPresent() && fromPeer.get() != sender) {
      return Decoded.reject(
          FORGED_SENDER,
          "claims sender "
              + Integer.toUnsignedString(sender)
              + ", delivered by peer "
              + fromPeer.get());
    }
    byte[] digest = EnvelopeCodec.digest(bytes.toByteArray());
    if (!Secp256k1.verifySchnorr(signed.getSignature().toByteArray(), digest, key.get())) {
      return Decoded.reject(
          BAD_SIGNATURE,
          "signature does not verify for sender " + Integer.toUnsignedString(sender));
    }
    if (limits.decodeFrostPayloads()) {
      Optional<String> payload = EnvelopeStructure.check(envelope, true);
      if (payload.isPresent()) {
        return Decoded.reject(MALFORMED, payload.get());
      }
    }
    return new Decoded.Accepted<>(new VerifiedEnvelope(envelope, signed));
  }

  private static SignedEnvelope parseSigned(byte[] wire) throws InvalidProtocolBufferException {
    SignedEnvelope s = SignedEnvelope.parseFrom(wire);
    if (!Arrays.equals(s.toByteArray(), wire)) {
      throw new InvalidProtocolBufferException("signed envelope is not canonically encoded");
    }
    return s;
  }

  private static Envelope parseEnvelope(ByteString bytes) throws InvalidProtocolBufferException {
    CodedInputStream in = bytes.newCodedInput();
    in.setRecursionLimit(8);
    return Envelope.parser().parseFrom(in);
  }
}
