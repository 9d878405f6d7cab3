package dev.frostgate.node.storage;

import static dev.frostgate.testkit.node.ShareFixtures.CAP;
import static dev.frostgate.testkit.node.ShareFixtures.ME;
import static dev.frostgate.testkit.node.ShareFixtures.coin;
import static dev.frostgate.testkit.node.ShareFixtures.commitments;
import static dev.frostgate.testkit.node.ShareFixtures.freshShare;
import static dev.frostgate.testkit.node.ShareFixtures.kind;
import static dev.frostgate.testkit.node.ShareFixtures.packages;
import static dev.frostgate.testkit.node.ShareFixtures.share;
import static dev.frostgate.testkit.node.ShareFixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.Journal.Refusal.Kind;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal binds the whole signing package: a commitment is recorded once, with the digest of
 * the package it answers, and every later record of it is refused (typed, nothing written), whether
 * for another co-signer set, the identical package, or after a restart.
 */
class SigningJournalTest {
  @TempDir Path dir;

  private static final Identifier TWO = Identifier.of(2);
  private static final Identifier THREE = Identifier.of(3);

  private final UnsignedSpend u = spend(List.of(coin("sj1", 50_000, 1)), 1, 30_000, 2);

  private static byte[] encoded(SigningCommitments c) {
    return FrostCodec.encode(c);
  }

