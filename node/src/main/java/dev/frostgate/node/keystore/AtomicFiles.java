package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.KeyStoreException.Reason.IO_ERROR;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe writes of secret files: temp file (mode 0600) + fsync + rename (or link) + directory
 * fsync. The one implementation every secret file goes through: the key stores' files and the
 * offline ceremony's.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the directory (mode 0700 for the parts it creates) if it does not exist. */
  static void ensureDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        if (posix()) {
          FileAttribute<Set<PosixFilePermission>> attr =
              PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR);
          Files.createDirectories(dir, attr);
        } else {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new KeyStoreException(IO_ERROR, "cannot create key directory " + dir, e);
    }
  }

  /**
   * Replaces {@code target} with {@code data} atomically: readers see the old file or the new one,
   * never a partial one, also after a crash. The new file has mode 0600.
   *
   * @throws KeyStoreException IO_ERROR naming the file
   */
  public static void write(Path target, byte[] data) {
    try {
      write(target, data, true);
    } catch (FileAlreadyExistsException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Like {@link #write(Path, byte[])}, but never replaces an existing file: the new file is put in
   * place with a hard link, which fails if the name exists (no window between a check and the
   * rename). On a file system without hard links it falls back to check-then-rename.
   *
   * @throws FileAlreadyExistsException if {@code target} exists; nothing was written
   * @throws KeyStoreException IO_ERROR naming the file
   */
  public static void writeNew(Path target, byte[] data) throws FileAlreadyExistsException {
    write(target, data, false);
  }

  private static void write(Path target, byte[] data, boolean replace)
      throws FileAlreadyExistsException {
    Path dir = target.toAbsolutePath().getParent();
    ensureDirectory(dir);
    Path tmp = null;
    try {
      tmp =
          posix()
              ? Files.createTempFile(
                  dir,
                  "." + target.getFileName(),
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
              : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (replace) {
        move(tmp, target, dir);
        tmp = null;
      } else {
        try {
          Files.createLink(target, tmp);
          Files.delete(tmp);
          tmp = null;
        } catch (UnsupportedOperationException | FileSystemException e) {
          if (e instanceof FileAlreadyExistsException exists) {
            throw exists;
          }
          // No hard links here (e.g. FAT): check, then rename.
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
          }
          move(tmp, target, dir);
          tmp = null;
        }
      }
      if (posix()) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
          d.force(true);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      throw new KeyStoreException(
          IO_ERROR, "cannot write " + target + " (" + e.getClass().getSimpleName() + ")", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the file is not in place, and a crash may leave its temp file too
        }
      }
    }
  }

  private static void move(Path tmp, Path target, Path dir) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new KeyStoreException(
          IO_ERROR, "the file system of " + dir + " cannot rename atomically", e);
    }
  }
}
