package dev.frostgate.crypto.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the sealed-share and key-disclosure encodings, which arrive from other
 * validators (round-2 shares, complaints) and from ceremony files. A decoder returns a value that
 * re-encodes to its input or throws {@link SealException}; a complaint built from decoded parts is
 * always judged (a verdict, never an exception), whatever its points and proof. An input of {@value
 * #COMPLAINT} bytes is also read as a sealed share followed by a disclosure for {@link #RECIPIENT}
 * in {@link #CONTEXT}.
 */
class SealedEncodingsFuzzTest {
  static final int COMPLAINT = SealedShare.ENCODED_BYTES + KeyDisclosure.ENCODED_BYTES;

  static final SealContext CONTEXT =
      new SealContext(
          SealPurpose.DKG_SHARE,
          "FROST-secp256k1-SHA256-TR-v1",
          Hashes.ascii("fuzz session"),
          Identifier.of(1),
          Identifier.of(2),
          Hash32.of(Hashes.sha256(Hashes.ascii("commitment of 1"))));

  static final Bip340KeyPair RECIPIENT =
      Bip340KeyPair.of(SecretScalar.fromBytes(Hashes.sha256(Hashes.ascii("fuzz recipient"))));

  /** The share point the complaint expects (the dealer's commitment evaluated at the recipient). */
  static final Point EXPECTED =
      SecretScalar.fromBytes(Hashes.sha256(Hashes.ascii("fuzz share"))).publicPoint();

  @FuzzTest
  void decode(byte[] data) {
    Optional<SealedShare> sealed = decodeSealed(data);
    Optional<KeyDisclosure> disclosure = decodeDisclosure(data);
    if (data.length == COMPLAINT) {
      sealed = decodeSealed(Arrays.copyOf(data, SealedShare.ENCODED_BYTES));
      disclosure = decodeDisclosure(Arrays.copyOfRange(data, SealedShare.ENCODED_BYTES, COMPLAINT));
    }
    if (sealed.isPresent() && disclosure.isPresent()) {
      for (Optional<Point> expected :
          java.util.List.of(Optional.of(EXPECTED), Optional.<Point>empty())) {
        ShareComplaint c =
            new ShareComplaint(
                CONTEXT,
                Bip340PublicKey.of(RECIPIENT.publicKey()),
                sealed.get(),
                disclosure.get(),
                expected);
        assertThat(c.judge()).isNotNull();
      }
    }
  }

  private static Optional<SealedShare> decodeSealed(byte[] data) {
    try {
      SealedShare s = SealedShare.decode(data);
      assertThat(s.encode()).isEqualTo(data);
      return Optional.of(s);
    } catch (SealException e) {
      return Optional.empty();
    }
  }

  private static Optional<KeyDisclosure> decodeDisclosure(byte[] data) {
    try {
      KeyDisclosure d = KeyDisclosure.decode(data);
      assertThat(d.encode()).isEqualTo(data);
      return Optional.of(d);
    } catch (SealException e) {
      return Optional.empty();
    }
  }
}
