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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sanity checks that stop a mistake where it is made, and messages that blame the right file in the
 * operator's terms.
 */
class OperatorMessagesCliTest {
  static final String MSG = CeremonyCliTest.MSG;

  @Test
  void thresholdOneNeedsToBeAskedFor(@TempDir Path dir) {
    Ceremony c = Ceremony.create(dir, 3, 1, Protection.PLAINTEXT);
    String[] part1 = {
      "dkg",
      "part1",
      "--id",
      "1",
      "--participants",
      "3",
      "--threshold",
      "1",
      "--secret-out",
      s(dir.resolve("s.json")),
      "--package-out",
      s(dir.resolve("p.json"))
    };
    Run r = c.secretFails(2, part1);
    assertThat(r.err())
        .contains("--threshold 1", "every participant alone", "--allow-threshold-one");
    c.secretOk(SecretsAtRestCliTest.with(part1, "--allow-threshold-one"));
  }

  @Test
  void aKeyClaimingAnIdentifierOutsideTheGroupIsRefused(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PLAINTEXT).dkg();
    ObjectNode k = read(c.key(1));
    k.put("identifier", 7);
    Path seven = dir.resolve("key-7.json");
    write(seven, k);
    Run r = c.secretFails(2, SecretsAtRestCliTest.commit(c, seven, "7"));
    assertThat(r.err())
        .contains(s(seven), "field identifier", "participant 7 is not a member", "(1..3)");
  }

  @Test
  void aPackageWithTooFewSignersOrAnotherGroupsCommitmentIsRefusedAtOnce(@TempDir Path dir)
      throws IOException {
    Ceremony a = Ceremony.create(dir.resolve("a"), 3, 2, Protection.PLAINTEXT).dkg();
    Ceremony b = Ceremony.create(dir.resolve("b"), 3, 2, Protection.PLAINTEXT).dkg();
    Path cs = dir.resolve("commitments");
    a.secretOk(commit(a.key(1), cs.resolve("c1.json"), dir.resolve("n1.json")));
    Run one =
        a.fails(
            2,
            "sign",
            "package",
            "--public",
            s(a.pub(1)),
            "--commitments",
            s(cs),
            "--message",
            MSG,
            "--out",
            s(dir.resolve("pkg.json")));
    assertThat(one.err()).contains("1 signer(s) [1]", "needs 2 (a 2-of-3 group)");

    // c1 of group b among c2, c3 of group a: the odd one is named, not the good ones.
    Files.delete(cs.resolve("c1.json"));
    b.secretOk(commit(b.key(1), cs.resolve("c1.json"), dir.resolve("nb1.json")));
    a.secretOk(commit(a.key(2), cs.resolve("c2.json"), dir.resolve("n2.json")));
    a.secretOk(commit(a.key(3), cs.resolve("c3.json"), dir.resolve("n3.json")));
    Run odd =
        a.fails(
            2,
            "sign",
            "package",
            "--public",
            s(a.pub(1)),
            "--commitments",
            s(cs),
            "--message",
            MSG,
            "--out",
            s(dir.resolve("pkg.json")));
    assertThat(odd.err())
        .contains(s(cs.resolve("c1.json")) + ": field group_key: belongs to another group")
        .doesNotContain("c2.json");
  }

  static String[] commit(Path key, Path commitment, Path nonces) {
    return new String[] {
      "sign",
      "commit",
      "--key",
      s(key),
      "--nonces-out",
      s(nonces),
      "--commitment-out",
      s(commitment)
    };
  }

  @Test
  void filesFromBeforeARefreshAreNamedAsSuch(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    // A signing session prepared with the old keys, and a refresh.
    Path old = dir.resolve("old-session");
    c.secretOk(commit(c.key(1), old.resolve("c").resolve("1.json"), old.resolve("n1.json")));
    c.secretOk(commit(c.key(2), old.resolve("c").resolve("2.json"), old.resolve("n2.json")));
    c.ok(
        "sign",
        "package",
        "--public",
        s(c.pub(1)),
        "--commitments",
        s(old.resolve("c")),
        "--message",
        MSG,
        "--out",
        s(old.resolve("pkg.json")));
    Ceremony.Refreshed r = c.refresh(List.of(1, 2, 3), c.keys(), c.pubs(), "r1");
    Path newPub = r.pubs().get(1);

    // An old commitment in a package for the refreshed group.
    Run pkg =
        c.fails(
            2,
            "sign",
            "package",
            "--public",
            s(newPub),
            "--commitments",
            s(old.resolve("c")),
            "--message",
            MSG,
            "--out",
            s(dir.resolve("p.json")));
    assertThat(pkg.err()).contains("1.json", "from before refresh 1");

    // An old key with a package of the refreshed group.
    Path fresh = dir.resolve("new-session");
    c.secretOk(
        commit(r.keys().get(1), fresh.resolve("c").resolve("1.json"), fresh.resolve("n1.json")));
    c.secretOk(
        commit(r.keys().get(2), fresh.resolve("c").resolve("2.json"), fresh.resolve("n2.json")));
    c.ok(
        "sign",
        "package",
        "--public",
        s(newPub),
        "--commitments",
        s(fresh.resolve("c")),
        "--message",
        MSG,
        "--out",
        s(fresh.resolve("pkg.json")));
    Run share =
        c.secretFails(
            2,
            "sign",
            "share",
            "--raw-message",
            "--yes",
            "--key",
            s(c.key(1)),
            "--nonces",
            s(fresh.resolve("n1.json")),
            "--package",
            s(fresh.resolve("pkg.json")),
            "--out",
            s(dir.resolve("s.json")));
    assertThat(share.err())
        .contains(s(c.key(1)), "key package from before refresh 1")
        .doesNotContain("corrupted")
        .doesNotContain("invalid signature share");

    // Shares made with the old keys, aggregated against the refreshed group.
    for (int i : List.of(1, 2)) {
      c.secretOk(
          "sign",
          "share",
          "--raw-message",
          "--yes",
          "--key",
          s(c.key(i)),
          "--nonces",
          s(old.resolve("n" + i + ".json")),
          "--package",
          s(old.resolve("pkg.json")),
          "--out",
          s(old.resolve("shares").resolve(i + ".json")));
    }
    Run agg =
        c.fails(
            2,
            "sign",
            "aggregate",
            "--public",
            s(newPub),
            "--package",
            s(old.resolve("pkg.json")),
            "--shares",
            s(old.resolve("shares")),
            "--out",
            s(dir.resolve("sig.json")));
    assertThat(agg.err()).contains("from before refresh 1").doesNotContain("exclude them");

    // Refresh part 1 with fewer participants than the threshold.
    Run few = c.refreshPart1(1, r.keys(), r.pubs(), "1", dir.resolve("refresh-few"));
    assertThat(few.exit()).isEqualTo(2);
    assertThat(few.err())
        .contains("1 participant(s) [1] given; a refresh needs at least the threshold (2)")
        .doesNotContain("between 1 and 1");

    // Repair with a stale public key package: one clear reason.
    c.repair(2, List.of(1, 3), r.keys(), newPub, "new");
    Run stale =
        c.secretFails(
            2,
            "repair",
            "part3",
            "--public",
            s(c.pub(2)),
            "--participant",
            "2",
            "--sigmas",
            s(dir.resolve("repair-new").resolve("sigmas")),
            "--roster",
            s(c.roster()),
            "--identity",
            s(c.identity(2)),
            "--key-out",
            s(dir.resolve("k2.json")));
    assertThat(stale.err())
        .contains(s(c.pub(2)), "public key package from before refresh 1")
        .doesNotContain("another refresh?");
  }

  @Test
  void commandLineMistakesAreNamedWithTheClosestCommandOrOption() {
    Cli.Run number =
        Cli.fails(
            2,
            "dkg",
            "part1",
            "--id",
            "abc",
            "--participants",
            "3",
            "--threshold",
            "2",
            "--secret-out",
            "s.json",
            "--package-out",
            "p.json",
            "--insecure-plaintext");
    assertThat(number.err()).contains("--id needs a whole number, got 'abc'");
    assertThat(number.err()).doesNotContain("is not an int").doesNotContain("Usage:");

    Cli.Run command = Cli.fails(2, "dkgg", "part1");
    assertThat(command.err())
        .contains("unknown command 'dkgg' (did you mean 'dkg'?)")
        .doesNotContain("Unmatched argument");

    Cli.Run option =
        Cli.fails(
            2,
            "dkg",
            "part1",
            "--idd",
            "1",
            "--participants",
            "3",
            "--threshold",
            "2",
            "--secret-out",
            "s.json",
            "--package-out",
            "p.json");
    assertThat(option.err())
        .contains("unknown option '--idd' (did you mean '--id'?)")
        .doesNotContain("Missing required option");

    Cli.Run sub = Cli.fails(2, "dkg", "part4");
    assertThat(sub.err()).contains("unknown command 'part4' (did you mean 'part1'?)");

    Cli.Run missing = Cli.fails(2, "dkg", "part1", "--id", "1");
    assertThat(missing.err()).contains("missing required options");
  }

  @Test
  void filesSayWhatToDoWithThemAndARefreshWarnsAboutOldBackups(@TempDir Path dir)
      throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    assertThat(read(c.key(1)).get("warning").asText())
        .contains("Long-lived")
        .doesNotContain("destroy");
    assertThat(read(c.identity(1)).get("warning").asText())
        .contains("Long-lived")
        .doesNotContain("destroy");
    assertThat(read(c.secret1(1)).get("warning").asText()).contains("Temporary", "delete it");
    assertThat(read(c.secret2(1)).get("warning").asText()).contains("Temporary");
    c.secretOk(SecretsAtRestCliTest.commit(c, c.key(1), "w"));
    assertThat(read(dir.resolve("nonces-w.json")).get("warning").asText()).contains("Single use");

    Path at = dir.resolve("refresh");
    for (int i = 1; i <= 3; i++) {
      assertThat(c.refreshPart1(i, c.keys(), c.pubs(), "1,2,3", at).exit()).isZero();
    }
    Run r = c.refreshPart2(1, c.keys(), c.pubs(), at, "r1");
    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .contains("until every participant has refreshed", "backups", "still sign", s(c.key(1)));
    assertThat(r.out()).doesNotContain("destroy");
  }
}
