package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.backup.BackupPiece;
import dev.frostgate.node.keystore.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every file a ceremony command writes goes through here: one set of rules for every command.
 *
 * <ul>
 *   <li>An existing file is never replaced without {@code --force}.
 *   <li>An output that is one of the command's inputs is refused, also with {@code --force}.
 *   <li>An existing file of another kind (another ceremony type, or not a ceremony file) is
 *       refused, also with {@code --force}: {@code --force} replaces a nonces file with a nonces
 *       file, never a key package with a nonces file.
 *   <li>A key or public key package never replaces one of the same group from a later refresh (its
 *       {@code epoch}), also with {@code --force}.
 * </ul>
 *
 * Commands declare their outputs first ({@link #expect}), so that a refused output stops the
 * command before anything is written; each write checks again. Every file is written atomically
 * (temporary file, fsync, rename or link, directory fsync) with mode 0600, secret or not.
 */
public final class Outputs {
  /** The kind of a backup piece (a text line, not JSON). */
  public static final String BACKUP_PIECE = "a frostgate backup piece";

  /** The kind of any file that is neither a ceremony file nor a backup piece. */
  public static final String UNKNOWN_KIND = "a file that is not a Frostgate file";

  private final boolean force;
  private final String exists;
  private final List<Path> inputs = new ArrayList<>();
  private final Map<Path, String> expected = new LinkedHashMap<>();

  /** Outputs of a command with a {@code --force} option. */
  public Outputs(boolean force) {
    this(force, "already exists (pass --force to replace it)");
  }

  private Outputs(boolean force, String exists) {
    this.force = force;
    this.exists = exists;
  }

  /** Outputs that are never replaced (identity keys: a lost one cannot be recovered). */
  public static Outputs neverReplacing() {
    return new Outputs(false, "already exists; refusing to replace it");
  }

  /** Declares files the command reads: none of them may be written. */
  public Outputs reading(Path... files) {
    for (Path p : files) {
      if (p != null) {
        inputs.add(p);
      }
    }
    return this;
  }

  public Outputs reading(List<Path> files) {
    files.forEach(this::reading);
    return this;
  }

  /**
   * Declares an output of the given kind and checks it now.
   *
   * @throws CeremonyException naming the file and what to do
   */
  public Outputs expect(Path p, String kind) {
    Objects.requireNonNull(kind, "kind");
    for (Path other : expected.keySet()) {
      if (same(p, other)) {
        throw CeremonyException.badInput(
            p + ": given for two outputs of this command; name each output differently");
      }
    }
    check(p, kind);
    expected.put(p, kind);
    return this;
  }

  private void check(Path p, String kind) {
    for (Path in : inputs) {
      if (same(p, in)) {
        throw CeremonyException.badInput(
            p
                + ": is also an input of this command; refusing to overwrite it (also with"
                + " --force): write to another file");
      }
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p)) {
      throw CeremonyException.badInput(p + ": is a directory, expected a file");
    }
    if (!force) {
      throw CeremonyException.badInput(p + ": " + exists);
    }
    String found = kindOf(read(p)).orElse(UNKNOWN_KIND);
    if (!found.equals(kind)) {
      throw CeremonyException.badInput(
          p
              + ": holds "
              + found
              + ", not "
              + kind
              + "; refusing to replace it (--force replaces only a file of the same kind)");
    }
  }

  /** Writes a public document. */
  public void writePublic(Path p, ObjectNode doc) {
    write(p, doc);
  }

  /** Writes a secret document: {@code secretFields} sealed by {@code secrets} into {@code doc}. */
  public void writeSecret(Path p, ObjectNode doc, ObjectNode secretFields, SecretStore secrets) {
    write(p, secrets.seal(doc, secretFields));
  }

  private void write(Path p, ObjectNode doc) {
    String kind = doc.get("type").asText();
    check(p, kind);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      refuseOlderKeys(p, doc);
    }
    byte[] data = CeremonyFile.toBytes(doc);
    try {
      put(p, data);
    } finally {
      java.util.Arrays.fill(data, (byte) 0);
    }
  }

  /**
   * Writes raw bytes (a backup piece, a file restored from backup) of the given kind; a restored
   * key package is held to the same epoch rule as a written one.
   */
  public void writeBytes(Path p, byte[] data, String kind) {
    check(p, kind);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      JsonNode doc = CeremonyFile.typeOf(data).isPresent() ? parseQuietly(data) : null;
      if (doc instanceof ObjectNode o) {
        refuseOlderKeys(p, o);
      }
    }
    put(p, data);
  }

  private void put(Path p, byte[] data) {
    try {
      if (force) {
        AtomicFiles.write(p, data);
      } else {
        AtomicFiles.writeNew(p, data);
      }
    } catch (FileAlreadyExistsException e) {
      throw CeremonyException.badInput(p + ": " + exists);
    }
  }

  /**
   * Refuses to replace a key or public key package with one of the same group from an earlier
   * refresh: the old shares no longer combine with the group's current ones, and writing them back
   * would silently lose the refreshed key.
   */
  private static void refuseOlderKeys(Path p, ObjectNode replacement) {
    String type = replacement.path("type").asText();
    if (!type.equals(KeyFiles.KEY_TYPE) && !type.equals(KeyFiles.PUBLIC_TYPE)) {
      return;
    }
    JsonNode existing = parseQuietly(read(p));
    if (existing == null
        || !existing.path("group_key").equals(replacement.path("group_key"))
        || !existing.path("epoch").canConvertToLong()) {
      return;
    }
    long have = existing.get("epoch").asLong();
    long put = replacement.path("epoch").asLong(0);
    if (put < have) {
      throw CeremonyException.badInput(
          p
              + ": holds the "
              + (type.equals(KeyFiles.KEY_TYPE) ? "key package" : "public key package")
              + " of refresh "
              + have
              + " of this group; refusing to replace it with a "
              + (type.equals(KeyFiles.KEY_TYPE) ? "key package" : "public key package")
              + " from before refresh "
              + have
              + " (refresh "
              + put
              + "), also with --force");
    }
  }

  /** The kind of a file's content: its ceremony type, or a backup piece, if recognized. */
  public static Optional<String> kindOf(byte[] data) {
    Optional<String> type = CeremonyFile.typeOf(data);
    if (type.isPresent()) {
      return type;
    }
    String head =
        new String(data, 0, Math.min(data.length, 6), StandardCharsets.US_ASCII).toLowerCase();
    return head.startsWith(BackupPiece.TEXT_PREFIX) ? Optional.of(BACKUP_PIECE) : Optional.empty();
  }

  private static JsonNode parseQuietly(byte[] data) {
    try {
      return CeremonyFile.parse(data, "");
    } catch (CeremonyException e) {
      return null;
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw CeremonyException.badInput(p + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Whether two paths name the same file (also through links, when both exist). */
  static boolean same(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // fall through to comparing names
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
