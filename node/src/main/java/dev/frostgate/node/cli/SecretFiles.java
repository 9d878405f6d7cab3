package dev.frostgate.node.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads and writes files holding secrets: atomic (temporary file, fsync, rename), mode 0600. */
final class SecretFiles {
  private SecretFiles() {}

  /**
   * Whether the file system of {@code dir} has POSIX permissions (false on e.g. FAT or Windows).
   */
  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Writes {@code data} to {@code target} atomically with mode 0600.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws BadInputException if the file exists (and overwrite is false) or cannot be written
   */
  static void write(Path target, byte[] data, boolean overwrite) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      Files.createDirectories(dir);
      if (!overwrite && Files.exists(abs)) {
        throw new BadInputException(target + ": already exists (pass --force to replace it)");
      }
      FileAttribute<?>[] attrs =
          posix(dir)
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      Path tmp = Files.createTempFile(dir, ".frostgate-", ".tmp", attrs);
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(data);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        if (overwrite) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new BadInputException(target + ": already exists (pass --force to replace it)");
    } catch (IOException e) {
      throw new BadInputException(target + ": cannot write (" + e.getMessage() + ")");
    }
  }

  /**
   * Reads a whole file.
   *
   * @throws BadInputException naming the file if it is missing or unreadable
   */
  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new BadInputException(p + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(p + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
