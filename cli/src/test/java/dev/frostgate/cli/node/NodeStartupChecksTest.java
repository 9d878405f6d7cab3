package dev.frostgate.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Devnet;
import dev.frostgate.node.storage.StateDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frostgate node run} refuses to start, with exit code 2 and a message naming what and
 * where, when something it needs is wrong; each case is a real process.
 */
class NodeStartupChecksTest {
  static final String PASSPHRASE = "test passphrase for node processes";
  static final String TOKEN = "test-api-token-0123456789abcdef";
  private static final Map<String, String> ENV = Map.of(Devnet.PASSPHRASE_ENV, PASSPHRASE);

  @TempDir Path dir;
  private Devnet v;

  @BeforeEach
  void validators() throws Exception {
    // No Bitcoin node is contacted before these checks fail.
    v =
        Devnet.create(
            dir,
            3,
            2,
            URI.create("http://127.0.0.1:9"),
            dir.resolve("no-cookie"),
            PASSPHRASE,
            "a-token-for-the-checks-0123456789");
  }

  private Devnet.Exit refused(Map<String, String> env, String... expected) throws Exception {
    return refusedWith(env, new String[0], expected);
  }

  private Devnet.Exit refusedWith(Map<String, String> env, String[] options, String... expected)
      throws Exception {
    Devnet.Exit e = v.runToExit(1, env, options);
    assertThat(e.code()).as(e.output()).isEqualTo(2);
    assertThat(e.output()).contains(expected).doesNotContain(PASSPHRASE);
    return e;
  }

  @Test
  void missingIdentityKey() throws Exception {
    Files.delete(v.home(1).resolve("identity.json"));
    refused(ENV, "[validator] identity_key: ", "identity.json does not exist");
  }

  @Test
  void wrongPassphrase() throws Exception {
    refused(Map.of(Devnet.PASSPHRASE_ENV, "not the passphrase"), "[validator] identity_key: ");
  }

  @Test
  void identityKeyOfAnotherValidator() throws Exception {
    Files.copy(
        v.home(2).resolve("identity.json"),
        v.home(1).resolve("identity.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    refused(ENV, "but [[peers]] id 1 pins");
  }

  @Test
  void databaseFromANewerVersion() throws Exception {
    Path state = v.home(1).resolve("state.db");
    StateDatabase.open(state).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state);
        Statement s = c.createStatement()) {
      int next = StateDatabase.codeSchemaVersion() + 1;
      s.execute("INSERT INTO schema_history VALUES (" + next + ", 'V" + next + "__future.sql', 0)");
    }
    refused(ENV, "state database " + state, "newer");
  }

  @Test
  void peerListWithoutThisValidator() throws Exception {
    replace("id = 1\nnetwork", "id = 4\nnetwork");
    refused(ENV, "[[peers]]: own id 4 ([validator] id) is not among the peers");
  }

  @Test
  void thresholdAbovePeerCount() throws Exception {
    replace("threshold = 2", "threshold = 4");
    refused(ENV, "[threshold] threshold: must be between 1 and total_validators (3), got 4");
  }

  @Test
  void peerPortInUse() throws Exception {
    try (ServerSocket taken =
        new ServerSocket(v.p2p[1], 1, java.net.InetAddress.getLoopbackAddress())) {
      refused(ENV, "[network] listen 127.0.0.1:" + v.p2p[1]);
    }
  }

  @Test
  void byzantineModeOutsideRegtest() throws Exception {
    replace("network = \"regtest\"", "network = \"testnet\"");
    refusedWith(
        ENV,
        new String[] {"--byzantine", "withhold"},
        "--byzantine withhold: devnet testing only, refused on [validator] network = testnet");
  }

  @Test
  void unknownByzantineMode() throws Exception {
    refusedWith(
        ENV,
        new String[] {"--byzantine", "lie"},
        "--byzantine: unknown Byzantine mode 'lie' (expected one of invalid-shares, equivocate,"
            + " withhold, wrong-leader)");
  }

  private void replace(String from, String to) throws Exception {
    String text = Files.readString(v.config(1));
    assertThat(text).contains(from);
    Files.writeString(v.config(1), text.replace(from, to));
  }
}
