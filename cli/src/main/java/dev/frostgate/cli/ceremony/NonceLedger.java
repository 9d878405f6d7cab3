package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable record of every nonce commitment a participant's key has signed with in the offline
 * ceremony: what makes a nonces file single use. A nonces file cannot enforce that itself: a copy
 * (a backup, a VM snapshot, a file restored from a USB stick) looks exactly as fresh as the
 * original, and two shares from one nonce over two signing packages reveal the signing share.
 *
 * <p><b>Where.</b> One ledger per group and participant, in the directory of the key package that
 * signs: {@code nonce-ledger-<first 8 bytes of the group key's x, hex>-<participant>.jsonl}. Beside
 * the key because that is the one thing every share needs (a nonces file copied elsewhere still
 * meets it), per group and participant rather than per key file because a refreshed, repaired or
 * restored key package of the same participant (another file name in that directory) must see the
 * same record. Keep it with the key package and back it up with it; restoring an older copy of the
 * ledger together with an older copy of a nonces file defeats it, which no file on the same disk
 * can prevent.
 *
 * <p><b>How.</b> {@link #record} takes an exclusive {@link FileLock} on the ledger (and a lock per
 * file inside this JVM, since file locks are per process), reads it and checks its hash chain,
 * refuses if any of the commitments is already recorded, appends one line, forces the file and its
 * directory to disk, and only then returns; the caller computes the share after that. A crash after
 * the append loses a session, never reuses a nonce.
 *
 * <p><b>Format.</b> Append-only JSON lines. The first is a header ({@code type}, {@code version},
 * {@code ciphersuite}, {@code group_key}, {@code identifier}); each further line is an entry {@code
 * {"seq": N, "prev": hex, "package_id": hex, "commitments": [{"hiding", "binding"}, ...]}} where
 * {@code prev} is SHA-256 of the previous line's bytes, so an entry edited or removed in the middle
 * breaks the chain and the ledger is refused (removing entries at the end is not detectable this
 * way).
 */
public final class NonceLedger {
  public static final String TYPE = "frostgate/nonce-ledger";
  static final int VERSION = 1;
  private static final HexFormat HEX = HexFormat.of();
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  /**
   * Test seams for the tests' child processes (a race between the check and the append, a crash
   * right after the append); no-ops otherwise.
   */
  static volatile Runnable beforeLock = () -> {};

  static volatile Runnable afterCheck = () -> {};

  static volatile Runnable afterRecord = () -> {};

  private NonceLedger() {}

  /** Whose ledger: a participant of a group. */
  public record Owner(Ciphersuite suite, Point groupKey, Identifier identifier) {}

  /** The ledger for {@code owner} beside the key package {@code keyFile}. */
  public static Path pathFor(Path keyFile, Owner owner) {
    Path dir = keyFile.toAbsolutePath().getParent();
    String group = HEX.formatHex(owner.groupKey().xOnly()).substring(0, 16);
    return dir.resolve(
        "nonce-ledger-" + group + "-" + FileFields.idString(owner.identifier()) + ".jsonl");
  }

  /**
   * Records {@code commitments} as used for signing package {@code packageId}, durably, unless one
   * of them is in the ledger already.
   *
   * @throws CeremonyException naming the commitment, the ledger and the entry, if one was used; or
   *     if the ledger's hash chain is broken or it belongs to someone else
   * @throws CeremonyException if the ledger cannot be read or written
   */
  public static void record(
      Path ledger, Owner owner, List<SigningCommitments> commitments, Hash32 packageId) {
    Path key = ledger.toAbsolutePath().normalize();
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    inProcess.lock();
    beforeLock.run();
    try (FileChannel ch = open(key);
        FileLock lock = ch.lock()) {
      byte[] content = readAll(ch);
      List<String> lines = lines(content, key);
      StringBuilder append = new StringBuilder();
      String last;
      if (lines.isEmpty()) {
        last = header(owner);
        append.append(last).append('\n');
      } else {
        checkHeader(lines.get(0), owner, key);
        last = lines.get(lines.size() - 1);
      }
      for (int i = 1; i < lines.size(); i++) {
        JsonNode e = entry(lines, i, key);
        for (JsonNode c : e.get("commitments")) {
          for (SigningCommitments mine : commitments) {
            if (c.path("hiding").asText().equals(mine.hiding().toHex())
                && c.path("binding").asText().equals(mine.binding().toHex())) {
              throw CeremonyException.checkFailed(
                  "nonce commitment (hiding "
                      + mine.hiding().toHex()
                      + ") of participant "
                      + owner.identifier()
                      + " was already used to sign signing package "
                      + e.path("package_id").asText()
                      + " (entry "
                      + e.path("seq").asLong()
                      + " of the nonce ledger "
                      + key
                      + "); refusing to sign with it again: two shares with one nonce reveal the"
                      + " signing share. This nonces file is a copy or was used already: run"
                      + " 'sign commit' for new nonces");
            }
          }
        }
      }
      afterCheck.run();
      ObjectNode e = CeremonyFile.newObject();
      e.put("seq", lines.isEmpty() ? 1 : lines.size());
      e.put("prev", HEX.formatHex(Hashes.sha256(last.getBytes(StandardCharsets.UTF_8))));
      e.put("package_id", CeremonyFile.hex(packageId));
      var cs = e.putArray("commitments");
      for (SigningCommitments c : commitments) {
        ObjectNode o = cs.addObject();
        o.put("hiding", c.hiding().toHex());
        o.put("binding", c.binding().toHex());
      }
      append
          .append(new String(CeremonyFile.toCompactBytes(e), StandardCharsets.UTF_8))
          .append('\n');
      ByteBuffer buf = ByteBuffer.wrap(append.toString().getBytes(StandardCharsets.UTF_8));
      long at = ch.size();
      while (buf.hasRemaining()) {
        at += ch.write(buf, at);
      }
      ch.force(true);
      forceDirectory(key.getParent());
    } catch (IOException e) {
      throw CeremonyException.badInput(
          key + ": cannot read or write the nonce ledger (" + e.getClass().getSimpleName() + ")");
    } finally {
      inProcess.unlock();
    }
    afterRecord.run();
  }

  private static FileChannel open(Path p) throws IOException {
    Set<StandardOpenOption> opts =
        Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(
          p,
          opts,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(p, opts);
  }

  private static byte[] readAll(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("ledger too large");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    long at = 0;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, at);
      if (r < 0) {
        break;
      }
      at += r;
    }
    return buf.array();
  }

  private static List<String> lines(byte[] content, Path key) {
    if (content.length == 0) {
      return List.of();
    }
    if (content[content.length - 1] != '\n') {
      throw CeremonyException.checkFailed(
          key
              + ": the nonce ledger ends with an incomplete entry (a crash while it was written,"
              + " or an edit); refusing to sign until it is checked: a share may exist for the"
              + " nonces of that entry");
    }
    String text = new String(content, StandardCharsets.UTF_8);
    return List.of(text.substring(0, text.length() - 1).split("\n", -1));
  }

  private static String header(Owner owner) {
    ObjectNode h = CeremonyFile.newObject();
    h.put("type", TYPE);
    h.put("version", VERSION);
    h.put("ciphersuite", owner.suite().contextString());
    h.put("group_key", owner.groupKey().toHex());
    FileFields.putId(h, "identifier", owner.identifier());
    return new String(CeremonyFile.toCompactBytes(h), StandardCharsets.UTF_8);
  }

  private static void checkHeader(String line, Owner owner, Path key) {
    if (!line.equals(header(owner))) {
      throw CeremonyException.checkFailed(
          key
              + ": line 1: is not the nonce ledger of participant "
              + owner.identifier()
              + " of this group ("
              + owner.groupKey().toHex()
              + "); refusing to sign");
    }
  }

  /** Entry {@code i} (line i + 1), checked against the line before it. */
  private static JsonNode entry(List<String> lines, int i, Path key) {
    JsonNode e;
    try {
      e = CeremonyFile.parse(lines.get(i).getBytes(StandardCharsets.UTF_8), key.toString());
    } catch (CeremonyException ex) {
      e = null;
    }
    String prev = HEX.formatHex(Hashes.sha256(lines.get(i - 1).getBytes(StandardCharsets.UTF_8)));
    if (e == null
        || !e.isObject()
        || e.path("seq").asLong(-1) != i
        || !e.path("prev").asText().equals(prev)
        || !e.path("commitments").isArray()) {
      throw CeremonyException.checkFailed(
          key
              + ": line "
              + (i + 1)
              + ": the nonce ledger's hash chain is broken (an entry was edited, removed or"
              + " inserted); refusing to sign until it is restored from a trusted copy");
    }
    return e;
  }

  private static void forceDirectory(Path dir) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }
}
