package dev.frostgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Wall time and thread CPU time of {@link FullSigningBenchmark}'s op (one full 10-of-15 signing
 * session), medians after a warm-up: the Java counterpart of the C reference's "thread CPU time of
 * the same samples" line. Other processes on a shared machine inflate wall-clock medians several
 * times over (the thread waits for a core) and CPU time much less (by up to ≈ 40 % when they share
 * the core's caches), so under load the CPU-time ratio is the steadier comparison; JMH reports wall
 * time only.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.frostgate.bench.SigningCpuTime [TR|RFC]
 * [sessions=400] [warmup=1500]}. Prints {@code java/<suite>/session_full_10of15 TAB median_us TAB
 * min_us TAB n} (wall) and the CPU-time median and minimum, like the C reference's lines.
 */
public final class SigningCpuTime {
  private SigningCpuTime() {}

  public static void main(String[] args) {
    String suite = args.length > 0 ? args[0] : "TR";
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
    SecureRandom rnd = new SecureRandom();
    FrostGroup g = FrostGroup.fromParam(suite + ":10-of-15", rnd);
    byte[] msg = FrostSigningBenchmark.message();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < warmup; i++) {
      FullSigningBenchmark.session(g, msg, rnd);
    }
    long[] wall = new long[sessions];
    long[] cpu = new long[sessions];
    for (int i = 0; i < sessions; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      FullSigningBenchmark.session(g, msg, rnd);
      wall[i] = System.nanoTime() - w0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    String name = "java/" + suite + "/session_full_10of15";
    System.out.printf(
        "%s\t%.3f\t%.3f\t%d%n", name, wall[sessions / 2] / 1e3, wall[0] / 1e3, sessions);
    System.out.printf(
        "# ^ %s, thread CPU time of the same samples: median %.3f us, min %.3f us%n",
        name, cpu[sessions / 2] / 1e3, cpu[0] / 1e3);
  }
}
