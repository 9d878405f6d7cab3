package dev.frostgate.crypto.codec;

import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic FROST sessions (dealer, round 1, round 2, aggregation) to encode. */
final class CodecFixtures {
  private CodecFixtures() {}

  /** A SecureRandom that replays a seed, so failures reproduce. Tests only. */
  static final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final SplittableRandom random;

    SeededRandom(long seed) {
      this.random = new SplittableRandom(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt();
      }
    }
  }

  /** Everything one t-of-n signing session produces. */
  record Session(
      Ciphersuite suite,
      TrustedDealer.Output dealer,
      List<KeyPackage> keyPackages,
      List<SigningCommitments> commitments,
      SigningPackage signingPackage,
      List<SignatureShare> shares,
      Signature signature,
      byte[] message) {

    SecretShare secretShare(int index) {
      return List.copyOf(dealer.shares().values()).get(index);
    }
  }

  static Session session(Ciphersuite suite, int n, int t, long seed) {
    return session(suite, n, t, seed, 32);
  }

  static Session session(Ciphersuite suite, int n, int t, long seed, int messageLength) {
    SecureRandom rnd = new SeededRandom(seed);
    TrustedDealer.Output dealer = TrustedDealer.generate(suite, n, t, rnd);
    List<KeyPackage> kps = new ArrayList<>();
    for (SecretShare s : dealer.shares().values()) {
      kps.add(s.toKeyPackage());
    }
    List<KeyPackage> signers = kps.subList(0, t);
    List<SigningNonces> nonces = new ArrayList<>();
    List<SigningCommitments> commitments = new ArrayList<>();
    for (KeyPackage kp : signers) {
      SigningNonces nonce = Round1.commit(kp, rnd);
      nonces.add(nonce);
      commitments.add(nonce.commitments());
    }
    byte[] message = new byte[messageLength];
    rnd.nextBytes(message);
    SigningPackage pkg = SigningPackage.of(commitments, message);
    List<SignatureShare> shares = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      shares.add(Round2.sign(pkg, nonces.get(i), signers.get(i)));
    }
    Signature sig = Aggregator.aggregate(pkg, shares, dealer.publicKeys());
    return new Session(suite, dealer, kps, commitments, pkg, shares, sig, message);
  }

  /** Recomputes the checksum so that a test reaches the body checks. */
  static byte[] reseal(byte[] encoding) {
    byte[] out = encoding.clone();
    int body = out.length - FrostCodec.CHECKSUM_LENGTH;
    byte[] digest = Hashes.sha256(Arrays.copyOf(out, body));
    System.arraycopy(digest, 0, out, body, FrostCodec.CHECKSUM_LENGTH);
    return out;
  }
}
