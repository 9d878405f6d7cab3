package dev.frostgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;

/**
 * CPU-time samples of one thread with async-profiler: every sample is one interval of CPU time
 * consumed by the thread (user and kernel), with its whole stack, Java and native frames alike.
 *
 * <p>Why not JFR: JFR takes Java samples and native samples with two separate samplers, and the
 * Java one often fails to walk a stack (≈ 370 Java samples per second of Java time against ≈ 1,000
 * native samples per second of native time in a 300-request run), so code in libsecp256k1 was
 * over-counted about 2.7× against Java code, and FROST, which is mostly libsecp256k1, looked larger
 * than it is. It also samples a thread waiting in {@code fsync}, which is not CPU time.
 */
final class CpuSampler {
  /** One distinct stack (leaf first; Java frames as {@code pkg.Class.method}) and its samples. */
  record Stack(List<String> leafFirst, long samples) {}

  private final AsyncProfiler profiler;
  private final String event;
  private final String threadFrame;
  private final String originalName;

  private CpuSampler(
      AsyncProfiler profiler, String event, String threadFrame, String originalName) {
    this.profiler = profiler;
    this.event = event;
    this.threadFrame = threadFrame;
    this.originalName = originalName;
  }

  /**
   * Starts sampling the current thread every millisecond of its CPU time: with perf_events if the
   * kernel allows it, else with a per-thread CPU timer. Empty (and the reason on stderr) if
   * async-profiler cannot run here.
   */
  static Optional<CpuSampler> startOnCurrentThread() {
    AsyncProfiler profiler;
    try {
      profiler = AsyncProfiler.getInstance();
    } catch (Throwable e) { // UnsatisfiedLinkError on a platform it has no library for
      System.err.println("CPU profile unavailable: " + e);
      return Optional.empty();
    }
    // Every thread is sampled (the JIT compiler and GC threads too); with "threads" each stack's
    // root frame names its thread, "[name tid=N]", and stop() keeps the ones of this thread, which
    // gets a name no other thread has for the run.
    String original = Thread.currentThread().getName();
    String name = "cpu-sampled-" + Thread.currentThread().threadId();
    for (String event : List.of("cpu", "ctimer")) {
      try {
        profiler.execute("start,event=" + event + ",interval=1ms,threads,cstack=vm");
        Thread.currentThread().setName(name);
        return Optional.of(new CpuSampler(profiler, event, "[" + name + " tid=", original));
      } catch (IOException | IllegalStateException | IllegalArgumentException e) {
        System.err.println("CPU profile with event " + event + " unavailable: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The sampling event used: {@code cpu} (perf_events) or {@code ctimer}. */
  String event() {
    return event;
  }

  /** Stops sampling, writes the collapsed stacks to {@code file} and returns them. */
  List<Stack> stop(Path file) throws IOException {
    profiler.stop();
    String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
    Thread.currentThread().setName(originalName); // after the dump, which names threads
    Files.writeString(file, collapsed, StandardCharsets.UTF_8);
    List<Stack> stacks = new ArrayList<>();
    for (String line : collapsed.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      List<String> frames = new ArrayList<>(Arrays.asList(line.substring(0, space).split(";")));
      if (!frames.get(0).startsWith(threadFrame)) {
        continue;
      }
      frames.remove(0);
      Collections.reverse(frames);
      stacks.add(
          new Stack(
              frames.stream().map(f -> f.replace('/', '.')).toList(),
              Long.parseLong(line.substring(space + 1).trim())));
    }
    return stacks;
  }
}
