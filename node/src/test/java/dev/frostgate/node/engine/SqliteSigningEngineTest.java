package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.node.storage.SessionVoidedException;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link SigningEngineTest} again, with each validator's journal a {@link SqliteJournal} on
 * its own SQLite file; a restart closes and reopens the file (which voids earlier commitments).
 */
class SqliteSigningEngineTest extends SigningEngineTest {
  @TempDir Path dir;
  private final List<StateDatabase> open = new ArrayList<>();

  @Override
  EngineFixture fixture(int n, int t) {
    Path sub = dir.resolve("fixture" + fixtures++);
    return new EngineFixture(n, t, (id, previous) -> openJournal(sub, id, previous));
  }

  private int fixtures;

  private Journal openJournal(Path sub, Identifier id, java.util.Optional<Journal> previous) {
    previous.ifPresent(j -> ((SqliteJournal) j).database().close());
    StateDatabase db = StateDatabase.open(sub.resolve("v" + id.smallValue() + ".db"));
    open.add(db);
    return new SqliteJournal(db, 50_000);
  }

  @AfterEach
  void closeAll() {
    open.forEach(StateDatabase::close);
  }

  @Test
  void journalRowsSurviveARestartButAreVoidAndRefused() {
    EngineFixture f = fixture(5, 3);
    SpendRequest r = f.request("sv", List.of(f.coin("sv1", 50_000, 1, 3)), 30_000, 1);
    f.runUntil(200);
    assertThat(f.signedBySomeone(r.id())).isTrue();
    Identifier signer =
        f.events(EngineEvent.ShareSent.class).stream()
            .map(s -> f.eventSource.get(f.events.indexOf(s)))
            .findFirst()
            .orElseThrow();
    List<Journal.ShareRow> before = f.journals.get(signer).shareRows();
    assertThat(before).isNotEmpty();
    assertThat(before.get(0).request()).isEqualTo(r.id());
    UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
    assertThat(before.get(0).txid()).isEqualTo(u.txid());

    f.crash(signer);
    f.restart(signer);
    Journal after = f.journals.get(signer);
    // Still durable and still known as used: never signed with again.
    assertThat(after.shareRows()).hasSameSizeAs(before);
    assertThat(after.commitmentUsed(before.get(0).commitments().get(0))).isTrue();
    assertThat(after.isSigned(r.id())).isTrue();
    // Recording it again (as if its nonces still existed) is refused: void after the restart.
    assertThatThrownBy(() -> after.recordShare(before.get(0), u))
        .isInstanceOf(SessionVoidedException.class);
    // The spend lock survived too.
    assertThat(after.lock(r.recipe().inputs().get(0).outpoint()))
        .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(r.id()));
  }

  @Test
  void aGroupCommitRecordsEveryAllowedShareAndNothingOfARefusedOne() {
    EngineFixture f = fixture(5, 3);
    var coin1 = f.coin("gc1", 50_000, 1, 3);
    var coin2 = f.coin("gc2", 60_000, 2, 3);
    SpendRequest a = f.request("gc-a", List.of(coin1), 30_000, 1);
    SpendRequest b = f.request("gc-b", List.of(coin1), 20_000, 2);
    SpendRequest c = f.request("gc-c", List.of(coin2), 25_000, 3);
    Identifier me = Identifier.of(2);
    java.util.function.Function<SpendRequest, Journal.PendingShare> share =
        r -> {
          UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
          var commitments =
              dev.frostgate.crypto.frost.BatchSigning.commit(
                      f.group.rawKeys().get(me), 1, new java.security.SecureRandom())
                  .stream()
                  .map(dev.frostgate.crypto.frost.SigningNonces::commitments)
                  .toList();
          return new Journal.PendingShare(
              new Journal.ShareRow(r.id(), 0, 1, u.txid(), u.sigHashes(), commitments), u);
        };
    Journal j = f.journals.get(me);
    List<Journal.PendingShare> batch = List.of(share.apply(a), share.apply(b), share.apply(c));
    var outcome = j.recordShares(batch);
    // b spends a's coin for another request: refused inside the one transaction, a and c kept.
    assertThat(outcome.get(0)).isEmpty();
    assertThat(outcome.get(1)).hasValueSatisfying(m -> assertThat(m).contains("CONFLICT"));
    assertThat(outcome.get(2)).isEmpty();
    f.crash(me);
    f.restart(me);
    Journal after = f.journals.get(me);
    assertThat(after.shareRows())
        .extracting(Journal.ShareRow::request)
        .containsExactlyInAnyOrder(a.id(), c.id());
    assertThat(after.commitmentUsed(batch.get(1).row().commitments().get(0))).isFalse();
    assertThat(after.lock(coin1.outpoint()))
        .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(a.id()));
    assertThat(after.lock(coin2.outpoint()))
        .hasValueSatisfying(l -> assertThat(l.request()).isEqualTo(c.id()));
  }

  @Test
  void aConflictingSpendOfAnotherRequestIsRefusedByTheSqliteLocks() {
    EngineFixture f = fixture(5, 3);
    var coin = f.coin("cf1", 50_000, 1, 3);
    SpendRequest a = f.request("cf-a", List.of(coin), 30_000, 1);
    f.runUntil(200);
    assertThat(f.signedBySomeone(a.id())).isTrue();
    SpendRequest b = f.request("cf-b", List.of(coin), 20_000, 2);
    Journal j = f.journals.get(Identifier.of(1));
    UnsignedSpend ub = SpendBuilder.build(b.recipe(), f.group.group().xpub());
    assertThatThrownBy(() -> j.checkSpend(ub, b.id())).isInstanceOf(IllegalStateException.class);
  }
}
