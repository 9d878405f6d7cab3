package dev.frostgate.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import dev.frostgate.regtest.RegtestStartException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the embedded regtest node (Bitcoin Core's RPC subset over HTTP) until interrupted. */
@Command(
    name = "regtest",
    mixinStandardHelpOptions = true,
    description =
        "Run the embedded Bitcoin regtest node on loopback until interrupted (Ctrl-C) or the stop"
            + " RPC; prints its RPC url, cookie file and data directory.")
final class RegtestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "18443",
      description = "RPC port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--datadir",
      paramLabel = "DIR",
      description =
          "directory for the lock and the cookie file <datadir>/regtest/.cookie (default: the"
              + " user's data directory, $XDG_DATA_HOME/frostgate/regtest-node, that is"
              + " ~/.local/share/frostgate/regtest-node; printed at start)")
  Path dataDir;

  @Option(
      names = "--feerate",
      paramLabel = "SAT_PER_VB",
      description = "rate estimatesmartfee answers (default: no estimate, as a fresh regtest node)")
  Long feeRate;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw new BadInputException("--port must be 0..65535, got " + port);
    }
    EmbeddedRegtestNode.Config config = EmbeddedRegtestNode.Config.defaults();
    if (feeRate != null) {
      if (feeRate < 1 || feeRate > 100_000) {
        throw new BadInputException("--feerate must be 1..100000 sat/vB, got " + feeRate);
      }
      config = config.withSmartFee(feeRate * 1000);
    }
    PrintStream out = new PrintStream(to(spec.commandLine().getOut()), true, UTF_8);
    Path dir = dataDir != null ? dataDir : EmbeddedRegtestNode.defaultDataDir();
    try {
      EmbeddedRegtestNode.runUntilInterrupted(port, dir, config, out);
    } catch (RegtestStartException e) {
      throw new BadInputException(e.getMessage() + hint(e.reason()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped: the node has shut down
    }
    return 0;
  }

  private static String hint(RegtestStartException.Reason reason) {
    return switch (reason) {
      case PORT_IN_USE -> "; choose another port with --port (0 for any free port)";
      case DATA_DIR_LOCKED ->
          "; stop that node (the stop RPC or Ctrl-C) or choose another --datadir";
      case IO -> "; choose another --datadir";
    };
  }

  /** A byte stream that writes through to the command's (capturable) writer on each flush. */
  private static OutputStream to(PrintWriter w) {
    return new OutputStream() {
      private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        buf.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        buf.write(b, off, len);
      }

      @Override
      public void flush() {
        w.write(buf.toString(UTF_8));
        buf.reset();
        w.flush();
      }
    };
  }
}
