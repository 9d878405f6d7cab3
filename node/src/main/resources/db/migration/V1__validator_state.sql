-- Frostgate validator state, schema version 1.
-- Times are milliseconds since the Unix epoch (UTC). Ids and hashes are raw bytes.
-- Applied by dev.frostgate.node.storage.StateDatabase inside one transaction.

-- One row per start of the node; journal rows carry the boot that wrote them.
CREATE TABLE boots (
  boot       INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at INTEGER NOT NULL
);

-- Distributed key generation in progress: enough to resume or abort after a crash.
CREATE TABLE dkg_progress (
  session_id BLOB    PRIMARY KEY,
  round      INTEGER NOT NULL,
  status     TEXT    NOT NULL,
  state      BLOB,             -- engine-defined public state; never a secret share or polynomial
  updated_at INTEGER NOT NULL
);

-- Group keys this validator holds a share of (the share itself is in the key store).
CREATE TABLE key_metadata (
  epoch          INTEGER PRIMARY KEY,
  group_key      BLOB    NOT NULL,
  threshold_xpub TEXT    NOT NULL,
  ciphersuite    TEXT    NOT NULL,
  threshold      INTEGER NOT NULL,
  total          INTEGER NOT NULL,
  created_at     INTEGER NOT NULL
);

CREATE TABLE requests (
  request_id BLOB    PRIMARY KEY,
  kind       TEXT    NOT NULL,
  payload    BLOB    NOT NULL,
  status     TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX requests_by_status ON requests (status);

CREATE TABLE signing_sessions (
  session_id BLOB    PRIMARY KEY,
  request_id BLOB    NOT NULL,
  signer_set TEXT    NOT NULL,   -- comma-separated validator ids, ascending
  status     TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX signing_sessions_by_request ON signing_sessions (request_id);

-- The signing journal: one row per nonce commitment this node used to sign, written and synced
-- before the signature share leaves the node. There is deliberately no column for secret nonces.
CREATE TABLE signing_journal (
  commitment     BLOB    PRIMARY KEY,  -- a commitment signs one set of messages, once
  session_id     BLOB    NOT NULL,
  message_hashes BLOB    NOT NULL,     -- concatenated 32-byte hashes, in signing order
  boot           INTEGER NOT NULL,     -- boots.boot of the process that wrote it; 0 = imported
  created_at     INTEGER NOT NULL,
  voided_at      INTEGER               -- set at the next start (or on import): never honoured again
);
CREATE INDEX signing_journal_by_session ON signing_journal (session_id);

-- Spend locks: one row per (outpoint, signed transaction). Every transaction that locks an
-- outpoint belongs to the same request; later rows are fee bumps of it.
CREATE TABLE spend_locks (
  txid              TEXT    NOT NULL,  -- 64 hex digits, RPC (display) order
  vout              INTEGER NOT NULL,
  tx_hash           BLOB    NOT NULL,  -- hash of the signed transaction (txid of the unsigned tx)
  request_id        BLOB    NOT NULL,
  fee_sat           INTEGER NOT NULL,
  recipients_digest BLOB    NOT NULL,
  created_at        INTEGER NOT NULL,
  PRIMARY KEY (txid, vout, tx_hash)
);
CREATE INDEX spend_locks_by_request ON spend_locks (request_id);

CREATE TABLE peer_stats (
  peer_id          INTEGER PRIMARY KEY,
  responses        INTEGER NOT NULL DEFAULT 0,
  response_ms_sum  INTEGER NOT NULL DEFAULT 0,
  response_ms_max  INTEGER NOT NULL DEFAULT 0,
  timeouts         INTEGER NOT NULL DEFAULT 0,
  invalid_messages INTEGER NOT NULL DEFAULT 0,
  updated_at       INTEGER NOT NULL
);
