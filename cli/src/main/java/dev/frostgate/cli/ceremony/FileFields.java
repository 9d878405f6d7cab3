package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Encodings;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Field codecs shared by the ceremony file formats: lists of points, secret scalars and
 * identifiers, and the cross-file checks (same ciphersuite, same group, addressed to us). Errors
 * name the file and the field, never a secret value.
 */
public final class FileFields {
  private static final HexFormat HEX = HexFormat.of();

  private FileFields() {}

  /** An identifier as written in files: a JSON number for small ones, else 64 hex digits. */
  public static void putId(ObjectNode n, String field, Identifier id) {
    long small = id.smallValue();
    if (small > 0) {
      n.put(field, small);
    } else {
      n.put(field, HEX.formatHex(id.toBytes()));
    }
  }

  /** An identifier as a string (object keys and lists): decimal for small ones, else hex. */
  public static String idString(Identifier id) {
    long small = id.smallValue();
    return small > 0 ? Long.toString(small) : HEX.formatHex(id.toBytes());
  }

  /** Parses {@link #idString}; null if the text is not an identifier. */
  public static Identifier parseId(String s) {
    try {
      if (!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(Character::isDigit)) {
        return Identifier.of(Long.parseLong(s));
      }
      if (s.length() == 64) {
        return Identifier.fromBytes(HEX.parseHex(s));
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  public static ArrayNode idsNode(Collection<Identifier> ids) {
    ArrayNode a = CeremonyFile.newArray();
    ids.forEach(id -> a.add(idString(id)));
    return a;
  }

  public static SortedSet<Identifier> ids(CeremonyFile f, String field) {
    TreeSet<Identifier> out = new TreeSet<>();
    List<String> items = f.strings(field);
    for (int i = 0; i < items.size(); i++) {
      Identifier id = parseId(items.get(i));
      if (id == null) {
        throw f.error(field + "[" + i + "]", "not a participant identifier");
      }
      if (!out.add(id)) {
        throw f.error(field + "[" + i + "]", "participant " + id + " is listed twice");
      }
    }
    if (out.isEmpty()) {
      throw f.error(field, "must not be empty");
    }
    return out;
  }

  public static ArrayNode pointsNode(List<Point> points) {
    ArrayNode a = CeremonyFile.newArray();
    points.forEach(p -> a.add(p.toHex()));
    return a;
  }

  public static List<Point> points(CeremonyFile f, String field) {
    List<String> items = f.strings(field);
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(point(f, field + "[" + i + "]", items.get(i)));
    }
    if (out.isEmpty()) {
      throw f.error(field, "must not be empty");
    }
    return out;
  }

  static Point point(CeremonyFile f, String field, String hex) {
    byte[] b;
    try {
      b = HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw f.error(field, "must be lowercase hex");
    }
    try {
      return Encodings.point(b, field);
    } catch (FrostException e) {
      throw f.error(field, "not a valid 33-byte compressed secp256k1 point");
    }
  }

  /** A list of secret scalars (written only to mode-0600 files). */
  public static ArrayNode secretsNode(List<SecretScalar> secrets) {
    ArrayNode a = CeremonyFile.newArray();
    for (SecretScalar s : secrets) {
      byte[] b = s.toBytes();
      a.add(HEX.formatHex(b));
      Arrays.fill(b, (byte) 0);
    }
    return a;
  }

  public static List<SecretScalar> secrets(CeremonyFile f, String field) {
    List<String> items = f.strings(field);
    List<SecretScalar> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String where = field + "[" + i + "]";
      byte[] b;
      try {
        b = HEX.parseHex(items.get(i));
      } catch (IllegalArgumentException e) {
        throw f.error(where, "must be lowercase hex");
      }
      try {
        if (b.length != 32) {
          throw f.error(where, "must be 32 bytes, got " + b.length);
        }
        out.add(SecretScalar.fromBytes(b));
      } catch (CryptoException e) {
        throw f.error(where, "not a valid secret scalar (zero or not below the group order)");
      } finally {
        Arrays.fill(b, (byte) 0);
      }
    }
    return out;
  }

  public static void putSecret(ObjectNode n, String field, SecretScalar s) {
    byte[] b = s.toBytes();
    n.put(field, HEX.formatHex(b));
    Arrays.fill(b, (byte) 0);
  }

  public static void putScalar(ObjectNode n, String field, Scalar s) {
    n.put(field, s.toHex());
  }

  /**
   * Marks a document as holding secrets, saying what they are and what to do with the file (see
   * {@link Custody}).
   */
  static void markSecret(ObjectNode n, String what, String custody) {
    n.put("secret", true);
    n.put("warning", "SECRET: " + what + ". " + custody);
  }

  /**
   * The ciphersuite of {@code f}, which must equal {@code expected} (from {@code reference}).
   *
   * @throws CeremonyException naming the file and field
   */
  public static Ciphersuite suite(CeremonyFile f, Ciphersuite expected, String reference) {
    Ciphersuite s = f.ciphersuite();
    if (s != expected) {
      throw f.error(
          "ciphersuite",
          "is " + s.contextString() + " but " + reference + " is " + expected.contextString());
    }
    return s;
  }

  /** The group key of {@code f}, which must equal {@code expected} (from {@code reference}). */
  public static Point sameGroup(CeremonyFile f, String field, Point expected, String reference) {
    Point p = f.point(field);
    if (!p.equals(expected)) {
      throw f.error(field, "belongs to another group (differs from " + reference + ")");
    }
    return p;
  }

  public static void sameHash(CeremonyFile f, String field, Hash32 expected, String reference) {
    if (!f.hash32(field).equals(expected)) {
      throw f.error(field, "differs from " + reference + " (a file from another DKG or session?)");
    }
  }

  public static void sameInt(CeremonyFile f, String field, int expected, String reference) {
    int v = f.integer(field);
    if (v != expected) {
      throw f.error(field, "is " + v + " but " + reference + " has " + expected);
    }
  }

  /**
   * A participant identifier that must be one of 1..n: the ceremony numbers participants that way
   * (dkg part1 --id), so anything else is a damaged or forged file.
   */
  public static Identifier participant(CeremonyFile f, String field, int n) {
    Identifier id = f.identifier(field);
    long v = id.smallValue();
    if (v < 1 || v > n) {
      throw f.error(
          field,
          "participant "
              + idString(id)
              + " is not a member of this "
              + n
              + "-participant group (1.."
              + n
              + ")");
    }
    return id;
  }

  public static Identifier sameId(CeremonyFile f, String field, Identifier expected, String what) {
    Identifier id = f.identifier(field);
    if (!id.equals(expected)) {
      throw f.error(field, "is participant " + id + ", expected " + what + " " + expected);
    }
    return id;
  }
}
