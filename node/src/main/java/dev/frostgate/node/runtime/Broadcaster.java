package dev.frostgate.node.runtime;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcException;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands signed transactions to Bitcoin ({@code sendrawtransaction}), idempotently: every validator
 * of the group broadcasts the same transaction, so "already in the mempool" or "already in the
 * chain" is success. A transaction the node could not take (unreachable, rejected) is retried on
 * later ticks. Event loop thread only.
 */
final class Broadcaster {
  private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);
  private static final long RETRY_MS = 5_000;

  private final BitcoinRpcClient rpc;
  private final Map<TxId, byte[]> pending = new LinkedHashMap<>();
  private long lastTry = Long.MIN_VALUE / 2;

  Broadcaster(BitcoinRpcClient rpc) {
    this.rpc = rpc;
  }

  /** Broadcasts now; keeps it for a retry if the node did not take it. */
  void broadcast(TxId txid, byte[] signedTx) {
    if (!send(txid, signedTx)) {
      pending.put(txid, signedTx);
    }
  }

  /** Retries what is pending, at most every few seconds. */
  void retry(long nowMs) {
    if (pending.isEmpty() || nowMs - lastTry < RETRY_MS) {
      return;
    }
    lastTry = nowMs;
    pending.entrySet().removeIf(e -> send(e.getKey(), e.getValue()));
  }

  private boolean send(TxId txid, byte[] signedTx) {
    try {
      rpc.sendRawTransaction(Transaction.read(signedTx), Optional.empty());
      log.info("broadcast transaction {}", txid);
      return true;
    } catch (RpcException e) {
      if (alreadyKnown(e)) {
        log.info("transaction {} already known to the node", txid);
        return true;
      }
      log.warn("the node refused transaction {}: {}", txid, e.getMessage());
      return false;
    } catch (RuntimeException e) {
      log.warn("cannot broadcast transaction {}: {}", txid, e.getMessage());
      return false;
    }
  }

  /** Core's answers for a transaction it already has (Core 28+ and earlier wordings). */
  static boolean alreadyKnown(RpcException e) {
    String m = e.coreMessage();
    return e.is(RpcErrorCode.RPC_VERIFY_ALREADY_IN_CHAIN)
        || m.contains("txn-already-in-mempool")
        || m.contains("txn-already-known")
        || m.contains("already in block chain");
  }
}
