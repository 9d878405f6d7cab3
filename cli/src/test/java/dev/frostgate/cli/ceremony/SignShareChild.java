package dev.frostgate.cli.ceremony;

import dev.frostgate.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@code frostgate} process for the nonce-ledger tests, with a fault injected into {@link
 * NonceLedger}: {@code crash-after-ledger ARGS...} halts the JVM right after the ledger entry is
 * durable and before the share is computed; {@code race DIR ARGS...} makes the ledger check of two
 * such processes meet (each marks {@code DIR/checked-PID} after its check and waits for the other's
 * mark, or for a second after the other announced it was about to lock), which is what two
 * concurrent runs without the lock would do.
 */
public final class SignShareChild {
  public static final int CRASHED = 77;

  private SignShareChild() {}

  public static void main(String[] a) throws Exception {
    String mode = a[0];
    String[] args;
    if (mode.equals("crash-after-ledger")) {
      NonceLedger.afterRecord = () -> Runtime.getRuntime().halt(CRASHED);
      args = Arrays.copyOfRange(a, 1, a.length);
    } else if (mode.equals("race")) {
      Path dir = Path.of(a[1]);
      long pid = ProcessHandle.current().pid();
      NonceLedger.beforeLock = () -> touch(dir.resolve("locking-" + pid));
      NonceLedger.afterCheck = () -> meet(dir, pid);
      args = Arrays.copyOfRange(a, 2, a.length);
    } else {
      throw new IllegalArgumentException("mode: " + mode);
    }
    System.exit(Main.run(args));
  }

  private static void meet(Path dir, long pid) {
    touch(dir.resolve("checked-" + pid));
    long otherLocking = -1;
    // Bounded waits (never a test assertion): wait for the other process to reach its check too;
    // once it has announced it is about to lock, give it a second to get past the lock.
    for (int i = 0; i < 600; i++) {
      if (count(dir, "checked-") >= 2) {
        return;
      }
      if (otherLocking < 0 && count(dir, "locking-") >= 2) {
        otherLocking = i;
      }
      if (otherLocking >= 0 && i - otherLocking >= 20) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long count(Path dir, String prefix) {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void touch(Path p) {
    try {
      Files.writeString(p, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
