package dev.frostgate.node.storage;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.engine.spendlock.LockedRequest;
import dev.frostgate.engine.spendlock.SpendLock;
import dev.frostgate.engine.spendlock.SpendLockRule;
import dev.frostgate.engine.spendlock.SpendProposal;
import dev.frostgate.engine.spendlock.SpendVerdict;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's {@link Journal} port on the SQLite state ({@link StateDatabase}: WAL, {@code
 * synchronous=FULL}, so every method that writes returns only after the commit is on disk).
 *
 * <ul>
 *   <li>Spend locks go to {@code spend_locks} ({@link SpendLockTable}) through the engine's {@link
 *       SpendLockRule} (conflicting spends and fee bumps).
 *   <li>A share row becomes one {@code signing_journal} row per commitment (commitment i signs
 *       message i, each row with the digest of the whole signing package), written in the same
 *       transaction that applies the spend-lock rule, refuses any commitment recorded before (void,
 *       or for this or another package), and inserts the locks of the request's transaction: one
 *       synced commit per batch of shares (group commit).
 *   <li>Completed requests go to {@code requests} (status {@code signed}, payload the 64-byte
 *       signatures concatenated).
 * </ul>
 *
 * <p>Restart voiding is the database's: every {@link StateDatabase#open} voids the journal rows of
 * earlier boots, and a voided commitment is refused. The engine itself keeps secret nonces in
 * memory only, so after a restart it has nothing to sign an old commitment with.
 *
 * <p>Session-id encoding of a journal row (46 bytes): attempt (4) · ROAST session (8) · txid (32,
 * internal byte order of the display hex) · input index (2). Request ids are stored as their UTF-8
 * bytes.
 */
public final class SqliteJournal implements Journal {
  static final String SIGNED = "signed";
  static final String KIND = "spend";

  /**
   * Called at each write of the journal: just before its commit (inside the transaction, after its
   * writes: throwing rolls them back) and just after it (the rows are durable, nothing is signed or
   * sent yet). The deterministic simulation crashes its nodes here; production passes {@link
   * #NONE}.
   */
  public interface WritePoints {
    void beforeCommit(Write write);

    void afterCommit(Write write);
  }

  /**
   * Which write: a batch of share rows and locks (synced), a completion (relaxed commit), or a
   * spend-lock lifecycle transition (synced).
   */
  public enum Write {
    SHARES,
    SIGNED,
    TRANSITION
  }

  public static final WritePoints NONE =
      new WritePoints() {
        @Override
        public void beforeCommit(Write write) {}

        @Override
        public void afterCommit(Write write) {}
      };

  private final StateDatabase db;
  private final Satoshi feeCap;
  private final WritePoints writePoints;
  private final Map<RequestId, List<Bip340Signature>> signedCache = new ConcurrentHashMap<>();

  /**
   * @param feeCapSat the fee cap of the spend-lock rule ({@code [policy] fee_cap_sat})
   */
  public SqliteJournal(StateDatabase db, long feeCapSat) {
    this(db, feeCapSat, NONE);
  }

  /** As {@link #SqliteJournal(StateDatabase, long)}, with hooks at every write point. */
  public SqliteJournal(StateDatabase db, long feeCapSat, WritePoints writePoints) {
    this.db = Objects.requireNonNull(db, "db");
    this.writePoints = Objects.requireNonNull(writePoints, "writePoints");
    if (feeCapSat < 0) {
      throw new IllegalArgumentException("fee cap must not be negative");
    }
    this.feeCap = new Satoshi(feeCapSat);
    for (StateStore.StoredRequest r : db.store().requestsWithStatus(SIGNED)) {
      signedCache.put(requestId(r.requestId()), splitSignatures(r.payload()));
    }
  }

  public StateDatabase database() {
    return db;
  }

  // ---------------------------------------------------------------- spend locks

  @Override
  public Optional<SpendLock> lock(OutPoint outpoint) {
    List<SpendLock> locks = db.spendLocks().liveLocksOn(outpoint);
    return locks.isEmpty() ? Optional.empty() : Optional.of(locks.get(locks.size() - 1));
  }

  /** Read-only ({@link SpendLockRule#maySign} on the current locks; no write, no sync). */
  @Override
  public SpendVerdict checkSpend(UnsignedSpend spend, RequestId request) {
    SpendProposal proposal = SpendProposal.of(spend, request);
    return db.read(
        c -> SpendLockRule.maySign(SpendLockTable.relevantLocks(db, proposal), proposal, feeCap));
  }

  // ---------------------------------------------------------------- journal rows

