package dev.frostgate.crypto.backup;

import static dev.frostgate.crypto.backup.BackupException.Reason.CORRUPTED_PIECE;
import static dev.frostgate.crypto.backup.BackupException.Reason.DIGEST_MISMATCH;
import static dev.frostgate.crypto.backup.BackupException.Reason.DUPLICATE_INDEX;
import static dev.frostgate.crypto.backup.BackupException.Reason.INCONSISTENT_PARAMETERS;
import static dev.frostgate.crypto.backup.BackupException.Reason.INCONSISTENT_PIECES;
import static dev.frostgate.crypto.backup.BackupException.Reason.MIXED_SETS;
import static dev.frostgate.crypto.backup.BackupException.Reason.NOT_ENOUGH_PIECES;

import dev.frostgate.crypto.hash.Hashes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * k-of-m Shamir secret sharing of a backup (1..4096 secret bytes: a sealed ceremony key package is
 * about 1.3 KB) over GF(2^8), byte by byte.
 *
 * <p>The shared payload is {@code secret ‖ digest}, where digest is the first 16 bytes of
 * taggedHash("Frostgate/backup-digest", setId ‖ secret), so combining wrong pieces fails instead of
 * returning a wrong secret. Each piece is checksummed on its own (see {@link BackupPiece}), so a
 * damaged piece is rejected and named at decoding.
 *
 * <p>All arithmetic on secret bytes is constant time ({@link Gf256}). Intermediate buffers holding
 * the secret are wiped after use; the caller owns (and should wipe) the array {@link #combine}
 * returns.
 */
public final class ShamirBackup {
  static final String DIGEST_TAG = "Frostgate/backup-digest";

  /** Upper bound on the k-subsets tried to find the culprits after a digest mismatch. */
  private static final int MAX_SUBSETS_TRIED = 256;

  private ShamirBackup() {}

  /**
   * Splits a secret into m pieces, any k of which recover it.
   *
   * @param secret 1..4096 bytes; not modified
   * @param k threshold, 1 ≤ k ≤ m (with k = 1 every piece holds the secret in the clear)
   * @param m number of pieces, ≤ 255
   * @param rnd source of the set id and of the polynomial coefficients
   * @return m pieces with indices 1..m, in index order
   * @throws IllegalArgumentException on a bad length or threshold
   */
  public static List<BackupPiece> split(byte[] secret, int k, int m, SecureRandom rnd) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(rnd, "rnd");
    if (secret.length < 1 || secret.length > BackupPiece.MAX_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "secret must be 1.." + BackupPiece.MAX_SECRET_LENGTH + " bytes, got " + secret.length);
    }
    if (m < 1 || m > BackupPiece.MAX_PIECES) {
      throw new IllegalArgumentException(
          "piece count must be 1.." + BackupPiece.MAX_PIECES + ", got " + m);
    }
    if (k < 1 || k > m) {
      throw new IllegalArgumentException("threshold must be 1.." + m + ", got " + k);
    }
    byte[] setId = new byte[BackupPiece.SET_ID_LENGTH];
    rnd.nextBytes(setId);
    byte[] payload = Hashes.concat(secret, digest(setId, secret));
    int len = payload.length;
    // coefficients[c][j]: coefficient of x^(c+1) in the polynomial for payload byte j.
    byte[][] coefficients = new byte[k - 1][len];
    for (byte[] row : coefficients) {
      rnd.nextBytes(row);
    }
    List<BackupPiece> pieces = new ArrayList<>(m);
    byte[] y = new byte[len];
    try {
      for (int x = 1; x <= m; x++) {
        for (int j = 0; j < len; j++) {
          // Horner: ((a_{k-1} x + a_{k-2}) x + ...) x + a_0
          int acc = 0;
          for (int c = k - 2; c >= 0; c--) {
            acc = Gf256.mul(acc ^ (coefficients[c][j] & 0xFF), x);
          }
          y[j] = (byte) (acc ^ (payload[j] & 0xFF));
        }
        pieces.add(BackupPiece.create(setId, k, m, x, y));
      }
    } finally {
      Arrays.fill(payload, (byte) 0);
      Arrays.fill(y, (byte) 0);
      for (byte[] row : coefficients) {
        Arrays.fill(row, (byte) 0);
      }
    }
    return List.copyOf(pieces);
  }

  /**
   * Recovers the secret from at least k pieces of one split. With more than k pieces, the k lowest
   * indices are interpolated and every other piece must lie on the same polynomial.
   *
   * @return a fresh array holding the secret; the caller should wipe it after use
   * @throws BackupException NOT_ENOUGH_PIECES, MIXED_SETS, INCONSISTENT_PARAMETERS,
   *     DUPLICATE_INDEX, INCONSISTENT_PIECES (naming them) or DIGEST_MISMATCH
   */
  public static byte[] combine(Collection<BackupPiece> pieces) {
    Objects.requireNonNull(pieces, "pieces");
    List<BackupPiece> sorted = new ArrayList<>(pieces.size());
    for (BackupPiece p : pieces) {
      sorted.add(Objects.requireNonNull(p, "piece"));
    }
    if (sorted.isEmpty()) {
      throw new BackupException(NOT_ENOUGH_PIECES, "no backup pieces given");
    }
    sorted.sort(Comparator.comparingInt(BackupPiece::index));
    checkSameSet(sorted);
    BackupPiece first = sorted.get(0);
    int k = first.threshold();
    checkDistinctIndices(sorted);
    if (sorted.size() < k) {
      throw new BackupException(
          NOT_ENOUGH_PIECES,
          "this backup needs " + k + " of " + first.count() + " pieces, got " + sorted.size());
    }

    List<BackupPiece> base = sorted.subList(0, k);
    byte[] payload = interpolate(base, 0);
    try {
      if (digestMatches(first, payload)) {
        List<Integer> bad = inconsistentWith(base, sorted);
        if (!bad.isEmpty()) {
          throw new BackupException(
              INCONSISTENT_PIECES,
              "pieces " + bad + " do not match the secret recovered from the other pieces",
              bad);
        }
        return Arrays.copyOf(payload, first.secretLength());
      }
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    throw digestFailure(sorted, k);
  }

  /**
   * Decodes text pieces and combines them; corrupted pieces are all named at once.
   *
   * @throws BackupException CORRUPTED_PIECE naming every corrupted piece, or any reason of {@link
   *     BackupPiece#fromText} and {@link #combine}
   */
  public static byte[] combineText(Collection<String> texts) {
    Objects.requireNonNull(texts, "texts");
    List<BackupPiece> pieces = new ArrayList<>(texts.size());
    Set<Integer> corrupted = new TreeSet<>();
    for (String t : texts) {
      try {
        pieces.add(BackupPiece.fromText(t));
      } catch (BackupException e) {
        if (e.reason() != CORRUPTED_PIECE) {
          throw e;
        }
        corrupted.addAll(e.pieceIndices());
      }
    }
    if (!corrupted.isEmpty()) {
      List<Integer> named = List.copyOf(corrupted);
      throw new BackupException(
          CORRUPTED_PIECE, "backup pieces " + named + " are corrupted (checksum mismatch)", named);
    }
    return combine(pieces);
  }

  /** After a digest mismatch: try other k-subsets to name the pieces that are off. */
  private static BackupException digestFailure(List<BackupPiece> sorted, int k) {
    int n = sorted.size();
    if (n > k) {
      int[] chosen = new int[k];
      for (int i = 0; i < k; i++) {
        chosen[i] = i;
      }
      int tried = 1; // the first subset {0..k-1} already failed
      while (nextSubset(chosen, n) && tried < MAX_SUBSETS_TRIED) {
        tried++;
        List<BackupPiece> subset = new ArrayList<>(k);
        for (int i : chosen) {
          subset.add(sorted.get(i));
        }
        byte[] payload = interpolate(subset, 0);
        boolean ok = digestMatches(sorted.get(0), payload);
        Arrays.fill(payload, (byte) 0);
        if (ok) {
          List<Integer> bad = inconsistentWith(subset, sorted);
          return new BackupException(
              INCONSISTENT_PIECES,
              "pieces " + bad + " do not match the secret recovered from the other pieces",
              bad);
        }
      }
    }
    return new BackupException(
        DIGEST_MISMATCH,
        "the pieces do not combine to the backed-up secret: at least one piece is wrong or was"
            + " forged");
  }

  /** Advances a sorted k-subset of 0..n-1 to the next in lexicographic order. */
  private static boolean nextSubset(int[] c, int n) {
    int k = c.length;
    int i = k - 1;
    while (i >= 0 && c[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    c[i]++;
    for (int j = i + 1; j < k; j++) {
      c[j] = c[j - 1] + 1;
    }
    return true;
  }

  /** Indices of the pieces in all that are not on the polynomial through base, ascending. */
  private static List<Integer> inconsistentWith(List<BackupPiece> base, List<BackupPiece> all) {
    Set<Integer> baseIndices = new LinkedHashSet<>();
    for (BackupPiece p : base) {
      baseIndices.add(p.index());
    }
    List<Integer> bad = new ArrayList<>();
    for (BackupPiece p : all) {
      if (baseIndices.contains(p.index())) {
        continue;
      }
      byte[] expected = interpolate(base, p.index());
      boolean same = MessageDigest.isEqual(expected, p.data());
      Arrays.fill(expected, (byte) 0);
      if (!same) {
        bad.add(p.index());
      }
    }
    return bad;
  }

  /** The polynomials through the pieces, evaluated at x (0 gives the payload). */
  private static byte[] interpolate(List<BackupPiece> pieces, int x) {
    int[] xs = new int[pieces.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = pieces.get(i).index();
    }
    int[] l = Gf256.lagrange(xs, x);
    int len = pieces.get(0).payloadLength();
    byte[] out = new byte[len];
    for (int j = 0; j < len; j++) {
      int acc = 0;
      for (int i = 0; i < xs.length; i++) {
        acc ^= Gf256.mul(l[i], pieces.get(i).data()[j] & 0xFF);
      }
      out[j] = (byte) acc;
    }
    return out;
  }

  private static boolean digestMatches(BackupPiece any, byte[] payload) {
    int secretLength = any.secretLength();
    byte[] secret = Arrays.copyOf(payload, secretLength);
    byte[] expected = digest(any.setId(), secret);
    Arrays.fill(secret, (byte) 0);
    byte[] actual = Arrays.copyOfRange(payload, secretLength, payload.length);
    return MessageDigest.isEqual(expected, actual);
  }

  static byte[] digest(byte[] setId, byte[] secret) {
    byte[] h = Hashes.taggedHash(DIGEST_TAG, setId, secret);
    return Arrays.copyOf(h, BackupPiece.DIGEST_LENGTH);
  }

  private static void checkSameSet(List<BackupPiece> sorted) {
    BackupPiece first = sorted.get(0);
    Set<String> setIds = new TreeSet<>();
    for (BackupPiece p : sorted) {
      setIds.add(p.setIdHex());
    }
    if (setIds.size() > 1) {
      throw new BackupException(
          MIXED_SETS, "pieces come from " + setIds.size() + " different backups " + setIds);
    }
    for (BackupPiece p : sorted) {
      if (p.threshold() != first.threshold()
          || p.count() != first.count()
          || p.payloadLength() != first.payloadLength()
          || p.version() != first.version()) {
        throw new BackupException(
            INCONSISTENT_PARAMETERS,
            "pieces of backup "
                + first.setIdHex()
                + " disagree: index "
                + first.index()
                + " says "
                + first.threshold()
                + " of "
                + first.count()
                + " with "
                + first.secretLength()
                + " secret bytes, index "
                + p.index()
                + " says "
                + p.threshold()
                + " of "
                + p.count()
                + " with "
                + p.secretLength(),
            List.of(first.index(), p.index()));
      }
    }
  }

  private static void checkDistinctIndices(List<BackupPiece> sorted) {
    Set<Integer> duplicates = new TreeSet<>();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).index() == sorted.get(i - 1).index()) {
        duplicates.add(sorted.get(i).index());
      }
    }
    if (!duplicates.isEmpty()) {
      List<Integer> named = List.copyOf(duplicates);
      throw new BackupException(DUPLICATE_INDEX, "more than one piece has index " + named, named);
    }
  }
}
