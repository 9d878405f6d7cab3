package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.engine.request.RequestId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The per-request index: states, expiry order, and what the status snapshot reads from it. */
class RequestIndexTest {
  private static final String TX = "ab".repeat(32);

  @Test
  void aStoredRequestIsOpenWithItsHashAsSessionId() {
    RequestIndex index = new RequestIndex();
    RequestId id = new RequestId("r1");
    index.opened(id, 1_000);
    RequestIndex.Entry e = index.find("r1").orElseThrow();
    assertThat(e.state()).isEqualTo(RequestIndex.State.OPEN);
    assertThat(e.sessionId()).isEqualTo(HexFormat.of().formatHex(id.hash()));
    assertThat(e.txid()).isEmpty();
    assertThat(index.find("r2")).isEmpty();
  }

  @Test
  void expiresOnlyOpenRequestsPastTheirExpiryEachOnce() {
    RequestIndex index = new RequestIndex();
    index.opened(new RequestId("late"), 3_000);
    index.opened(new RequestId("early"), 1_000);
    index.opened(new RequestId("signed"), 500);
    index.signed(new RequestId("signed"), TX);

    assertThat(index.expire(1_000)).isEmpty(); // due strictly after its expiry
    assertThat(index.expire(1_001)).containsExactly(new RequestId("early"));
    assertThat(index.expire(2_000)).isEmpty(); // counted once
    assertThat(index.expire(10_000)).containsExactly(new RequestId("late"));
    assertThat(index.find("early").orElseThrow().state()).isEqualTo(RequestIndex.State.FAILED);
    assertThat(index.find("signed").orElseThrow().state()).isEqualTo(RequestIndex.State.SIGNED);
  }

  @Test
  void aSecondAddKeepsTheFirstAndASignatureAfterExpiryWins() {
    RequestIndex index = new RequestIndex();
    RequestId id = new RequestId("r");
    index.opened(id, 1_000);
    index.opened(id, 9_000); // the first one stands
    assertThat(index.expire(2_000)).containsExactly(id);
    index.signed(id, TX);
    assertThat(index.find("r").orElseThrow().txid()).contains(TX);
    assertThat(index.signed()).containsExactly(Map.entry("r", TX));
    assertThat(index.unsigned()).isEmpty();
  }

  @Test
  void theSnapshotListsUnsignedAndSignedInIdOrder() {
    RequestIndex index = new RequestIndex();
    for (String s : List.of("c", "a", "b", "d")) {
      index.opened(new RequestId(s), 1_000);
    }
    index.signed(new RequestId("b"), TX);
    index.expire(5_000);
    assertThat(index.unsigned()).containsExactly("a", "c", "d");
    assertThat(index.signed()).containsOnlyKeys("b");
  }

  /** Whatever the expiries, expire(now) fails exactly the open requests with expiry before now. */
  @Property(tries = 200)
  void expiryMatchesAFullScan(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 100) Integer> expiries,
      @ForAll @IntRange(min = 0, max = 110) int now) {
    RequestIndex index = new RequestIndex();
    for (int k = 0; k < expiries.size(); k++) {
      index.opened(new RequestId("r" + k), expiries.get(k));
    }
    List<RequestId> failed = index.expire(now);
    for (int k = 0; k < expiries.size(); k++) {
      RequestId id = new RequestId("r" + k);
      assertThat(failed.contains(id)).isEqualTo(expiries.get(k) < now);
    }
  }
}
