-- Frostgate validator state, schema version 3: the round-1 view a validator certified.
-- Round-2 shares are signed over the dealer's view of round 1 (the digest of every participant's
-- round-1 package, DkgSignatures.viewDigest). A validator that restarts after certifying re-sends
-- its shares, which are the same f(j) as before, with the same signed view, to peers that lost
-- them; the view is public (a hash of broadcast packages). Set together with transcript_hash.
ALTER TABLE dkg_sessions ADD COLUMN round1_view BLOB;