  /**
   * Group commit: every share in one synced transaction, in order. Per share, before any of its
   * writes: the spend-lock rule ({@link SpendLockRule#maySign}, seeing the locks of the shares
   * before it), then the commitment rule (every commitment never recorded before, by any boot, for
   * any package). A refused share writes nothing and the others go on; the transaction commits
   * once, so all recorded shares become durable together, before any of them is made. Any other
   * failure rolls the whole transaction back: nothing of the batch is written.
   */
  @Override
  public List<Optional<Refusal>> recordShares(List<PendingShare> shares) {
    for (PendingShare p : shares) {
      checkRow(p.row(), p.spend());
    }
    if (shares.isEmpty()) {
      return List.of();
    }
    List<Optional<Refusal>> out =
        db.inTransaction(
            c -> {
              List<Optional<Refusal>> refusals = new ArrayList<>(shares.size());
              for (PendingShare p : shares) {
                refusals.add(writeShare(p.row(), p.spend()));
              }
              writePoints.beforeCommit(Write.SHARES);
              return refusals;
            });
    writePoints.afterCommit(Write.SHARES);
    return out;
  }

  private static void checkRow(ShareRow row, UnsignedSpend spend) {
    if (row.commitments().isEmpty() || row.commitments().size() != row.messageHashes().size()) {
      throw new IllegalArgumentException("one commitment per message hash");
    }
    if (!row.txid().equals(spend.txid())) {
      throw new IllegalArgumentException("the share row is for another transaction");
    }
  }

  /**
   * Inside a transaction: the lock rule and the commitment rule, then the locks and the rows; or
   * why not, before any write.
   */
  private Optional<Refusal> writeShare(ShareRow row, UnsignedSpend spend)
      throws java.sql.SQLException {
    SpendProposal proposal = SpendProposal.of(spend, row.request());
    SpendVerdict v =
        SpendLockRule.maySign(SpendLockTable.relevantLocks(db, proposal), proposal, feeCap);
    if (v instanceof SpendVerdict.Reject r) {
      return Optional.of(new Refusal(Refusal.Kind.CONFLICTING_SPEND, r.describe()));
    }
    Bytes digest = Bytes.of(row.packageDigest().bytes());
    List<Bytes> commitments = new ArrayList<>();
    for (int i = 0; i < row.commitments().size(); i++) {
      Bytes com = Bytes.of(FrostCodec.encode(row.commitments().get(i)));
      if (commitments.contains(com)) {
        return Optional.of(
            new Refusal(Refusal.Kind.COMMITMENT_USED, "one commitment for two messages"));
      }
      Optional<JournalEntry> earlier = SigningJournal.find(db, com);
      if (earlier.isPresent()) {
        return Optional.of(SigningJournal.refusal(earlier.get(), digest));
      }
      commitments.add(com);
    }
    SpendLockTable.insertLocks(db, ((SpendVerdict.Approve) v).newLocks(), db.clock().millis());
    for (int i = 0; i < commitments.size(); i++) {
      Bytes sid = Bytes.of(sessionId(row, i));
      SigningJournal.insert(
          db,
          sid,
          List.of(Bytes.of(row.messageHashes().get(i).bytes())),
          commitments.get(i),
          digest);
    }
    return Optional.empty();
  }

  @Override
  public boolean commitmentUsed(SigningCommitments commitment) {
    return !(db.journal().wasCommitmentIssued(FrostCodec.encode(commitment))
        instanceof CommitmentStatus.NotIssued);
  }

