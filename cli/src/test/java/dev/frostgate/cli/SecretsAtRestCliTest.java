package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.read;
import static dev.frostgate.cli.Ceremony.s;
import static dev.frostgate.cli.Ceremony.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest: every secret file sealed by the key store (a passphrase from a file, an
 * environment variable or the terminal; or a PKCS#11 token), plaintext only when asked for and then
 * said in the file; written atomically with mode 0600; and a key package never replaced by one from
 * before a refresh.
 */
class SecretsAtRestCliTest {

  static String[] commit(Ceremony c, Path key, String tag) {
    return new String[] {
      "sign",
      "commit",
      "--key",
      s(key),
      "--nonces-out",
      s(c.dir.resolve("nonces-" + tag + ".json")),
      "--commitment-out",
      s(c.dir.resolve("commitment-" + tag + ".json"))
    };
  }

  @Test
  void sealedFilesOpenOnlyWithTheirPassphraseAndUnchangedPublicFields(@TempDir Path dir)
      throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    ObjectNode key = read(c.key(1));
    assertThat(key.has("signing_share")).isFalse();
    assertThat(key.get("protection").asText()).contains("Argon2id");
    for (Path f : c.files()) {
      if (!f.toString().endsWith(".json")) {
        continue; // the test's passphrase file
      }
      if (read(f).path("secret").asBoolean(false)) {
        assertThat(read(f).has("sealed")).as("%s is sealed", f).isTrue();
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .as("%s", f)
          .isEqualTo("rw-------");
      assertThat(f.getFileName().toString()).as("no temporary file left").doesNotEndWith(".tmp");
    }

    // The passphrase from an environment variable (surefire sets it to the same passphrase).
    c.ok(
        "sign",
        "commit",
        "--key",
        s(c.key(1)),
        "--nonces-out",
        s(dir.resolve("n-env.json")),
        "--commitment-out",
        s(dir.resolve("c-env.json")),
        "--passphrase-env",
        "FROSTGATE_TEST_PASSPHRASE",
        "--insecure-test-kdf");

    // A wrong passphrase.
    Path wrong = dir.resolve("wrong-passphrase");
    Files.writeString(wrong, "not the passphrase\n");
    Run w = c.fails(2, with(commit(c, c.key(1), "w"), "--passphrase-file", s(wrong)));
    assertThat(w.err()).contains(s(c.key(1)), "wrong passphrase or corrupted file");

    // No passphrase at all (and no terminal to ask on); two ways at once; a missing variable.
    Run none = c.fails(2, commit(c, c.key(1), "n"));
    assertThat(none.err()).contains("need a passphrase", "--passphrase-file");
    Run both =
        c.fails(
            2,
            with(
                commit(c, c.key(1), "b"),
                "--passphrase-file",
                s(wrong),
                "--passphrase-env",
                "FROSTGATE_TEST_PASSPHRASE"));
    assertThat(both.err()).contains("not --passphrase-file and --passphrase-env");
    Run unset = c.fails(2, with(commit(c, c.key(1), "u"), "--passphrase-env", "NO_SUCH_VAR_X"));
    assertThat(unset.err()).contains("NO_SUCH_VAR_X is not set");
    // A passphrase on the command line is not an option.
    Run arg = c.fails(2, with(commit(c, c.key(1), "a"), "--passphrase", "secret"));
    assertThat(arg.err()).contains("unknown option '--passphrase'");

    // A sealed file is not read as plaintext.
    Run plain = c.fails(2, with(commit(c, c.key(1), "p"), "--insecure-plaintext"));
    assertThat(plain.err()).contains(s(c.key(1)), "sealed with a passphrase");

    // Its public fields are authenticated: an edited epoch or participant does not open.
    for (String field : List.of("epoch", "identifier", "group_key")) {
      Path edited = dir.resolve("edited-" + field + ".json");
      ObjectNode k = read(c.key(1));
      if (field.equals("group_key")) {
        k.put(field, read(c.key(2)).get("verifying_share").asText());
      } else {
        k.put(field, field.equals("epoch") ? 5 : 2);
      }
      write(edited, k);
      Run e = c.secretFails(2, commit(c, edited, "e-" + field));
      assertThat(e.err()).as(field).contains(s(edited), "wrong passphrase or corrupted file");
    }
  }

  static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void plaintextOnlyWhenAskedForAndTheFileSaysSo(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PLAINTEXT).dkg();
    Run r = c.secretOk(commit(c, c.key(1), "1"));
    assertThat(r.err()).contains("--insecure-plaintext", "in the clear (tests only)");
    ObjectNode nonces = read(dir.resolve("nonces-1.json"));
    assertThat(nonces.get("insecure_plaintext").asBoolean()).isTrue();
    assertThat(nonces.get("warning").asText()).startsWith("INSECURE");
    // Without the flag, a plaintext secret file is not read.
    Run p =
        c.fails(
            2,
            with(
                commit(c, c.key(1), "2"),
                "--passphrase-file",
                s(dir.resolve("passphrase")),
                "--insecure-test-kdf"));
    assertThat(p.err()).contains(s(c.key(1)), "in the clear", "pass --insecure-plaintext");
  }

  @Test
  void tokenSealedFilesNeedTheToken(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PKCS11).dkg();
    assertThat(read(c.key(2)).get("protection").asText()).contains("PKCS#11");
    Run r =
        c.fails(
            2,
            with(
                commit(c, c.key(2), "x"),
                "--passphrase-file",
                s(dir.resolve("passphrase")),
                "--insecure-test-kdf"));
    assertThat(r.err()).contains(s(c.key(2)), "PKCS11_TOKEN_KEY");
  }

  @Test
  void aKeyPackageFromBeforeARefreshNeverReplacesTheRefreshedOne(@TempDir Path dir)
      throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    Ceremony.Refreshed r = c.refresh(List.of(1, 2, 3), c.keys(), c.pubs(), "r1");
    Path refreshed = r.keys().get(2);
    byte[] before = Files.readAllBytes(refreshed);

    // A repair against the old public key package rebuilds the old key: refused over the new
    // one, also with --force.
    Map<Integer, Path> old = new TreeMap<>(c.keys());
    Path at = dir.resolve("repair-old");
    for (int h : List.of(1, 3)) {
      c.secretOk(
          "repair",
          "part1",
          "--key",
          s(old.get(h)),
          "--public",
          s(c.pub(1)),
          "--participant",
          "2",
          "--helpers",
          "1,3",
          "--roster",
          s(c.roster()),
          "--identity",
          s(c.identity(h)),
          "--secret-out",
          s(c.p(h).resolve("old-delta.json")),
          "--out-dir",
          s(at.resolve("deltas")));
    }
    for (int h : List.of(1, 3)) {
      c.secretOk(
          "repair",
          "part2",
          "--key",
          s(old.get(h)),
          "--public",
          s(c.pub(1)),
          "--secret",
          s(c.p(h).resolve("old-delta.json")),
          "--deltas",
          s(at.resolve("deltas")),
          "--roster",
          s(c.roster()),
          "--identity",
          s(c.identity(h)),
          "--out",
          s(at.resolve("sigmas").resolve(h + ".json")));
    }
    Run repair =
        c.secretFails(
            2,
            "repair",
            "part3",
            "--public",
            s(c.pub(1)),
            "--participant",
            "2",
            "--sigmas",
            s(at.resolve("sigmas")),
            "--roster",
            s(c.roster()),
            "--identity",
            s(c.identity(2)),
            "--key-out",
            s(refreshed),
            "--force");
    assertThat(repair.err())
        .contains(s(refreshed), "refresh 1", "from before refresh 1", "also with --force");
    assertThat(Files.readAllBytes(refreshed)).isEqualTo(before);

    // Restoring a backup of the old key over the refreshed one: refused the same way.
    Path pieces = dir.resolve("pieces");
    Cli.ok(
        "backup",
        "split",
        "--in",
        s(c.key(2)),
        "--threshold",
        "2",
        "--pieces",
        "3",
        "--out-dir",
        s(pieces));
    Run restore =
        Cli.fails(
            2,
            "backup",
            "combine",
            "--out",
            s(refreshed),
            "--force",
            s(pieces.resolve("piece-1.txt")),
            s(pieces.resolve("piece-3.txt")));
    assertThat(restore.err()).contains(s(refreshed), "from before refresh 1");
    assertThat(Files.readAllBytes(refreshed)).isEqualTo(before);
    // Restoring it beside the new one is fine (it is sealed as before).
    Path restored = dir.resolve("restored-old-key.json");
    Cli.ok(
        "backup",
        "combine",
        "--out",
        s(restored),
        s(pieces.resolve("piece-2.txt")),
        s(pieces.resolve("piece-3.txt")));
    assertThat(Files.readAllBytes(restored)).isEqualTo(Files.readAllBytes(c.key(2)));
  }
}
