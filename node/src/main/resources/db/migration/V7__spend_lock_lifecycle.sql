-- Frostgate validator state, schema version 6: the spend-lock lifecycle. Locks were never released,
-- so a stuck or expired request froze its coins. Every lifecycle step is a row here, written before
-- it takes effect (who decided, when, why); spend_locks rows are never deleted (audit): a request
-- with a RELEASE row no longer blocks other requests. Databases of earlier versions simply have no
-- transitions: all their locks stay live, as before.
CREATE TABLE spend_lock_transitions (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id BLOB    NOT NULL,  -- UTF-8 bytes, as spend_locks.request_id
  kind       TEXT    NOT NULL,  -- SIGNED, TRACK, BUMP or RELEASE
  reason     TEXT,              -- RELEASE: SPEND_BURIED, CONFLICT_BURIED or EXPIRED_UNSHARED
  tx_hash    BLOB,              -- SIGNED, TRACK: that tx; BUMP: the stuck tx; RELEASE: the buried tx
  height     INTEGER,           -- TRACK, BUMP: the tip height the rule saw
  detail     TEXT    NOT NULL,  -- why, in words
  decided_by TEXT    NOT NULL,  -- who: 'engine' (completion) or 'lifecycle' (the rule)
  created_at INTEGER NOT NULL   -- when, epoch milliseconds
);
CREATE INDEX spend_lock_transitions_by_request ON spend_lock_transitions (request_id, seq);
