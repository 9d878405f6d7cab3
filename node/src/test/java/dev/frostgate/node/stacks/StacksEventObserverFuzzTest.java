package dev.frostgate.node.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.stacks.node.ContractEvent;
import java.io.IOException;
import java.util.List;

/**
 * Coverage-guided fuzzing of what the Stacks event observer does with a {@code /new_block} body
 * that anyone able to reach its port may post: {@link StacksEventObserver#parseBlock} keeps the
 * loan contract's print events or refuses the block with an IllegalArgumentException (the handler's
 * 400), and JSON that does not parse is an IOException; nothing else may escape the handler. Seeds:
 * a block with events of the contract, of another contract and of another type.
 */
class StacksEventObserverFuzzTest {
  static final String CONTRACT = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.loan-protocol-v2";
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest
  void newBlock(byte[] body) {
    try {
      List<ContractEvent> events = StacksEventObserver.parseBlock(JSON.readTree(body), CONTRACT);
      assertThat(events).allMatch(e -> e.contractId().equals(CONTRACT));
    } catch (IOException | IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }
}
