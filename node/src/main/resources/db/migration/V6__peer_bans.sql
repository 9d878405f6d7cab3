-- Frostgate validator state, schema version 6: peer bans survive a restart.
-- The transport bans a peer whose misbehaviour score passed the threshold (node.transport.PeerGuard);
-- before V6 a restart forgot the ban and the peer was let straight back in. One row per banned peer,
-- until when (Unix milliseconds) and the offense that tipped the score; a ban that has ended is
-- deleted when the bans are loaded.
CREATE TABLE peer_bans (
  peer_id INTEGER PRIMARY KEY CHECK (peer_id > 0),
  banned_until INTEGER NOT NULL CHECK (banned_until > 0),
  offense TEXT NOT NULL
);
