/**
 * The networked DKG as a sans-I/O state machine ({@link dev.frostgate.node.engine.dkg.DkgSession}):
 * authenticated messages and clock ticks in, messages to send and events out; time and randomness
 * come through ports, transport (authenticated, confidential for round 2) is the caller's job.
 *
 * <p>Rules (see {@link dev.frostgate.node.engine.dkg.DkgSession} for details):
 *
 * <ul>
 *   <li>A session is identified by (ceremony, participant set); the first has every configured
 *       validator, each restart removes the excluded ones and keeps the threshold t (the DKG fails
 *       if fewer than t remain).
 *   <li>Exclusions need a forwardable proof, gossiped to every participant: a complaint carrying a
 *       share signed by its dealer that does not match the dealer's signed commitment excludes the
 *       dealer; a complaint that does not prove that (genuine share, or a share the accused never
 *       signed) excludes the complainer; two different round-1 packages signed by the same author
 *       for one session (an equivocation proof) exclude the author; n_s − t + 1 signed timeout
 *       votes from a session of n_s participants exclude a participant that did not deliver its
 *       round-1 broadcast or its certificate contributions in time, did not answer a public request
 *       for its round-2 share in time, or did not justify a view of round 1 that differs from the
 *       voters' (at least one vote is then from an honest validator when at most n − t are faulty).
 *   <li>Round-1 packages are signed by their authors, and every dealer signs its view of round 1 (a
 *       digest of all round-1 packages) with each share. A validator never signs a certificate
 *       unless every dealer's view equals its own; on a difference it broadcasts its signed
 *       packages and the differing claim, which turns any equivocation into a proof and makes every
 *       participant expect the claimant to justify its view (a lie cannot be justified: the liar is
 *       voted out, and no one casts certificate-phase votes while such a dispute is open, so the
 *       honest validators that abstain are not).
 *   <li>A validator applies an exclusion proof from its current session or any larger (earlier) one
 *       of the same ceremony, so every honest validator converges on the same excluded set and so
 *       on the same next session. The threshold must exceed n/2 (so that the honest validators can
 *       form a vote quorum).
 *   <li>A validator that voted to exclude someone from a session never signs that session's
 *       certificate, so a session abandoned by a vote quorum (which holds an honest vote) cannot
 *       complete anywhere.
 *   <li>A validator that completes gossips the full certificate and test signature ({@link
 *       dev.frostgate.node.engine.dkg.DkgMessage.Final}); a validator that signed that session's
 *       certificate but moved on (a late complaint, or a certificate-phase timeout) keeps its key
 *       material of that session and adopts it on a valid Final, and a validator that completed
 *       never certifies a later session. So honest validators do not end with different keys,
 *       unless an honest validator was excluded by a timeout quorum while it had completed (the
 *       timeouts must exceed the network's delay between honest validators).
 *   <li>Signed round-1 packages are relayed to a validator that still lacks some at half the round
 *       timeout, so withholding a round-1 package from one validator gets nobody excluded.
 *   <li>Round-2 shares are revealed on request: a validator that still lacks a dealer's share a
 *       while after sending its own asks in public ({@link
 *       dev.frostgate.node.engine.dkg.DkgMessage.ShareRequest}, signed, repeated by everyone that
 *       saw it); the dealer must broadcast that share, public now, under its round-2 signature
 *       ({@link dev.frostgate.node.engine.dkg.DkgMessage.ShareReveal}); a valid reveal is the
 *       requester's share, a signed invalid one the evidence of its complaint, and every
 *       participant that saw the request unanswered votes the dealer out. No certificate-phase vote
 *       is cast against a validator while its own request is open, so withholding a share from one
 *       validator excludes the dealer, not the victim. Limits (timing, crashes): see {@link
 *       dev.frostgate.node.engine.dkg.DkgSession}.
 * </ul>
 *
 * <p>Crash recovery ({@link dev.frostgate.node.engine.dkg.DkgStore}; the session saves before the
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
 *       for a late {@link dev.frostgate.node.engine.dkg.DkgMessage.Final} as before the crash;
 *   <li>a test signer whose test commitment was saved cannot honour it (its nonces are gone): it
 *       re-announces the same commitment and never signs with it. If its share had already left,
 *       the session completes elsewhere and it adopts the Final; otherwise the certificate phase
 *       times it out, the others restart without it and it ends failed (excluded). Such a
 *       crash-restarted validator counts against the n − t faulty ones;
 *   <li>share requests and reveals need nothing stored. A request is public and repeated by every
 *       participant that saw it until answered, so a restarted requester hears its own signed
 *       request again (and keeps it) or, for a share still missing, asks again once back in round
 *       2; whoever holds the reveal passes it to it. A restarted dealer answers once it is back in
 *       round 2: its shares f(j) come from the stored polynomial (and, if it certified, are signed
 *       over the stored view), so a second reveal carries the same share under a new signature over
 *       the same digest. Its request timers restart with the process (so its own votes come later,
 *       never earlier); the votes it cast on unanswered requests are saved like every vote;
 *   <li>after completion: it reports the stored result (and keeps gossiping the Final); the round-1
 *       polynomials are deleted once the result is saved (no request can be pending: every
 *       participant certified, so each had every share).
 * </ul>
 *
 * A crash-restarted validator that is back before the other validators' timeouts expire (and is not
 * a test signer caught as above) completes with the others and is not excluded.
 */
package dev.frostgate.node.engine.dkg;
