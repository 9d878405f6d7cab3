package dev.frostgate.testkit.node.bitcoind;

import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RetryPolicy;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.bitcoin.rpc.RpcFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway {@code bitcoind -regtest} on loopback: a fresh temporary data directory, free RPC and
 * P2P ports, cookie authentication, no peers, {@code -txindex} and {@code -fallbackfee=0.0002} (a
 * fresh regtest node has no fee estimates). {@link #close()} stops it ({@code stop}, then a kill if
 * it does not exit) and deletes the data directory; a JVM shutdown hook does the same if the JVM
 * exits first, so a failed test leaves neither a process nor a directory behind.
 *
 * <pre>{@code
 * try (RegtestBitcoind node = RegtestBitcoind.start(BitcoindBinary.find().binary().orElseThrow())) {
 *   BitcoinRpcClient rpc = BitcoinRpcClient.create(node.clientConfig());
 * }
 * }</pre>
 */
public final class RegtestBitcoind implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int PORT_ATTEMPTS = 3;

  private final Process process;
  private final Path dataDir;
  private final int rpcPort;
  private final Thread shutdownHook;
  private boolean closed;

  private RegtestBitcoind(Process process, Path dataDir, int rpcPort, Thread shutdownHook) {
    this.process = process;
    this.dataDir = dataDir;
    this.rpcPort = rpcPort;
    this.shutdownHook = shutdownHook;
  }

  /** Starts a node and waits until it answers RPC. */
  public static RegtestBitcoind start(Path bitcoind) {
    return start(bitcoind, List.of());
  }

  /**
   * Starts a node with extra {@code -option=value} arguments and waits until it answers RPC. Picks
   * other ports and tries again (up to three times) if another process took a port in between.
   *
   * @throws BitcoindException if bitcoind exits or does not answer within 60 s, with its output
   */
  public static RegtestBitcoind start(Path bitcoind, List<String> extraArgs) {
    Objects.requireNonNull(bitcoind, "bitcoind");
    List<String> extra = List.copyOf(extraArgs);
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(bitcoind, extra);
      } catch (PortTaken e) {
        if (attempt == PORT_ATTEMPTS) {
          throw new BitcoindException(e.getMessage());
        }
      }
    }
  }

  private static final class PortTaken extends Exception {
    PortTaken(String message) {
      super(message);
    }
  }

  private static RegtestBitcoind startOnce(Path bitcoind, List<String> extra) throws PortTaken {
    Path dir;
    try {
      dir = Files.createTempDirectory("frostgate-bitcoind-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for bitcoind", e);
    }
    int rpcPort = freePort();
    int p2pPort = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(bitcoind.toString());
    cmd.addAll(
        List.of(
            "-regtest",
            "-datadir=" + dir,
            "-server=1",
            "-rpcbind=127.0.0.1",
            "-rpcallowip=127.0.0.1",
            "-rpcport=" + rpcPort,
            "-port=" + p2pPort,
            "-listen=0",
            "-connect=0",
            "-dnsseed=0",
            "-fixedseeds=0",
            "-discover=0",
            "-txindex=1",
            "-fallbackfee=0.0002",
            "-printtoconsole=0"));
    cmd.addAll(extra);
    Process process;
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("bitcoind.out").toFile())
              .start();
    } catch (IOException e) {
      deleteTree(dir);
      throw new BitcoindException("cannot run " + bitcoind + ": " + e.getMessage(), e);
    }
    Thread hook =
        new Thread(
            () -> {
              process.destroyForcibly();
              deleteTree(dir);
            },
            "bitcoind-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    RegtestBitcoind node = new RegtestBitcoind(process, dir, rpcPort, hook);
    try {
      node.awaitReady(bitcoind);
      return node;
    } catch (RuntimeException | PortTaken e) {
      node.close();
      throw e;
    }
  }

  private void awaitReady(Path bitcoind) throws PortTaken {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try (BitcoinRpcClient probe =
        BitcoinRpcClient.create(clientConfig().withRetry(RetryPolicy.none()))) {
      while (true) {
        if (!process.isAlive()) {
          String output = output();
          String message =
              bitcoind
                  + " exited with code "
                  + process.exitValue()
                  + " before answering RPC on port "
                  + rpcPort
                  + " (data directory "
                  + dataDir
                  + " removed): "
                  + output;
          if (output.toLowerCase(Locale.ROOT).contains("unable to bind")) {
            throw new PortTaken(message);
          }
          throw new BitcoindException(message);
        }
        if (Files.exists(cookieFile())) {
          try {
            probe.getBlockCount();
            return;
          } catch (RpcFailure e) {
            // warming up (-28) or not listening yet
          }
        }
        if (System.nanoTime() > deadline) {
          throw new BitcoindException(
              bitcoind
                  + " did not answer RPC on port "
                  + rpcPort
                  + " within "
                  + START_TIMEOUT.toSeconds()
                  + " s (data directory "
                  + dataDir
                  + " removed): "
                  + output());
        }
        sleep(100);
      }
    }
  }

  /** The RPC root, {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + rpcPort + "/");
  }

  public int rpcPort() {
    return rpcPort;
  }

  /** {@code <datadir>/regtest/.cookie}. */
  public Path cookieFile() {
    return dataDir.resolve("regtest").resolve(".cookie");
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Client settings for this node: cookie authentication, 5 s connect, 120 s per request. */
  public RpcClientConfig clientConfig() {
    return RpcClientConfig.of(url(), RpcAuth.cookieFile(cookieFile()))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(120));
  }

  /** The last lines bitcoind printed and logged, for failure messages. */
  public String output() {
    return tail(dataDir.resolve("bitcoind.out"))
        + " | debug.log: "
        + tail(dataDir.resolve("regtest").resolve("debug.log"));
  }

  /** Stops the node ({@code stop}, a kill after 30 s) and deletes its data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (process.isAlive() && Files.exists(cookieFile())) {
        try (BitcoinRpcClient c =
            BitcoinRpcClient.create(clientConfig().withRetry(RetryPolicy.none()))) {
          c.call("stop", List.of());
        } catch (RpcFailure e) {
          // not answering: killed below
        }
      }
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      deleteTree(dataDir);
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  private static String tail(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).strip();
      return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no " + file.getFileName() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: the directory is under the system's temporary directory
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitcoindException("interrupted while waiting for bitcoind", e);
    }
  }
}
