-- Frostgate validator state, schema version 5: the signing journal binds the whole signing package.
-- A share depends on every co-signer's commitment, the messages, the input keys and the
-- ciphersuite; one nonce answering two packages reveals the signing share. Each row now stores the
-- digest of the package its commitment answered (dev.frostgate.node.engine.PackageDigest), and the
-- journal refuses the commitment for any other package. Rows written before V5 keep NULL: every
-- open voids them anyway, and a void commitment is refused whatever its package.
ALTER TABLE signing_journal ADD COLUMN package_digest BLOB;
