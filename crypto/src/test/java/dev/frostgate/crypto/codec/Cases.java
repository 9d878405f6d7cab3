package dev.frostgate.crypto.codec;

import dev.frostgate.crypto.codec.CodecFixtures.Session;
import dev.frostgate.crypto.codec.FrostCodec.Type;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.frost.VssCommitment;
import java.util.List;

/** One encoding per type, and type-generic decode / re-encode, for table-driven tests. */
record Cases(Type type, byte[] encoded) {

  static List<Cases> of(Session s) {
    return List.of(
        new Cases(Type.KEY_PACKAGE, FrostCodec.encode(s.keyPackages().get(0))),
        new Cases(Type.PUBLIC_KEY_PACKAGE, FrostCodec.encode(s.dealer().publicKeys())),
        new Cases(Type.SIGNING_COMMITMENTS, FrostCodec.encode(s.commitments().get(0))),
        new Cases(Type.SIGNING_PACKAGE, FrostCodec.encode(s.signingPackage())),
        new Cases(Type.SIGNATURE_SHARE, FrostCodec.encode(s.shares().get(0))),
        new Cases(Type.SIGNATURE, FrostCodec.encode(s.signature())),
        new Cases(Type.SECRET_SHARE, FrostCodec.encode(s.secretShare(0))),
        new Cases(Type.VSS_COMMITMENT, FrostCodec.encode(s.secretShare(0).commitment())));
  }

  static Object decode(Type type, byte[] data) {
    return switch (type) {
      case KEY_PACKAGE -> FrostCodec.decodeKeyPackage(data);
      case PUBLIC_KEY_PACKAGE -> FrostCodec.decodePublicKeyPackage(data);
      case SIGNING_COMMITMENTS -> FrostCodec.decodeSigningCommitments(data);
      case SIGNING_PACKAGE -> FrostCodec.decodeSigningPackage(data);
      case SIGNATURE_SHARE -> FrostCodec.decodeSignatureShare(data);
      case SIGNATURE -> FrostCodec.decodeSignature(data);
      case SECRET_SHARE -> FrostCodec.decodeSecretShare(data);
      case VSS_COMMITMENT -> FrostCodec.decodeVssCommitment(data);
    };
  }

  static byte[] encode(Object value) {
    return switch (value) {
      case KeyPackage v -> FrostCodec.encode(v);
      case PublicKeyPackage v -> FrostCodec.encode(v);
      case SigningCommitments v -> FrostCodec.encode(v);
      case SigningPackage v -> FrostCodec.encode(v);
      case SignatureShare v -> FrostCodec.encode(v);
      case Signature v -> FrostCodec.encode(v);
      case SecretShare v -> FrostCodec.encode(v);
      case VssCommitment v -> FrostCodec.encode(v);
      default -> throw new IllegalArgumentException(value.getClass().getName());
    };
  }

  @Override
  public String toString() {
    return type.typeName();
  }
}
