package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.wire.proto.Commitments;
import dev.frostgate.engine.wire.proto.SignatureShares;
import dev.frostgate.engine.wire.proto.SigningPackages;
import java.util.List;
import java.util.function.Function;

/**
 * Conversions between crypto values and signing wire bodies (DKG bodies: {@link DkgMessages}).
 * FROST values travel as their canonical {@link FrostCodec} encodings; decoding throws the codec's
 * {@code FrostException} for bad input (bodies of a {@link VerifiedEnvelope} were already decoded
 * once when {@link WireLimits} says so).
 */
public final class WireBodies {
  private WireBodies() {}

  /** Commitments for a request, one per message in message order. */
  public static Commitments commitments(byte[] requestId, List<SigningCommitments> perMessage) {
    return Commitments.newBuilder()
        .setRequestId(ByteString.copyFrom(requestId))
        .addAllSigningCommitments(encodeAll(perMessage, FrostCodec::encode))
        .build();
  }

  public static List<SigningCommitments> commitments(Commitments b) {
    return decodeAll(b.getSigningCommitmentsList(), FrostCodec::decodeSigningCommitments);
  }

  public static SigningPackages signingPackages(
      byte[] requestId, long roastSession, List<SigningPackage> perMessage) {
    return SigningPackages.newBuilder()
        .setRequestId(ByteString.copyFrom(requestId))
        .setRoastSession(roastSession)
        .addAllSigningPackages(encodeAll(perMessage, FrostCodec::encode))
        .build();
  }

  public static List<SigningPackage> signingPackages(SigningPackages b) {
    return decodeAll(b.getSigningPackagesList(), FrostCodec::decodeSigningPackage);
  }

  /**
   * Shares for one ROAST session, with the signer's fresh commitments for its next session (empty
   * list if none).
   */
  public static SignatureShares signatureShares(
      byte[] requestId,
      long roastSession,
      List<SignatureShare> perMessage,
      List<SigningCommitments> nextCommitments) {
    return SignatureShares.newBuilder()
        .setRequestId(ByteString.copyFrom(requestId))
        .setRoastSession(roastSession)
        .addAllSignatureShares(encodeAll(perMessage, FrostCodec::encode))
        .addAllNextCommitments(encodeAll(nextCommitments, FrostCodec::encode))
        .build();
  }

  public static List<SignatureShare> signatureShares(SignatureShares b) {
    return decodeAll(b.getSignatureSharesList(), FrostCodec::decodeSignatureShare);
  }

  public static List<SigningCommitments> nextCommitments(SignatureShares b) {
    return decodeAll(b.getNextCommitmentsList(), FrostCodec::decodeSigningCommitments);
  }

  private static <T> List<ByteString> encodeAll(List<T> values, Function<T, byte[]> encoder) {
    return values.stream().map(v -> ByteString.copyFrom(encoder.apply(v))).toList();
  }

  private static <T> List<T> decodeAll(List<ByteString> values, Function<byte[], T> decoder) {
    return values.stream().map(v -> decoder.apply(v.toByteArray())).toList();
  }
}
