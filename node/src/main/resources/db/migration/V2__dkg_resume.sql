-- Frostgate validator state, schema version 2: what the networked DKG needs to resume after a
-- crash (written and read by dev.frostgate.node.storage.SqliteDkgStore). Public data only: the
-- round-1 polynomial and the key package of a DKG live in the key store, never here.
-- Identifiers are written as decimal numbers (small ones) or 64 hex digits; lists of them are
-- comma-separated, ascending. Encodings named FrostCodec are dev.frostgate.crypto.codec.FrostCodec.

-- One row per DKG session this validator announced its round-1 package in. The row is written
-- before the package is sent, so a restarted validator re-sends the same package, never another.
CREATE TABLE dkg_sessions (
  session_hash          BLOB    PRIMARY KEY,  -- SessionId.hash() of ceremony and participants
  ceremony              TEXT    NOT NULL,
  participants          TEXT    NOT NULL,
  round1_commitment     BLOB    NOT NULL,     -- FrostCodec VssCommitment
  round1_proof          BLOB    NOT NULL,     -- proof of knowledge, ciphersuite encoding
  -- Set together, before this validator's certificate signature of the session is sent:
  transcript_hash       BLOB,
  public_key_package    BLOB,                 -- FrostCodec PublicKeyPackage (raw, untweaked)
  certificate_signature BLOB,                 -- BIP340 by this validator's identity key
  -- Set before its test nonce commitment is sent (the nonces themselves are never stored):
  test_commitment       BLOB,                 -- FrostCodec SigningCommitments
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE INDEX dkg_sessions_by_ceremony ON dkg_sessions (ceremony);

-- This validator's timeout votes, written before each is sent: a session it voted in during
-- rounds 1-2 is never certified by it, also after a restart.
CREATE TABLE dkg_votes (
  ceremony     TEXT    NOT NULL,
  participants TEXT    NOT NULL,             -- of the session voted in
  accused      TEXT    NOT NULL,
  signature    BLOB    NOT NULL,             -- BIP340 over the vote digest
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (ceremony, participants, accused)
);

-- Exclusions this validator applied, in order, each with the proof a third party can check.
CREATE TABLE dkg_exclusions (
  ceremony     TEXT    NOT NULL,
  seq          INTEGER NOT NULL,             -- 0, 1, ... in the order applied
  accused      TEXT    NOT NULL,
  reason       TEXT    NOT NULL,             -- DkgEvent.Reason
  participants TEXT    NOT NULL,             -- of the session the proof is about
  proof        BLOB    NOT NULL,             -- a complaint or the timeout votes, see SqliteDkgStore
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (ceremony, seq),
  UNIQUE (ceremony, accused)
);

-- Completed DKGs: the key's metadata row (key_metadata) plus what proves the key.
CREATE TABLE dkg_results (
  ceremony        TEXT    PRIMARY KEY,
  epoch           INTEGER NOT NULL UNIQUE REFERENCES key_metadata (epoch),
  session_hash    BLOB    NOT NULL REFERENCES dkg_sessions (session_hash),
  transcript_hash BLOB    NOT NULL,
  certificate     BLOB    NOT NULL,          -- count (2 bytes), then per participant, ascending:
                                             -- identifier (32) and BIP340 signature (64)
  test_signature  BLOB    NOT NULL,          -- FrostCodec Signature
  completed_at    INTEGER NOT NULL
);
