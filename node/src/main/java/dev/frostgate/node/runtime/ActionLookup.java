package dev.frostgate.node.runtime;

import dev.frostgate.node.api.ActionStatus;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcFailure;
import fr.acinq.bitcoin.TxId;
import java.util.Optional;

/**
 * The per-request status route's answers: the request's state from the {@link RequestIndex} and,
 * once signed, its transaction's confirmations read from this validator's node (one RPC, only for a
 * signed request). Called on API threads.
 */
final class ActionLookup implements ActionStatus.Lookup {
  private final RequestIndex index;
  private final BitcoinRpcClient rpc;

  ActionLookup(RequestIndex index, BitcoinRpcClient rpc) {
    this.index = index;
    this.rpc = rpc;
  }

  @Override
  public Optional<ActionStatus> find(String requestId) {
    return index.find(requestId).map(this::toStatus);
  }

  private ActionStatus toStatus(RequestIndex.Entry e) {
    ActionStatus.State state =
        switch (e.state()) {
          case OPEN -> ActionStatus.State.OPEN;
          case SIGNED -> ActionStatus.State.SIGNED;
          case FAILED -> ActionStatus.State.FAILED;
        };
    Optional<Integer> confirmations = e.txid().map(this::confirmations);
    return new ActionStatus(e.id().value(), e.sessionId(), state, e.txid(), confirmations);
  }

  private int confirmations(String txid) {
    try {
      return RpcChainFacts.confirmationsOf(rpc, new TxId(txid));
    } catch (RpcFailure f) {
      throw new ActionStatus.Unavailable(
          "confirmations of "
              + txid
              + ": the Bitcoin node did not answer ("
              + f.getMessage()
              + ")");
    }
  }
}
