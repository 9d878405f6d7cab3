package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import dev.frostgate.cli.ceremony.SignShareChild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nonce ledger, end to end: real files, real {@code frostgate} processes (a JVM each) where
 * runs are concurrent or crash, and the real file lock.
 */
class NonceLedgerCliTest {
  @TempDir static Path dir;
  static Ceremony c;

  @BeforeAll
  static void dkg() {
    c = Ceremony.create(dir.resolve("group"), 2, 2, Protection.PASSPHRASE);
    c.dkg();
  }

  /** Participant 1 and 2 commit in {@code session}; two packages over different messages. */
  static Path session(String name) {
    Path at = dir.resolve(name);
    for (int i = 1; i <= 2; i++) {
      c.secretOk(
          "sign",
          "commit",
          "--key",
          s(c.key(i)),
          "--nonces-out",
          s(at.resolve("nonces-" + i + ".json")),
          "--commitment-out",
          s(at.resolve("commitments").resolve("c-" + i + ".json")));
    }
    for (String m : List.of("a", "b")) {
      c.ok(
          "sign",
          "package",
          "--public",
          s(c.pub(1)),
          "--commitments",
          s(at.resolve("commitments")),
          "--message",
          (m.equals("a") ? "aa" : "bb").repeat(32),
          "--out",
          s(at.resolve("package-" + m + ".json")));
    }
    return at;
  }

  static String[] share(Path at, Path nonces, String pkg, String out) {
    return c.withSecrets(
        "sign",
        "share",
        "--raw-message",
        "--yes",
        "--key",
        s(c.key(1)),
        "--nonces",
        s(nonces),
        "--package",
        s(at.resolve("package-" + pkg + ".json")),
        "--out",
        s(at.resolve(out)));
  }

  static Path ledger() throws IOException {
    try (var files = Files.list(c.p(1))) {
      List<Path> l =
          files.filter(f -> f.getFileName().toString().startsWith("nonce-ledger-")).toList();
      assertThat(l).hasSize(1);
      return l.get(0);
    }
  }

  static Process child(Path at, String log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SignShareChild.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(at.resolve(log).toFile())
        .start();
  }

  static int exit(Process p) throws InterruptedException {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child process finished").isTrue();
    return p.exitValue();
  }

  static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(b));
    all.addAll(List.of(a));
    return all.toArray(String[]::new);
  }

  @Test
  void twoConcurrentSignShareProcessesProduceExactlyOneShare() throws Exception {
    Path at = session("concurrent");
    Path meet = Files.createDirectories(at.resolve("meet"));
    Path nonces = at.resolve("nonces-1.json");
    Process a = child(at, "a.log", concat(share(at, nonces, "a", "share-a.json"), "race", s(meet)));
    Process b = child(at, "b.log", concat(share(at, nonces, "b", "share-b.json"), "race", s(meet)));
    int ea = exit(a);
    int eb = exit(b);
    String logs =
        Files.readString(at.resolve("a.log"), StandardCharsets.UTF_8)
            + Files.readString(at.resolve("b.log"), StandardCharsets.UTF_8);
    assertThat(List.of(ea, eb)).as(logs).containsExactlyInAnyOrder(0, 1);
    assertThat(Files.exists(at.resolve("share-a.json")))
        .as(logs)
        .isNotEqualTo(Files.exists(at.resolve("share-b.json")));
    assertThat(logs).contains("already used");
    assertThat(Files.readAllLines(ledger())).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aCrashAfterTheLedgerWriteLeavesNoShareAndTheRerunRefuses() throws Exception {
    Path at = session("crash");
    Path nonces = at.resolve("nonces-1.json");
    Process p =
        child(at, "crash.log", concat(share(at, nonces, "a", "share.json"), "crash-after-ledger"));
    assertThat(exit(p))
        .as(Files.readString(at.resolve("crash.log")))
        .isEqualTo(SignShareChild.CRASHED);
    assertThat(at.resolve("share.json")).doesNotExist();
    // The crash came before the nonces file was marked: only the ledger knows they were used.
    assertThat(Files.readString(nonces)).contains("\"fresh\"");

    Run again = c.fails(1, share(at, nonces, "a", "share.json"));
    assertThat(again.err())
        .contains("already used to sign", s(ledger()), "hiding ")
        .contains("run 'sign commit' for new nonces");
    assertThat(at.resolve("share.json")).doesNotExist();
  }

  @Test
  void aCopiedNoncesFileIsRefused() throws Exception {
    Path at = session("copy");
    Path nonces = at.resolve("nonces-1.json");
    Path backup = at.resolve("backup-of-nonces-1.json");
    Files.copy(nonces, backup, StandardCopyOption.COPY_ATTRIBUTES);
    c.ok(share(at, nonces, "a", "share-a.json"));
    assertThat(Files.readString(nonces)).contains("\"used\"");

    // The backup, under its own name or restored over the used file: same nonces, refused.
    Run copy = c.fails(1, share(at, backup, "b", "share-b.json"));
    assertThat(copy.err())
        .contains("nonce commitment (hiding ", "already used to sign signing package ")
        .contains("of the nonce ledger " + ledger());
    Files.copy(backup, nonces, StandardCopyOption.REPLACE_EXISTING);
    c.fails(1, share(at, nonces, "b", "share-b.json"));
    assertThat(at.resolve("share-b.json")).doesNotExist();
  }

  @Test
  void anEditedLedgerIsRefused() throws Exception {
    Path at = session("edit");
    c.ok(share(at, at.resolve("nonces-1.json"), "a", "share-a.json"));
    Path ledger = ledger();
    List<String> lines = new ArrayList<>(Files.readAllLines(ledger));
    assertThat(lines.get(0)).contains("frostgate/nonce-ledger");
    // Removing an entry in the middle (here: the first of several) breaks the hash chain.
    Path at2 = session("edit-2");
    c.ok(share(at2, at2.resolve("nonces-1.json"), "a", "share-a.json"));
    lines = new ArrayList<>(Files.readAllLines(ledger));
    List<String> edited = new ArrayList<>(lines);
    edited.remove(1);
    Files.write(ledger, edited);
    Path at3 = session("edit-3");
    Run r = c.fails(1, share(at3, at3.resolve("nonces-1.json"), "a", "share-a.json"));
    assertThat(r.err()).contains(s(ledger), "hash chain is broken");
    assertThat(at3.resolve("share-a.json")).doesNotExist();
    Files.write(ledger, lines);
    c.ok(share(at3, at3.resolve("nonces-1.json"), "a", "share-a.json"));
  }
}
