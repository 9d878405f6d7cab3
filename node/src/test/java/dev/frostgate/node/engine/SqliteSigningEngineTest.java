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
