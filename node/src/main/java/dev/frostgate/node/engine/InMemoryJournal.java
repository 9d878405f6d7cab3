package dev.frostgate.node.engine;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.SigningCommitments;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxIn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A journal in memory. It outlives the validator object it serves, so the simulation can "crash" a
 * validator (drop every in-memory structure) and restart it on the same journal, as a real node
 * restarts on the same SQLite file.
 */
public class InMemoryJournal implements Journal {
  private final Map<OutPoint, SpendLock> locks = new LinkedHashMap<>();
  private final List<ShareRow> rows = new ArrayList<>();
  private final Set<SigningCommitments> used = new HashSet<>();
  private final Map<RequestId, List<byte[]>> signed = new LinkedHashMap<>();

  @Override
  public synchronized Optional<SpendLock> lock(OutPoint outpoint) {
    return Optional.ofNullable(locks.get(outpoint));
  }

  /** The conflict rule only (no fee-bump rule: a second transaction of a request is allowed). */
  @Override
  public synchronized void checkSpend(UnsignedSpend spend, RequestId request) {
    for (TxIn in : spend.tx().txIn) {
      SpendLock l = locks.get(in.outPoint);
      if (l != null && !l.request().equals(request)) {
        throw new IllegalStateException(in.outPoint + " is locked by request " + l.request());
      }
    }
  }

  @Override
  public synchronized void recordShare(ShareRow row, UnsignedSpend spend) {
    checkSpend(spend, row.request());
    beforeWrite();
    for (TxIn in : spend.tx().txIn) {
      locks.put(in.outPoint, new SpendLock(in.outPoint, row.request(), spend.txid()));
    }
    rows.add(row);
    used.addAll(row.commitments());
    afterWrite();
  }

  @Override
  public synchronized boolean commitmentUsed(SigningCommitments commitment) {
    return used.contains(commitment);
  }

  @Override
  public synchronized void recordSigned(RequestId request, String txid, List<byte[]> signatures) {
    beforeWrite();
    signed.put(request, List.copyOf(signatures));
    afterWrite();
  }

  @Override
  public synchronized Optional<List<byte[]>> signatures(RequestId request) {
    return Optional.ofNullable(signed.get(request));
  }

  @Override
  public synchronized List<ShareRow> shareRows() {
    return List.copyOf(rows);
  }

  /** Hook before a durable write (the simulation may crash the node here: nothing written). */
  protected void beforeWrite() {}

  /** Hook after a durable write (the simulation may crash here: written, not yet sent). */
  protected void afterWrite() {}
}
