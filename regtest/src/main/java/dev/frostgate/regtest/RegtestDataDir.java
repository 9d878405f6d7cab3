package dev.frostgate.regtest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's network data directory ({@code <datadir>/regtest}) as Core keeps it: locked through
 * {@code .lock} for the node's lifetime (the same POSIX lock bitcoind takes, so neither a second
 * embedded node nor a bitcoind can share it), and the RPC cookie {@code .cookie}, written only once
 * the node holds the lock and its port (so a failed start never replaces a running node's cookie),
 * atomically and readable by the owner only, and deleted when the node stops.
 */
final class RegtestDataDir implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegtestDataDir.class);

  private final Path netDir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private boolean cookieWritten;
  private boolean closed;

  private RegtestDataDir(Path netDir, FileChannel lockChannel, FileLock lock) {
    this.netDir = netDir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates {@code <dataDir>/regtest} if needed and locks it.
   *
   * @throws RegtestStartException DATA_DIR_LOCKED if another node holds it, IO if it cannot be
   *     created
   */
  static RegtestDataDir lock(Path dataDir) {
    Path netDir = dataDir.toAbsolutePath().normalize().resolve("regtest");
    FileChannel channel;
    try {
      Files.createDirectories(netDir);
      channel =
          FileChannel.open(
              netDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new RegtestStartException(
          RegtestStartException.Reason.IO,
          "cannot use the data directory " + netDir + ": " + e.getMessage(),
          e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another node in this JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new RegtestStartException(
          RegtestStartException.Reason.IO,
          "cannot lock the data directory " + netDir + ": " + e.getMessage(),
          e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new RegtestStartException(
          RegtestStartException.Reason.DATA_DIR_LOCKED,
          "cannot obtain a lock on the data directory "
              + netDir
              + ": another regtest node (embedded or bitcoind) is already running with it",
          null);
    }
    return new RegtestDataDir(netDir, channel, lock);
  }

  Path cookieFile() {
    return netDir.resolve(".cookie");
  }

  /**
   * Writes a fresh cookie {@code __cookie__:<64 hex>}: to {@code .cookie.tmp} created with mode
   * 0600, then renamed over {@code .cookie} (a stale one left by a killed node included).
   *
   * @return the cookie text
   */
  String writeCookie() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String cookie = EmbeddedRegtestNode.COOKIE_USER + ":" + HexFormat.of().formatHex(secret);
    Path tmp = netDir.resolve(".cookie.tmp");
    try {
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp); // not a POSIX file system
      }
      Files.writeString(tmp, cookie, StandardCharsets.US_ASCII);
      Files.move(
          tmp, cookieFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      cookieWritten = true;
      return cookie;
    } catch (IOException e) {
      throw new RegtestStartException(
          RegtestStartException.Reason.IO,
          "cannot write the cookie file " + cookieFile() + ": " + e.getMessage(),
          e);
    }
  }

  /** Deletes the cookie this node wrote, then releases the lock (Core's shutdown order). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (cookieWritten) {
      try {
        Files.deleteIfExists(cookieFile());
      } catch (IOException e) {
        LOG.warn("cannot delete cookie file {}: {}", cookieFile(), e.getMessage());
      }
    }
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warn("cannot release the lock on {}: {}", netDir, e.getMessage());
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
