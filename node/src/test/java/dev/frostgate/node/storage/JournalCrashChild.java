package dev.frostgate.node.storage;

import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.engine.Journal;
import dev.frostgate.testkit.node.ShareFixtures;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Run in a child JVM: records one share through the production path ({@link
 * SqliteJournal#recordShares}), prints its commitment, then dies without any cleanup.
 */
public final class JournalCrashChild {
  static final int HALT_STATUS = 77;
  static final String PREFIX = "commitment ";

  public static void main(String[] args) {
    StateDatabase db = StateDatabase.open(Path.of(args[0]));
    var u = ShareFixtures.spend(List.of(ShareFixtures.coin("crash", 50_000, 1)), 1, 30_000, 2);
    Journal.PendingShare share = ShareFixtures.freshShare("crash", 1, u);
    if (!new SqliteJournal(db, ShareFixtures.CAP).recordShares(List.of(share)).get(0).isEmpty()) {
      System.exit(1);
    }
    System.out.println(
        PREFIX + HexFormat.of().formatHex(FrostCodec.encode(share.row().commitments().get(0))));
    System.out.flush();
    Runtime.getRuntime().halt(HALT_STATUS);
  }
}
