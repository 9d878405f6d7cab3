-- Share refreshes this validator adopted (frostgate node import-key --public): the refreshed public
-- key package (every new verifying share) replaces the DKG's for signing and for checking the
-- stored key package at startup. The group key, xpub and addresses stay the DKG's.
CREATE TABLE key_refreshes (
  epoch              INTEGER PRIMARY KEY,  -- 1 after the first refresh, one more after each next
  group_key          BLOB    NOT NULL,     -- compressed; the DKG's group key
  public_key_package BLOB    NOT NULL,     -- FrostCodec PublicKeyPackage (raw, untweaked)
  refreshed_at       INTEGER NOT NULL
);
