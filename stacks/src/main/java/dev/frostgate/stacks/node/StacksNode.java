package dev.frostgate.stacks.node;

import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.tx.ContractCall;
import dev.frostgate.stacks.tx.SignedTransaction;
import java.util.List;
import java.util.Optional;

/**
 * What Frostgate asks of a Stacks node (its /v2 RPC): the port the engine uses; the HTTP adapter
 * lives in the node module. Every method throws {@link StacksNodeException} when the node cannot be
 * reached or answers something malformed.
 */
public interface StacksNode {

  NodeInfo info();

  /** The account's balance and next nonce. */
  AccountInfo account(StacksAddress address);

  /**
   * Runs a read-only function; the result is the function's return value.
   *
   * @throws StacksNodeException with kind {@code CALL_FAILED} when the node reports the call failed
   */
  ClarityValue callReadOnly(
      String contractId, String function, StacksAddress sender, List<ClarityValue> arguments);

  /** A data-map entry, empty when the key is absent. */
  Optional<ClarityValue> mapEntry(String contractId, String map, ClarityValue key);

  /** Fee levels (low, middle, high) for a contract call of about {@code estimatedLength} bytes. */
  FeeEstimate estimateFee(ContractCall payload, int estimatedLength);

  /** Submits a signed transaction: accepted with its txid, or rejected with the node's reason. */
  BroadcastResult broadcast(SignedTransaction transaction);

  /** /v2/info, the fields Frostgate reads. */
  record NodeInfo(
      long stacksTipHeight, long burnBlockHeight, long networkId, String serverVersion) {}

  record AccountInfo(java.math.BigInteger balance, long nonce) {}

  /** Total fees in micro-STX, cheapest first. */
  record FeeEstimate(List<Long> fees) {
    public FeeEstimate {
      fees = List.copyOf(fees);
      if (fees.isEmpty()) {
        throw new IllegalArgumentException("a fee estimate has at least one level");
      }
    }

    public long middle() {
      return fees.get(fees.size() / 2);
    }
  }

  /** The node's answer to a broadcast. */
  sealed interface BroadcastResult {
    record Accepted(String txid) implements BroadcastResult {}

    /**
     * Rejected: the node's reason ("BadNonce", "FeeTooLow", "SignatureValidation", ...) and its
     * reason data as JSON text.
     */
    record Rejected(String reason, String reasonData, String txid) implements BroadcastResult {}
  }
}