  @Test
  void recordsTheCommitmentWithItsPackageDigest() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      Journal.PendingShare s = freshShare("r", 1, u);
      byte[] com = encoded(s.row().commitments().get(0));
      assertThat(db.journal().wasCommitmentIssued(com))
          .isInstanceOf(CommitmentStatus.NotIssued.class);
      assertThat(kind(j.recordShares(List.of(s)))).isEmpty();
      assertThat(db.journal().wasCommitmentIssued(com))
          .isInstanceOfSatisfying(
              CommitmentStatus.Issued.class,
              i -> {
                assertThat(i.entry().boot()).isEqualTo(db.boot());
                assertThat(i.entry().packageDigest())
                    .contains(Bytes.of(s.row().packageDigest().bytes()));
              });
      assertThat(j.shareRows())
          .singleElement()
          .satisfies(r -> assertThat(r.packageDigest()).isEqualTo(s.row().packageDigest()));
    }
  }

  /**
   * The attack: the same commitment, session and messages, another co-signer set. The group
   * commitment R and the challenge differ, so a second share would reveal the signing share.
   */
  @Test
  void refusesTheCommitmentForAnotherCoSignerSet() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      List<SigningCommitments> mine = commitments(ME, 1);
      List<SigningPackage> withTwo = packages(u, mine, Map.of(TWO, commitments(TWO, 1)));
      List<SigningPackage> withThree = packages(u, mine, Map.of(THREE, commitments(THREE, 1)));
      assertThat(kind(j.recordShares(List.of(share("r", 1, u, withTwo))))).isEmpty();
      List<Optional<Journal.Refusal>> second = j.recordShares(List.of(share("r", 1, u, withThree)));
      assertThat(second.get(0))
          .hasValueSatisfying(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.COMMITMENT_USED);
                assertThat(r.detail()).contains("another signing package");
              });
      assertThat(db.journal().all()).hasSize(1);
    }
  }

  /** Other commitments of the same co-signers are another package too. */
  @Test
  void refusesTheCommitmentWithAnotherCoSignerCommitment() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      List<SigningCommitments> mine = commitments(ME, 1);
      var first = share("r", 1, u, packages(u, mine, Map.of(TWO, commitments(TWO, 1))));
      var second = share("r", 1, u, packages(u, mine, Map.of(TWO, commitments(TWO, 1))));
      assertThat(kind(j.recordShares(List.of(first)))).isEmpty();
      assertThat(kind(j.recordShares(List.of(second)))).contains(Kind.COMMITMENT_USED);
    }
  }

  /**
   * The identical package is refused as well: a share is made once per commitment (the engine
   * answers a duplicate request from memory with the same bytes and never asks again).
   */
  @Test
  void refusesTheIdenticalPackageAgain() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      Journal.PendingShare s = freshShare("r", 1, u);
      assertThat(kind(j.recordShares(List.of(s)))).isEmpty();
      assertThat(j.recordShares(List.of(s)).get(0))
          .hasValueSatisfying(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.COMMITMENT_USED);
                assertThat(r.detail()).contains("this signing package");
              });
      assertThat(db.journal().all()).hasSize(1);
    }
  }

  /** In one group commit: the second share naming the commitment is refused, the first kept. */
  @Test
  void refusesTheSecondUseInsideOneGroupCommit() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      List<SigningCommitments> mine = commitments(ME, 1);
      var a = share("r", 1, u, packages(u, mine, Map.of(TWO, commitments(TWO, 1))));
      var b = share("r", 2, u, packages(u, mine, Map.of(THREE, commitments(THREE, 1))));
      var c = freshShare("r", 3, u);
      var outcome = j.recordShares(List.of(a, b, c));
      assertThat(outcome.get(0)).isEmpty();
      assertThat(outcome.get(1).map(Journal.Refusal::kind)).contains(Kind.COMMITMENT_USED);
      assertThat(outcome.get(2)).isEmpty();
      assertThat(j.shareRows())
          .extracting(Journal.ShareRow::session)
          .containsExactlyInAnyOrder(1L, 3L);
    }
  }

  @Test
  void restartVoidsEarlierCommitments() {
    Path file = dir.resolve("state.db");
    Journal.PendingShare s = freshShare("r", 1, u);
    StateDatabase db = StateDatabase.open(file);
    new SqliteJournal(db, CAP).recordShares(List.of(s));
    // Crash: no shutdown step of any kind, just the connection gone.
    db.close();

    try (StateDatabase again = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(again, CAP);
      assertThat(again.journal().wasCommitmentIssued(encoded(s.row().commitments().get(0))))
          .isInstanceOf(CommitmentStatus.Voided.class);
      assertThat(j.recordShares(List.of(s)).get(0))
          .hasValueSatisfying(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.COMMITMENT_VOID);
                assertThat(r.detail()).contains("before a restart");
              });
      // A fresh commitment for the same transaction is fine (its lock is the request's own).
      assertThat(kind(j.recordShares(List.of(freshShare("r", 2, u))))).isEmpty();
      assertThat(again.journal().all()).hasSize(2);
    }
  }

  @Test
  void checksRows() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      Journal.PendingShare s = freshShare("r", 1, u);
      UnsignedSpend other = spend(List.of(coin("sj2", 50_000, 2)), 2, 30_000, 2);
      assertThatThrownBy(() -> j.recordShares(List.of(new Journal.PendingShare(s.row(), other))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another transaction");
      assertThatThrownBy(
              () ->
                  new Journal.ShareRow(
                      s.row().request(),
                      0,
                      1,
                      u.txid(),
                      u.sigHashes().stream().map(Hash32::of).toList(),
                      List.of(),
                      Hash32.of(new byte[31])))
          .hasMessageContaining("32 bytes");
      assertThat(db.journal().all()).isEmpty();
    }
  }

  /** The row survives a process killed right after recordShares returned. */
  @Test
  void rowSurvivesKilledProcess() throws Exception {
    Path file = dir.resolve("state.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED",
                JournalCrashChild.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isEqualTo(JournalCrashChild.HALT_STATUS);
    String hex =
        out.lines()
            .filter(l -> l.startsWith(JournalCrashChild.PREFIX))
            .findFirst()
            .orElseThrow()
            .substring(JournalCrashChild.PREFIX.length());
    assertThat(new File(file + "-wal")).exists(); // never checkpointed: no clean close
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.journal().wasCommitmentIssued(HexFormat.of().parseHex(hex)))
          .isInstanceOf(CommitmentStatus.Voided.class);
      assertThat(db.spendLocks().all()).hasSize(1);
    }
  }
}
