package dev.frostgate.sim.signing;

import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The miner of a lifecycle run: its mempool holds what honest validators reported signed, and it
 * mines one block per call. A request's first transaction pays too little to be mined (it stays
 * unconfirmed until the validators bump it); its first fee bump is mined in the next block. The
 * last request of a run of two or more is instead spent by a conflicting transaction (a thief) as
 * soon as it is signed, so its locks are released for a buried conflict.
 */
final class Miner {
  private final SigningRequests requests;
  private final RequestId victim;

  /** Per request: a bump's transaction and its inputs, once reported signed. */
  private final Map<RequestId, EngineEvent.RequestSigned> bumps = new TreeMap<>();

  private final Set<RequestId> signed = new TreeSet<>();
  private final Set<RequestId> mined = new TreeSet<>();

  Miner(SigningRequests requests) {
    this.requests = requests;
    List<RequestId> good = List.copyOf(requests.good());
    this.victim = good.size() >= 2 ? good.get(good.size() - 1) : null;
  }

  /** An honest validator reported {@code s} signed (and broadcast it). */
  void signed(EngineEvent.RequestSigned s) {
    signed.add(s.request());
    if (!requests.canonical(s.request()).txid().equals(s.txid())) {
      bumps.putIfAbsent(s.request(), s);
    }
  }

  /** One block: the conflicting spend of the victim, the bumps in the mempool, or nothing. */
  void mine() {
    if (victim != null && signed.contains(victim) && mined.add(victim)) {
      OutPoint coin = requests.byId(victim).recipe().inputs().get(0).outpoint();
      requests.chain().mine(new TxId("ee".repeat(31) + "00"), List.of(coin));
      return;
    }
    for (var e : bumps.entrySet()) {
      if (!e.getKey().equals(victim) && mined.add(e.getKey())) {
        requests.chain().mine(e.getValue().txid(), e.getValue().inputs());
        return;
      }
    }
    requests.chain().advance(1);
  }
}
