-- Frostgate validator state, schema version 6: the node process keeps the requests its API
-- accepted (table requests, V1) and, once signed, the txid of the transaction it broadcast, so a
-- restarted validator still reports what it signed.
ALTER TABLE requests ADD COLUMN signed_txid TEXT;
