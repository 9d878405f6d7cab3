package dev.frostgate.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelaxedCommitTest {
  @Test
  void aRelaxedCommitIsVisibleAfterReopenAndLeavesFullSyncOn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state.db");
    Bytes id = Bytes.of(new byte[] {1, 2, 3});
    try (StateDatabase db = StateDatabase.open(file)) {
      db.store().saveRequest(id, "spend", Bytes.of(new byte[] {9}), "signed", false);
      int sync =
          db.inTransaction(
              c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(sync).as("synchronous=FULL (2) restored after the relaxed commit").isEqualTo(2);
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.store().request(id)).isPresent();
      assertThat(db.store().request(id).orElseThrow().status()).isEqualTo("signed");
    }
  }
}
