package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The devnet's real Bitcoin Core ({@code devnet up --bitcoind PATH}): {@code bitcoind -regtest} on
 * free loopback ports with cookie authentication, its data directory in the devnet directory (kept
 * afterwards, like the validators' files). {@code -daemonwait} returns once the node is initialized
 * (RPC answers), so no polling; the daemon's pid is read from its pid file. {@link #close()}, a JVM
 * shutdown hook (Ctrl-C) and {@code devnet down} (through the pid in the state file) each stop it
 * with SIGTERM, Bitcoin Core's clean shutdown, and kill it if it has not exited within a minute.
 */
final class DevnetBitcoind implements AutoCloseable {
  private final Path dataDir;
  private final int rpcPort;
  private final long pid;
  private final Thread hook;

  private DevnetBitcoind(Path dataDir, int rpcPort, long pid) {
    this.dataDir = dataDir;
    this.rpcPort = rpcPort;
    this.pid = pid;
    this.hook = new Thread(() -> DevnetCommand.stop(pid), "devnet-bitcoind-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts bitcoind with its data directory {@code dataDir} (created) and returns once it answers
   * RPC.
   *
   * @throws BadInputException if {@code binary} is not an executable file (names the option)
   * @throws CheckFailedException if bitcoind fails to start, with its output
   */
  static DevnetBitcoind start(Path binary, Path dataDir) throws IOException, InterruptedException {
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new BadInputException(
          "--bitcoind " + binary + ": not an executable file (a Bitcoin Core bitcoind)");
    }
    Files.createDirectories(dataDir);
    int rpcPort = freePort();
    Path output = dataDir.resolve("bitcoind.out");
    Process p =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "-regtest",
                    "-daemonwait",
                    "-datadir=" + dataDir,
                    "-server=1",
                    "-rpcbind=127.0.0.1",
                    "-rpcallowip=127.0.0.1",
                    "-rpcport=" + rpcPort,
                    "-port=" + freePort(),
                    "-listen=0",
                    "-connect=0",
                    "-dnsseed=0",
                    "-fixedseeds=0",
                    "-discover=0",
                    "-txindex=1",
                    // A fresh regtest chain has no fee estimates: the funding wallet needs one.
                    "-fallbackfee=0.0002"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new CheckFailedException(
          binary + " did not start (data directory " + dataDir + "): " + Files.readString(output));
    }
    Path pidFile = dataDir.resolve("regtest").resolve("bitcoind.pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    return new DevnetBitcoind(dataDir, rpcPort, pid);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + rpcPort + "/");
  }

  Path cookieFile() {
    return dataDir.resolve("regtest").resolve(".cookie");
  }

  long pid() {
    return pid;
  }

  @Override
  public void close() {
    DevnetCommand.stop(pid);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) anyway
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