  @Override
  public List<ShareRow> shareRows() {
    List<JournalEntry> entries = db.journal().all();
    Map<Bytes, List<JournalEntry>> bySession = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      byte[] sid = e.sessionId().toArray();
      if (sid.length != 46) {
        continue; // not written by the engine (e.g. an imported row of another format)
      }
      bySession
          .computeIfAbsent(Bytes.of(java.util.Arrays.copyOf(sid, 44)), k -> new ArrayList<>())
          .add(e);
    }
    Map<TxId, RequestId> requestOfTx = new LinkedHashMap<>();
    for (SpendLock l : db.spendLocks().all()) {
      requestOfTx.putIfAbsent(l.tx(), l.request());
    }
    List<ShareRow> out = new ArrayList<>();
    for (var group : bySession.entrySet()) {
      ByteBuffer b = ByteBuffer.wrap(group.getKey().toArray());
      int attempt = b.getInt();
      long session = b.getLong();
      byte[] tx = new byte[32];
      b.get(tx);
      TxId txHash = new TxId(tx);
      List<JournalEntry> rows = new ArrayList<>(group.getValue());
      rows.sort(
          java.util.Comparator.comparingInt(
              e -> ByteBuffer.wrap(e.sessionId().toArray(), 44, 2).getShort() & 0xFFFF));
      RequestId req = requestOfTx.get(txHash);
      if (req == null) {
        continue;
      }
      out.add(
          new ShareRow(
              req,
              attempt,
              session,
              txHash,
              rows.stream().map(e -> Hash32.of(e.messageHashes().get(0).toArray())).toList(),
              rows.stream()
                  .map(e -> FrostCodec.decodeSigningCommitments(e.commitment().toArray()))
                  .toList(),
              // Rows written before schema version 5 have no digest: all zeros (they are void).
              Hash32.of(rows.get(0).packageDigest().map(Bytes::toArray).orElse(new byte[32]))));
    }
    return out;
  }

  private static byte[] sessionId(ShareRow row, int index) {
    return ByteBuffer.allocate(46)
        .putInt(row.attempt())
        .putLong(row.session())
        .put(row.txid().value.toByteArray())
        .putShort((short) index)
        .array();
  }

  // ---------------------------------------------------------------- completed requests

  @Override
  public void recordSigned(RequestId request, TxId txid, List<Bip340Signature> signatures) {
    int n = Bip340Signature.LENGTH;
    byte[] payload = new byte[signatures.size() * n];
    for (int i = 0; i < signatures.size(); i++) {
      System.arraycopy(signatures.get(i).bytes(), 0, payload, i * n, n);
    }
    // Not waited for on disk: a node that forgets a completion signs the same transaction again,
    // which the spend locks allow; the journal rows and locks before it were durable. The
    // lifecycle's SIGNED row (which transaction to watch and bump) goes in the same commit.
    LockTransitionTable.Row signedRow =
        new LockTransitionTable.Row(
            request,
            LockTransitionTable.Kind.SIGNED,
            Optional.empty(),
            Optional.of(txid),
            java.util.OptionalLong.empty(),
            "completed with " + signatures.size() + " signature(s)",
            LockTransitionTable.ENGINE,
            db.clock().millis());
    db.store()
        .saveRequest(
            requestBytes(request),
            KIND,
            Bytes.of(payload),
            SIGNED,
            false,
            () -> {
              try {
                LockTransitionTable.insert(db, signedRow);
              } catch (java.sql.SQLException e) {
                throw new StorageException("cannot record the completion: " + e.getMessage(), e);
              }
              writePoints.beforeCommit(Write.SIGNED);
            });
    writePoints.afterCommit(Write.SIGNED);
    signedCache.put(request, List.copyOf(signatures));
  }

  @Override
  public Optional<List<Bip340Signature>> signatures(RequestId request) {
    return Optional.ofNullable(signedCache.get(request));
  }

  @Override
  public boolean isSigned(RequestId request) {
    return signedCache.containsKey(request);
  }

  // ---------------------------------------------------------------- lock lifecycle

  @Override
  public List<LockedRequest> lockedRequests() {
    return db.read(c -> LockTransitionTable.lockedRequests(db));
  }

  /** Synced: the transition is on disk before the caller acts on it. */
  @Override
  public void recordTransition(LockTransition transition) {
    LockTransitionTable.Row row = LockTransitionTable.rowOf(transition, db.clock().millis());
    db.inTransaction(
        c -> {
          LockTransitionTable.insert(db, row);
          writePoints.beforeCommit(Write.TRANSITION);
          return null;
        });
    writePoints.afterCommit(Write.TRANSITION);
  }

  /** Every lifecycle row, oldest first (audit). */
  public List<LockTransitionTable.Row> transitions() {
    return db.read(c -> LockTransitionTable.query(db, Optional.empty()));
  }

  // ---------------------------------------------------------------- conversions

  static Bytes requestBytes(RequestId r) {
    return Bytes.of(r.value().getBytes(StandardCharsets.UTF_8));
  }

  static RequestId requestId(Bytes b) {
    return new RequestId(new String(b.toArray(), StandardCharsets.UTF_8));
  }

  private static List<Bip340Signature> splitSignatures(Bytes payload) {
    byte[] p = payload.toArray();
    int n = Bip340Signature.LENGTH;
    List<Bip340Signature> out = new ArrayList<>();
    for (int i = 0; i + n <= p.length; i += n) {
      out.add(Bip340Signature.of(java.util.Arrays.copyOfRange(p, i, i + n)));
    }
    return List.copyOf(out);
  }
}
