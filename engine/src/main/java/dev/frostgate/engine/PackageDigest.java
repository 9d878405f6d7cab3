package dev.frostgate.engine;

import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The digest of everything a signature share depends on besides the secret share and nonce: the
 * ciphersuite, and per input (in order) the whole signing package (every co-signer's commitment and
 * the message, {@link FrostCodec#encode(SigningPackage)}) and the public key the input is signed
 * for (the group key with that input's tweak). Two shares made with one nonce over packages of
 * different digests have different challenges or binding factors, and together they reveal the
 * signing share; so the journal stores this digest with the commitment and refuses any other.
 *
 * <p>{@code SHA-256(tag("frostgate/signing-package/v1") · u32 len(suite) · suite · u32 inputs · per
 * input: u32 len(package) · package · 33-byte compressed key)}, where tag is the BIP340-style
 * tagged hash prefix. Public values only.
 */
public final class PackageDigest {
  static final String TAG = "frostgate/signing-package/v1";

  private PackageDigest() {}

  /**
   * @param packages one signing package per input, in input order
   * @param inputKeys this signer's key package per input (only the public group key is read)
   */
  public static byte[] of(List<SigningPackage> packages, List<KeyPackage> inputKeys) {
    if (packages.isEmpty() || packages.size() != inputKeys.size()) {
      throw new IllegalArgumentException(
          packages.size() + " signing packages for " + inputKeys.size() + " input keys");
    }
    MessageDigest d = Hashes.taggedDigest(TAG);
    byte[] suite = inputKeys.get(0).suite().contextString().getBytes(StandardCharsets.UTF_8);
    d.update(u32(suite.length));
    d.update(suite);
    d.update(u32(packages.size()));
    for (int i = 0; i < packages.size(); i++) {
      byte[] pkg = FrostCodec.encode(packages.get(i));
      d.update(u32(pkg.length));
      d.update(pkg);
      d.update(inputKeys.get(i).verifyingKey().compressed());
    }
    return d.digest();
  }

  private static byte[] u32(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }
}
