/**
 * The networked DKG as a sans-I/O state machine ({@link dev.frostgate.engine.dkg.DkgSession}):
 * authenticated messages and clock ticks in, messages to send and events out; time and randomness
 * come through ports, transport is the caller's job. No message needs a confidential transport:
 * round-2 shares are sealed end to end (S1), and TLS is a second layer.
 *
 * <p>Secrecy rules (safety; none depends on timing, see {@code docs/threat-model.md}):
 *
 * <ul>
 *   <li><b>S1</b> No message holds another participant's secret in the clear. Every round-2 share
 *       f_i(j) is sealed to j's identity key ({@link dev.frostgate.engine.dkg.DkgShares}: ECDH with
 *       the dealer's ephemeral key, HKDF-SHA256, ChaCha20-Poly1305, bound to ciphersuite, session,
 *       dealer, receiver and the hash of the dealer's commitment) and signed by the dealer; only j
 *       opens it. The simulation checks every message on the wire for a clear f_i(j) of an honest
 *       dealer at an honest validator, or the key that opens one.
 *   <li><b>S2</b> A missing share is never revealed. A request is answered with the same sealed
 *       share, broadcast by the dealer and passed on by anyone holding it; however many honest
 *       validators ask, and however late their shares are, nothing new becomes public.
 *   <li><b>S3</b> A dealer's sealing key derives from its polynomial and the context, so after a
 *       restart it re-sends byte-identical ciphertexts and one key never seals two plaintexts.
 *   <li><b>S4</b> A complaint discloses the Diffie–Hellman point of exactly one ciphertext, with a
 *       Chaum–Pedersen proof that the accuser's identity key made it: anyone opens that share and
 *       nothing else. A complaint is decided from public data ({@link
 *       dev.frostgate.engine.dkg.DkgSignatures#culprit}): a dealer-signed sealed share that does
 *       not open, or opens off the dealer's signed commitment, convicts the dealer; a correct
 *       share, a sealed share the dealer did not sign, or a disclosure that does not verify
 *       convicts the accuser.
 * </ul>
 *
 * <p>Protocol rules (see {@link dev.frostgate.engine.dkg.DkgSession} for details):
 *
 * <ul>
 *   <li><b>R1</b> A session is identified by (ceremony, participant set); the first has every
 *       configured validator, each restart removes the excluded ones and keeps the threshold t (the
 *       DKG fails if fewer than t remain).
 *   <li><b>R2</b> Exclusions need a forwardable proof, gossiped to every participant: a complaint
 *       (S4); two different round-1 packages signed by the same author for one session (an
 *       equivocation proof) exclude the author; n_s − t + 1 signed timeout votes from a session of
 *       n_s participants exclude a participant that did not deliver its round-1 broadcast or its
 *       certificate contributions in time, did not answer a request for its round-2 share in time,
 *       or did not justify a view of round 1 that differs from the voters' (at least one vote is
 *       then from an honest validator when at most n − t are faulty).
 *   <li><b>R3</b> Round-1 packages are signed by their authors, and every dealer signs its view of
 *       round 1 (a digest of all round-1 packages) with each sealed share. A validator never signs
 *       a certificate unless every dealer's view equals its own; on a difference it broadcasts its
 *       signed packages and the differing claim, which turns any equivocation into a proof and
 *       makes every participant expect the claimant to justify its view (a lie cannot be justified:
 *       the liar is voted out, and no one casts certificate-phase votes while such a dispute is
 *       open, so the honest validators that abstain are not).
 *   <li><b>R4</b> A validator applies an exclusion proof from its current session or any larger
 *       (earlier) one of the same ceremony, so every honest validator converges on the same
 *       excluded set and so on the same next session. The threshold must exceed n/2 (so that the
 *       honest validators can form a vote quorum).
 *   <li><b>R5</b> A validator that voted to exclude someone from a session never signs that
 *       session's certificate, so a session abandoned by a vote quorum (which holds an honest vote)
 *       cannot complete anywhere.
 *   <li><b>R6</b> A validator that completes gossips the full certificate and test signature
 *       ({@link dev.frostgate.engine.dkg.DkgMessage.Final}); a validator that signed that session's
 *       certificate but moved on (a late complaint, or a certificate-phase timeout) keeps its key
 *       material of that session and adopts it on a valid Final, and a validator that completed
 *       never certifies a later session. So honest validators do not end with different keys,
 *       unless an honest validator was excluded by a timeout quorum while it had completed (the
 *       timeouts must exceed the network's delay between honest validators).
 *   <li><b>R7</b> Signed round-1 packages are relayed to a validator that still lacks some at half
 *       the round timeout, so withholding a round-1 package from one validator gets nobody
 *       excluded.
 *   <li><b>R8</b> Share requests: a validator that still lacks a dealer's share a while after
 *       sending its own asks in public ({@link dev.frostgate.engine.dkg.DkgMessage.ShareRequest},
 *       signed, repeated by everyone that saw it); the dealer broadcasts its sealed share for the
 *       requester (S2), which everyone passes on; every participant that saw the request unanswered
 *       votes the dealer out. No certificate-phase vote is cast against a validator while its own
 *       request is open, so withholding a share from one validator excludes the dealer, not the
 *       victim. A peer's certificate signature shortens the wait only once it verifies against the
 *       transcript and group key that round 1 fixes. Limits (timing, crashes): see {@link
 *       dev.frostgate.engine.dkg.DkgSession}.
 * </ul>
 *
 * <p>Crash recovery ({@link dev.frostgate.engine.dkg.DkgStore}; the session saves before the
 * message a save protects leaves, and {@code start()} resumes from the store). What survives: the
 * exclusions with their proofs, this validator's own timeout votes, per session entered its round-1
 * package (public, state database) and polynomial (key store), whether and what it certified (the
 * transcript hash, public key package and its signature in the database, the key package in the key
 * store), its test nonce commitment (public; never the nonces), and the completed result. After a
 * crash:
 *
 * <ul>
 *   <li>before its round 1 of a session was saved: nothing of that session was sent; it starts the
 *       session afresh;
 *   <li>after its round 1 was saved (whether or not its round-2 shares left): it re-enters the
 *       session with the same round-1 package and polynomial, so its shares f(j) are the same ones;
 *       it never announces a second, different package (equivocation). A saved package whose
 *       polynomial is missing stops the validator rather than announce another;
 *   <li>a timeout vote is saved before it leaves, and a session it voted in during rounds 1–2 is
 *       still never certified after the restart; exclusions are re-applied from their proofs (each
 *       re-checked), so the restart lands in the same session;
 *   <li>after it certified a session: it restores that session's output from the store instead of
 *       recomputing it from peers (who may have moved on), reuses the stored signature and never
 *       signs another transcript for that session; a certified session it had moved on from is kept
 *       for a late {@link dev.frostgate.engine.dkg.DkgMessage.Final} as before the crash;
 *   <li>a test signer whose test commitment was saved cannot honour it (its nonces are gone): it
 *       re-announces the same commitment and never signs with it. If its share had already left,
 *       the session completes elsewhere and it adopts the Final; otherwise the certificate phase
 *       times it out, the others restart without it and it ends failed (excluded). Such a
 *       crash-restarted validator counts against the n − t faulty ones;
 *   <li>share requests and their answers need nothing stored. A request is public and repeated by
 *       every participant that saw it until answered, so a restarted requester hears its own signed
 *       request again (and keeps it) or, for a share still missing, asks again once back in round
 *       2; whoever holds the sealed share passes it to it. A restarted dealer answers once it is
 *       back in round 2: its shares f(j) come from the stored polynomial and are sealed under the
 *       same derived key (S3), so the answer is the same ciphertext under a new signature (if it
 *       certified, over the stored view). Its request timers restart with the process (so its own
 *       votes come later, never earlier); the votes it cast on unanswered requests are saved like
 *       every vote;
 *   <li>after completion: it reports the stored result (and keeps gossiping the Final); the round-1
 *       polynomials are deleted once the result is saved (no request can be pending: every
 *       participant certified, so each had every share).
 * </ul>
 *
 * A crash-restarted validator that is back before the other validators' timeouts expire (and is not
 * a test signer caught as above) completes with the others and is not excluded.
 */
package dev.frostgate.engine.dkg;
