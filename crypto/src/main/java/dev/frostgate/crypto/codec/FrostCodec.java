package dev.frostgate.crypto.codec;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.FrostException.Kind;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.hash.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Versioned, canonical binary encoding of the FROST values, with strict decoding.
 *
 * <p>Envelope, format version 1 (integers unsigned big-endian):
 *
 * <pre>
 *   magic       2 bytes  "FG" (0x46 0x47)
 *   version     1 byte   1
 *   type        1 byte   see {@link Type}
 *   ciphersuite 1 byte   1 = FROST-secp256k1-SHA256-v1, 2 = FROST-secp256k1-SHA256-TR-v1,
 *                        0 for types that carry no ciphersuite
 *   body        ...      per type, below
 *   checksum    4 bytes  first 4 bytes of SHA-256(everything above)
 * </pre>
 *
 * Body fields: identifiers are 32-byte scalars in [1, n); points are 33-byte compressed SEC1 (never
 * the identity); scalars are 32 bytes below n; counts are 2 bytes, at most {@value
 * Thresholds#MAX_PARTICIPANTS}; a message is a 4-byte length (at most {@value #MAX_MESSAGE_LENGTH})
 * followed by its bytes; map entries are sorted by strictly increasing identifier.
 *
 * <pre>
 *   tag type               suite body
 *   1   KeyPackage         1|2   identifier, signingShare (secret), verifyingShare, verifyingKey,
 *                                minSigners (2 bytes, 1..1000)
 *   2   PublicKeyPackage   1|2   n (1..1000), n × (identifier, verifyingShare), verifyingKey,
 *                                minSigners (1..n)
 *   3   SigningCommitments 0     identifier, hiding, binding
 *   4   SigningPackage     0     n (1..1000), n × (identifier, hiding, binding), message
 *   5   SignatureShare     0     identifier, share (scalar)
 *   6   Signature          0     R (point), z (scalar)
 *   7   SecretShare        1|2   identifier, signingShare (secret), t (1..1000), t × point
 *   8   VssCommitment      0     t (1..1000), t × point
 * </pre>
 *
 * Every byte string has at most one decoding and every value one encoding: {@code
 * encode(decode(x))} equals {@code x} whenever decoding succeeds. The checksum detects accidental
 * corruption only; it is not authentication (anyone can recompute it), so body fields are checked
 * strictly regardless. Decoding a {@code KeyPackage} also checks that its signing share matches its
 * verifying share; decoding a {@code SecretShare} does not check it against the commitment (that is
 * {@link SecretShare#toKeyPackage()}, whose failure blames the dealer).
 *
 * <p><b>Secrets:</b> the encodings of {@link KeyPackage} and {@link SecretShare} contain the secret
 * signing share in the clear. Callers must encrypt them before they are stored or sent, and should
 * wipe the returned arrays after use. Temporary arrays inside this class are wiped; error messages
 * never contain field values of secret-bearing types.
 *
 * <p>Every decoding failure is a {@link FrostException} whose message starts with {@code
 * Type.field}; kinds are MALFORMED_ENCODING (envelope, lengths, counts, order, checksum),
 * MALFORMED_ELEMENT, IDENTITY_ELEMENT, MALFORMED_SCALAR (also zero identifiers),
 * DUPLICATE_IDENTIFIER and WRONG_CIPHERSUITE (unknown ciphersuite tag).
 */
public final class FrostCodec {
  /** Current format version. */
  public static final int VERSION = 1;

  /** Largest message a {@link SigningPackage} encoding may carry: 1 MiB. */
  public static final int MAX_MESSAGE_LENGTH = 1 << 20;

  static final byte[] MAGIC = {'F', 'G'};
  static final int HEADER_LENGTH = 5;
  static final int CHECKSUM_LENGTH = 4;

  private static final int ID = 32;
  private static final int POINT = 33;
  private static final int SCALAR = 32;
  private static final int MAX = Thresholds.MAX_PARTICIPANTS;
  private static final HexFormat HEX = HexFormat.of();

  private FrostCodec() {}

  /** The type tags of format version 1. */
  public enum Type {
    KEY_PACKAGE(1, "KeyPackage", true),
    PUBLIC_KEY_PACKAGE(2, "PublicKeyPackage", true),
    SIGNING_COMMITMENTS(3, "SigningCommitments", false),
    SIGNING_PACKAGE(4, "SigningPackage", false),
    SIGNATURE_SHARE(5, "SignatureShare", false),
    SIGNATURE(6, "Signature", false),
    SECRET_SHARE(7, "SecretShare", true),
    VSS_COMMITMENT(8, "VssCommitment", false);

    private final int tag;
    private final String typeName;
    private final boolean hasSuite;

    Type(int tag, String typeName, boolean hasSuite) {
      this.tag = tag;
      this.typeName = typeName;
      this.hasSuite = hasSuite;
    }

    public int tag() {
      return tag;
    }

    /** The Java type's simple name, as used in error messages. */
    public String typeName() {
      return typeName;
    }

    /** Whether the encoding records a ciphersuite (otherwise the ciphersuite byte is 0). */
    public boolean hasCiphersuite() {
      return hasSuite;
    }

    static Type byTag(int tag) {
      for (Type t : values()) {
        if (t.tag == tag) {
          return t;
        }
      }
      return null;
    }
  }

  /** The ciphersuite byte: 1 for RFC 9591, 2 for Taproot. */
  public static int ciphersuiteTag(Ciphersuite suite) {
    if (suite.contextString().equals(Ciphersuite.RFC9591.contextString())) {
      return 1;
    }
    if (suite.contextString().equals(Ciphersuite.TAPROOT.contextString())) {
      return 2;
    }
    throw new IllegalArgumentException("no tag for ciphersuite " + suite.contextString());
  }

  // ---------------------------------------------------------------- encoders

  /**
   * Encodes a key package, <b>including its secret signing share</b>: encrypt the result before
   * storing or sending it, and wipe the array after use.
   */
  public static byte[] encode(KeyPackage kp) {
    checkMinSigners("KeyPackage", kp.minSigners(), MAX);
    CodecWriter w = new CodecWriter(Type.KEY_PACKAGE, ciphersuiteTag(kp.suite()), 200);
    w.identifier(kp.identifier());
    w.secret(kp.signingShare());
    w.point(kp.verifyingShare());
    return finishWithGroup(w, kp.verifyingKey(), kp.minSigners());
  }

  public static byte[] encode(PublicKeyPackage pkp) {
    int n = pkp.verifyingShares().size();
    checkCount("PublicKeyPackage", "verifyingShares", n);
    checkMinSigners("PublicKeyPackage", pkp.minSigners(), n);
    CodecWriter w =
        new CodecWriter(
            Type.PUBLIC_KEY_PACKAGE, ciphersuiteTag(pkp.suite()), 64 + n * (ID + POINT));
    w.u16(n);
    for (Map.Entry<Identifier, Point> e : pkp.verifyingShares().entrySet()) {
      w.identifier(e.getKey());
      w.point(e.getValue());
    }
    return finishWithGroup(w, pkp.verifyingKey(), pkp.minSigners());
  }

  /** Both key packages end with the group's verifying key and its threshold. */
  private static byte[] finishWithGroup(CodecWriter w, Point verifyingKey, int minSigners) {
    w.point(verifyingKey);
    w.u16(minSigners);
    return w.finish();
  }

  public static byte[] encode(SigningCommitments c) {
    CodecWriter w = new CodecWriter(Type.SIGNING_COMMITMENTS, 0, 128);
    writeCommitments(w, c);
    return w.finish();
  }

  public static byte[] encode(SigningPackage pkg) {
    int n = pkg.commitments().size();
    checkCount("SigningPackage", "commitments", n);
    byte[] message = pkg.message();
    if (message.length > MAX_MESSAGE_LENGTH) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          "SigningPackage.message: "
              + message.length
              + " bytes exceed the format's cap of "
              + MAX_MESSAGE_LENGTH);
    }
    CodecWriter w =
        new CodecWriter(Type.SIGNING_PACKAGE, 0, 16 + n * (ID + 2 * POINT) + message.length);
    w.u16(n);
    for (Map.Entry<Identifier, SigningCommitments> e : pkg.commitments().entrySet()) {
      if (!e.getKey().equals(e.getValue().identifier())) {
        throw new FrostException(
            Kind.MALFORMED_ENCODING,
            "SigningPackage.commitments: entry "
                + e.getKey()
                + " holds another signer's commitment");
      }
      writeCommitments(w, e.getValue());
    }
    w.u32(message.length);
    w.bytes(message);
    return w.finish();
  }

  public static byte[] encode(SignatureShare s) {
    CodecWriter w = new CodecWriter(Type.SIGNATURE_SHARE, 0, 80);
    w.identifier(s.identifier());
    w.scalar(s.share());
    return w.finish();
  }

  public static byte[] encode(Signature s) {
    CodecWriter w = new CodecWriter(Type.SIGNATURE, 0, 80);
    w.point(s.r());
    w.scalar(s.z());
    return w.finish();
  }

  /**
   * Encodes a dealer's share, <b>including the secret signing share</b>: encrypt the result before
   * storing or sending it, and wipe the array after use.
   */
  public static byte[] encode(SecretShare s) {
    int t = s.commitment().threshold();
    checkCount("SecretShare", "commitment", t);
    CodecWriter w = new CodecWriter(Type.SECRET_SHARE, ciphersuiteTag(s.suite()), 80 + t * POINT);
    w.identifier(s.identifier());
    w.secret(s.signingShare());
    writeVss(w, s.commitment());
    return w.finish();
  }

  public static byte[] encode(VssCommitment c) {
    checkCount("VssCommitment", "coefficients", c.threshold());
    CodecWriter w = new CodecWriter(Type.VSS_COMMITMENT, 0, 16 + c.threshold() * POINT);
    writeVss(w, c);
    return w.finish();
  }

  private static void writeCommitments(CodecWriter w, SigningCommitments c) {
    w.identifier(c.identifier());
    w.point(c.hiding());
    w.point(c.binding());
  }

  private static void writeVss(CodecWriter w, VssCommitment c) {
    w.u16(c.threshold());
    for (Point p : c.coefficients()) {
      w.point(p);
    }
  }

  private static void checkCount(String type, String field, int n) {
    if (n < 1 || n > MAX) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          type + "." + field + ": " + n + " entries; the format allows 1 to " + MAX);
    }
  }

  private static void checkMinSigners(String type, int minSigners, int max) {
    if (minSigners < 1 || minSigners > max) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          type + ".minSigners: must be between 1 and " + max + ", got " + minSigners);
    }
  }

  // ---------------------------------------------------------------- decoders

  /**
   * Decodes a key package and checks that its signing share matches its verifying share. The result
   * holds the secret share (wipe it with {@link KeyPackage#destroy()}); the input array is the
   * caller's to wipe.
   */
  public static KeyPackage decodeKeyPackage(byte[] data) {
    return decodeWithShare(
        data,
        Type.KEY_PACKAGE,
        (env, id, share) -> {
          CodecReader r = env.reader();
          Point verifyingShare = r.point("verifyingShare");
          Point verifyingKey = r.point("verifyingKey");
          int minSigners = r.count("minSigners", 1, MAX);
          env.close();
          if (!share.publicPoint().equals(verifyingShare)) {
            throw r.fail(
                Kind.MALFORMED_ENCODING, "verifyingShare", "does not match the signing share");
          }
          return new KeyPackage(env.suite(), id, share, verifyingShare, verifyingKey, minSigners);
        });
  }

  public static PublicKeyPackage decodePublicKeyPackage(byte[] data) {
    Envelope env = open(data, Type.PUBLIC_KEY_PACKAGE);
    CodecReader r = env.reader();
    int n = r.count("count", 1, MAX);
    TreeMap<Identifier, Point> shares = new TreeMap<>();
    Identifier previous = null;
    for (int i = 0; i < n; i++) {
      String field = "verifyingShares[" + i + "]";
      Identifier id = r.identifier(field + ".identifier");
      checkOrder(r, field + ".identifier", previous, id);
      previous = id;
      shares.put(id, r.point(field + ".verifyingShare"));
    }
    Point verifyingKey = r.point("verifyingKey");
    int minSigners = r.count("minSigners", 1, n);
    env.close();
    return new PublicKeyPackage(env.suite(), shares, verifyingKey, minSigners);
  }

  public static SigningCommitments decodeSigningCommitments(byte[] data) {
    return decodeWhole(data, Type.SIGNING_COMMITMENTS, r -> readCommitments(r, ""));
  }

  public static SigningPackage decodeSigningPackage(byte[] data) {
    Envelope env = open(data, Type.SIGNING_PACKAGE);
    CodecReader r = env.reader();
    int n = r.count("count", 1, MAX);
    List<SigningCommitments> commitments = new ArrayList<>(n);
    Identifier previous = null;
    for (int i = 0; i < n; i++) {
      SigningCommitments c = readCommitments(r, "commitments[" + i + "].");
      checkOrder(r, "commitments[" + i + "].identifier", previous, c.identifier());
      previous = c.identifier();
      commitments.add(c);
    }
    int length = r.u32("message.length");
    if (length < 0 || length > MAX_MESSAGE_LENGTH) {
      throw r.fail(
          Kind.MALFORMED_ENCODING,
          "message.length",
          Integer.toUnsignedString(length) + " exceeds the cap of " + MAX_MESSAGE_LENGTH);
    }
    byte[] message = r.bytes(length, "message");
    env.close();
    return SigningPackage.of(commitments, message);
  }

  public static SignatureShare decodeSignatureShare(byte[] data) {
    return decodeWhole(
        data,
        Type.SIGNATURE_SHARE,
        r -> new SignatureShare(r.identifier("identifier"), r.scalar("share")));
  }

  public static Signature decodeSignature(byte[] data) {
    return decodeWhole(data, Type.SIGNATURE, r -> new Signature(r.point("r"), r.scalar("z")));
  }

  /**
   * Decodes a dealer's share. The result holds the secret share; the share is not checked against
   * the commitment here (see {@link SecretShare#toKeyPackage()}).
   */
  public static SecretShare decodeSecretShare(byte[] data) {
    return decodeWithShare(
        data,
        Type.SECRET_SHARE,
        (env, id, share) -> {
          VssCommitment commitment = readVss(env.reader(), "commitment.");
          env.close();
          return new SecretShare(env.suite(), id, share, commitment);
        });
  }

  /** The rest of an encoding that starts with an identifier and its secret signing share. */
  private interface AfterShare<T> {
    /** Reads the rest and closes {@code env}; may keep {@code share} only in what it returns. */
    T read(Envelope env, Identifier id, SecretScalar share);
  }

  /**
   * Opens {@code data} as a {@code type} that starts with an identifier and a secret signing share,
   * and lets {@code rest} read the remainder. If anything after the share fails, the share is wiped
   * before the error propagates, so a malformed encoding never leaves a secret behind.
   */
  private static <T> T decodeWithShare(byte[] data, Type type, AfterShare<T> rest) {
    Envelope env = open(data, type);
    CodecReader r = env.reader();
    Identifier id = r.identifier("identifier");
    SecretScalar share = r.secret("signingShare");
    try {
      return rest.read(env, id, share);
    } catch (RuntimeException e) {
      share.destroy();
      throw e;
    }
  }

  public static VssCommitment decodeVssCommitment(byte[] data) {
    return decodeWhole(data, Type.VSS_COMMITMENT, r -> readVss(r, ""));
  }

  /**
   * Opens {@code data} as a {@code type}, builds the value from its body, then checks that the body
   * was fully consumed and the checksum (in that order, as every decoder does). For public values
   * only: a decoder that holds a secret must wipe it when a later check fails.
   */
  private static <T> T decodeWhole(byte[] data, Type type, Function<CodecReader, T> body) {
    Envelope env = open(data, type);
    T value = body.apply(env.reader());
    env.close();
    return value;
  }

  private static SigningCommitments readCommitments(CodecReader r, String prefix) {
    Identifier id = r.identifier(prefix + "identifier");
    Point hiding = r.point(prefix + "hiding");
    Point binding = r.point(prefix + "binding");
    return new SigningCommitments(id, hiding, binding);
  }

  private static VssCommitment readVss(CodecReader r, String prefix) {
    int t = r.count(prefix + "count", 1, MAX);
    List<Point> points = new ArrayList<>(t);
    for (int i = 0; i < t; i++) {
      points.add(r.point(prefix + "coefficients[" + i + "]"));
    }
    return new VssCommitment(points);
  }

  private static void checkOrder(
      CodecReader r, String field, Identifier previous, Identifier current) {
    if (previous == null) {
      return;
    }
    int cmp = current.compareTo(previous);
    if (cmp == 0) {
      throw r.fail(Kind.DUPLICATE_IDENTIFIER, field, "duplicate identifier " + current);
    }
    if (cmp < 0) {
      throw r.fail(
          Kind.MALFORMED_ENCODING,
          field,
          "identifiers not in strictly ascending order (" + current + " after " + previous + ")");
    }
  }

  // ---------------------------------------------------------------- envelope

  /**
   * The type an encoding declares, after checking its magic and version (not its body or checksum).
   *
   * @throws FrostException MALFORMED_ENCODING if it is not a version-1 Frostgate encoding of a
   *     known type
   */
  public static Type peekType(byte[] data) {
    Objects.requireNonNull(data, "data");
    checkHeader(data, "FrostCodec");
    Type t = Type.byTag(data[3] & 0xff);
    if (t == null) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING, "FrostCodec.type: unknown type tag " + (data[3] & 0xff));
    }
    return t;
  }

  private record Envelope(byte[] data, Type type, Ciphersuite suite, CodecReader reader) {
    /** Checks that the body was fully consumed, then the checksum. */
    void close() {
      reader.end();
      int bodyEnd = data.length - CHECKSUM_LENGTH;
      MessageDigest d = Hashes.sha256Digest();
      d.update(data, 0, bodyEnd);
      byte[] expected = Arrays.copyOf(d.digest(), CHECKSUM_LENGTH);
      byte[] actual = Arrays.copyOfRange(data, bodyEnd, data.length);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw new FrostException(
            Kind.MALFORMED_ENCODING,
            type.typeName() + ".checksum: mismatch (the encoding is corrupted or was altered)");
      }
    }
  }

  private static void checkHeader(byte[] data, String type) {
    if (data.length < HEADER_LENGTH + CHECKSUM_LENGTH) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          type
              + ": truncated: "
              + data.length
              + " bytes, shorter than the "
              + (HEADER_LENGTH + CHECKSUM_LENGTH)
              + "-byte envelope");
    }
    if (data[0] != MAGIC[0] || data[1] != MAGIC[1]) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING, type + ".magic: not a Frostgate encoding (expected \"FG\")");
    }
    if ((data[2] & 0xff) != VERSION) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          type
              + ".version: unsupported format version "
              + (data[2] & 0xff)
              + " (this build reads version "
              + VERSION
              + ")");
    }
  }

  private static Envelope open(byte[] data, Type expected) {
    Objects.requireNonNull(data, "data");
    String name = expected.typeName();
    checkHeader(data, name);
    int tag = data[3] & 0xff;
    if (tag != expected.tag()) {
      Type actual = Type.byTag(tag);
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          name
              + ".type: expected a "
              + name
              + " (tag "
              + expected.tag()
              + "), but the encoding holds "
              + (actual == null
                  ? "unknown type tag " + tag
                  : "a " + actual.typeName() + " (tag " + tag + ")"));
    }
    int suiteTag = data[4] & 0xff;
    Ciphersuite suite = null;
    if (expected.hasCiphersuite()) {
      suite =
          switch (suiteTag) {
            case 1 -> Ciphersuite.RFC9591;
            case 2 -> Ciphersuite.TAPROOT;
            default ->
                throw new FrostException(
                    Kind.WRONG_CIPHERSUITE,
                    name
                        + ".ciphersuite: unknown ciphersuite tag "
                        + suiteTag
                        + " (1 = "
                        + Ciphersuite.RFC9591.contextString()
                        + ", 2 = "
                        + Ciphersuite.TAPROOT.contextString()
                        + ")");
          };
    } else if (suiteTag != 0) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          name
              + ".ciphersuite: must be 0 (a "
              + name
              + " carries no ciphersuite), got "
              + suiteTag);
    }
    CodecReader reader = new CodecReader(data, name, HEADER_LENGTH, data.length - CHECKSUM_LENGTH);
    return new Envelope(data, expected, suite, reader);
  }

  // ---------------------------------------------------------------- text armour

  /** Lowercase hex of an encoding. Holds the secret share for key packages and secret shares. */
  public static String toText(byte[] encoded) {
    return HEX.formatHex(encoded);
  }

  /**
   * Strict inverse of {@link #toText}: only lowercase hex digits, an even count, no whitespace or
   * prefix. The message of a failure names the position, never the text.
   *
   * @throws FrostException MALFORMED_ENCODING
   */
  public static byte[] fromText(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() % 2 != 0) {
      throw new FrostException(
          Kind.MALFORMED_ENCODING, "text: odd number of hex digits (" + text.length() + ")");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new FrostException(
            Kind.MALFORMED_ENCODING,
            "text: character at position " + i + " is not a lowercase hex digit");
      }
    }
    return HEX.parseHex(text);
  }
}
