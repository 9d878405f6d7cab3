-- Frostgate validator state, schema version 4: drop dkg_progress.
-- V1's dkg_progress (one opaque state blob per DKG session) was never written by the engine: the
-- networked DKG resumes from the V2 tables (dkg_sessions, dkg_exclusions, dkg_votes, dkg_results)
-- and the key store. An empty table that looks like DKG state would mislead an operator reading
-- the database after a crash, so it goes.
DROP TABLE dkg_progress;
