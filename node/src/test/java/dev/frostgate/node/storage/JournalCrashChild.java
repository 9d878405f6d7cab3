package dev.frostgate.node.storage;

import java.nio.file.Path;

/** Run in a child JVM: records one journal row, then dies without any cleanup. */
public final class JournalCrashChild {
  static final int HALT_STATUS = 77;

  public static void main(String[] args) {
    StateDatabase db = StateDatabase.open(Path.of(args[0]));
    db.journal()
        .recordBeforeShare(
            SigningJournalTest.SESSION, SigningJournalTest.MESSAGES, SigningJournalTest.COMMITMENT);
    Runtime.getRuntime().halt(HALT_STATUS);
  }
}
