package dev.frostgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux process's CPU time (user + system) and peak resident set (VmHWM), read from {@code
 * /proc/PID/stat} and {@code /proc/PID/status}. Clock ticks are taken as 100 per second (USER_HZ on
 * every Linux architecture Java runs on).
 */
public record ProcessUsage(long pid, long cpuMillis, long peakRssKb) {
  static final long TICKS_PER_SECOND = 100;

  /** Reads the process's usage now; empty-handed callers get a clear error naming the pid. */
  public static ProcessUsage of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      return new ProcessUsage(
          pid,
          cpuMillis(Files.readString(proc.resolve("stat"))),
          peakRssKb(Files.readString(proc.resolve("status"))));
    } catch (IOException e) {
      throw new IllegalStateException("process " + pid + ": cannot read " + proc + " (gone?)", e);
    }
  }

  /** utime + stime (fields 14 and 15) of a stat line; the command name may hold spaces. */
  static long cpuMillis(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: no ')' after the name");
    }
    String[] f = stat.substring(close + 2).trim().split(" +");
    // f[0] is field 3 (state): utime is field 14 = f[11], stime field 15 = f[12].
    if (f.length < 13) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + f.length + " fields");
    }
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
  }

  /** VmHWM in kB from a status file. */
  static long peakRssKb(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalArgumentException("no VmHWM line in /proc/PID/status");
  }
}
