package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command overwrites an existing file without --force; an output that is also an input, or that
 * holds a file of another kind, is refused even with --force.
 */
class OverwriteCliTest {

  @Test
  void noncesOutPointedAtTheKeyPackageIsRefusedAndTheKeySurvives(@TempDir Path dir)
      throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    byte[] key = Files.readAllBytes(c.key(1));
    for (boolean force : new boolean[] {false, true}) {
      Run r =
          c.secretFails(
              2,
              SecretsAtRestCliTest.with(
                  new String[] {
                    "sign",
                    "commit",
                    "--key",
                    s(c.key(1)),
                    "--nonces-out",
                    s(c.key(1)),
                    "--commitment-out",
                    s(dir.resolve("c.json"))
                  },
                  force ? new String[] {"--force"} : new String[0]));
      assertThat(r.err()).contains(s(c.key(1)), "is also an input of this command");
    }
    // Another participant's key package as the nonces file: another kind, refused with --force.
    Run other =
        c.secretFails(
            2,
            "sign",
            "commit",
            "--key",
            s(c.key(1)),
            "--nonces-out",
            s(c.key(2)),
            "--commitment-out",
            s(dir.resolve("c.json")),
            "--force");
    assertThat(other.err())
        .contains(s(c.key(2)), "holds frostgate/key-package, not frostgate/signing-nonces");
    assertThat(Files.readAllBytes(c.key(1))).isEqualTo(key);
    assertThat(Files.exists(dir.resolve("c.json"))).isFalse();
  }

  @Test
  void dkgOutputsAreNotReplacedWithoutForce(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).identities().part1();
    byte[] pkg = Files.readAllBytes(c.round1(1));
    // The package output exists: refused before anything is written (no new secret either).
    Run again =
        c.secretFails(
            2,
            "dkg",
            "part1",
            "--id",
            "1",
            "--participants",
            "3",
            "--threshold",
            "2",
            "--secret-out",
            s(dir.resolve("other-secret.json")),
            "--package-out",
            s(c.round1(1)));
    assertThat(again.err()).contains(s(c.round1(1)), "already exists (pass --force");
    assertThat(Files.readAllBytes(c.round1(1))).isEqualTo(pkg);
    assertThat(Files.exists(dir.resolve("other-secret.json"))).as("nothing was written").isFalse();
    Run secret =
        c.secretFails(
            2,
            "dkg",
            "part1",
            "--id",
            "1",
            "--participants",
            "3",
            "--threshold",
            "2",
            "--secret-out",
            s(c.secret1(1)),
            "--package-out",
            s(dir.resolve("other-pkg.json")));
    assertThat(secret.err()).contains(s(c.secret1(1)), "already exists (pass --force");

    c.part2();
    assertThat(c.part3(1, s(c.round2())).exit()).isZero();
    byte[] key = Files.readAllBytes(c.key(1));
    Run part3 = c.part3(1, s(c.round2()));
    assertThat(part3.exit()).isEqualTo(2);
    assertThat(part3.err()).contains(s(c.key(1)), "already exists (pass --force");
    assertThat(Files.readAllBytes(c.key(1))).isEqualTo(key);
    // With --force a key package replaces a key package (same group, same epoch).
    assertThat(c.part3(1, s(c.round2()), "--force").exit()).isZero();
    // The public key package as the key output: another kind, refused with --force.
    Run kind =
        c.secretFails(
            2,
            "dkg",
            "part3",
            "--secret",
            s(c.secret2(2)),
            "--round1",
            s(c.round1()),
            "--round2",
            s(c.round2()),
            "--roster",
            s(c.roster()),
            "--identity",
            s(c.identity(2)),
            "--key-out",
            s(c.pub(1)),
            "--public-out",
            s(dir.resolve("p2.json")),
            "--force");
    assertThat(kind.err()).contains(s(c.pub(1)), "holds frostgate/public-key-package");
  }

  @Test
  void refreshNeverWritesOverTheKeyItRefreshes(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    Path at = dir.resolve("refresh");
    for (int i = 1; i <= 3; i++) {
      assertThat(c.refreshPart1(i, c.keys(), c.pubs(), "1,2,3", at).exit()).isZero();
    }
    byte[] key = Files.readAllBytes(c.key(1));
    Run r =
        c.secretFails(
            2,
            "refresh",
            "part2",
            "--secret",
            s(c.p(1).resolve("refresh-secret.json")),
            "--key",
            s(c.key(1)),
            "--public",
            s(c.pub(1)),
            "--commitments",
            s(at.resolve("commitments")),
            "--shares",
            s(at.resolve("shares")),
            "--roster",
            s(c.roster()),
            "--identity",
            s(c.identity(1)),
            "--key-out",
            s(c.key(1)),
            "--public-out",
            s(dir.resolve("new-pub.json")),
            "--force");
    assertThat(r.err()).contains(s(c.key(1)), "is also an input", "also with --force");
    assertThat(Files.readAllBytes(c.key(1))).isEqualTo(key);
    // Its refresh files were all checked first: the refresh can still complete.
    assertThat(c.refreshPart2(1, c.keys(), c.pubs(), at, "new").exit()).isZero();
    assertThat(r.out()).doesNotContain("destroy");
  }

  @Test
  void identityKeysAreNeverReplaced(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).identities();
    byte[] id = Files.readAllBytes(c.identity(1));
    for (List<String> extra : List.of(List.<String>of(), List.of("--force"))) {
      Run r =
          c.run(
              SecretsAtRestCliTest.with(
                  c.withSecrets(
                      "identity",
                      "new",
                      "--id",
                      "1",
                      "--out",
                      s(c.identity(1)),
                      "--public-out",
                      s(dir.resolve("again.json"))),
                  extra.toArray(String[]::new)));
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).containsAnyOf("already exists", "unknown option '--force'");
    }
    assertThat(Files.readAllBytes(c.identity(1))).isEqualTo(id);
  }
}
