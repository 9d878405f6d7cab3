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
 * <p>Protocol rules (each in detail below):
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
 *       transcript and group key that round 1 fixes. Limits (timing, crashes): below.
 * </ul>
 *
 * <p>How one session runs (participants P, threshold t); the rules above in detail:
 *
 * <ol>
 *   <li>round 1: broadcast the commitment and proof of knowledge, signed by the identity key over
 *       (session, author, package); an unsigned or badly signed package, or one with a wrong
 *       threshold or a bad proof, is dropped as misbehaviour (its author then times out);
 *   <li>round 2 (once every round-1 package is in): compute our view (the digest of every round-1
 *       package, ours included, {@link dev.frostgate.engine.dkg.DkgSignatures#viewDigest}) and send
 *       each peer its share with the view, signed over the session, both parties, share·G, our
 *       commitment and the view;
 *   <li>part 3 (once every share is in): on an invalid share, broadcast a {@link
 *       dev.frostgate.engine.dkg.DkgMessage.Complaint} per culprit and apply it; else, only if
 *       every dealer's view equals ours, sign the certificate, and the first t participants
 *       (sorted) run the test signature: broadcast a nonce commitment, then a share once all t
 *       commitments are in; everyone aggregates and verifies;
 *   <li>with every participant's certificate signature and the test signature the DKG is complete.
 * </ol>
 *
 * <p>Views (R3): a dealer's signed view that differs from ours (received with its share, or
 * forwarded) makes us never certify the session, and broadcast a {@link
 * dev.frostgate.engine.dkg.DkgMessage.Round1Set}: every signed round-1 package we hold and the
 * differing claims. Anyone that holds a different package from the same author now has two signed
 * packages, an {@link dev.frostgate.engine.dkg.DkgMessage.Equivocation} proof that excludes the
 * author (reason EQUIVOCATION). Honest participants with different views always dispute each other
 * (round 2 is all-to-all), so each one's set reaches the other and yields the proof. A dealer that
 * signed a view no honest participant holds (a lie, no equivocation behind it) cannot justify it: a
 * set that hashes to its view would contain a package signed by its author that differs from ours,
 * that is, a proof against someone. Each honest participant that learns of the claim (the set
 * forwards it) votes against the dealer {@code roundTimeout} later, so the liar is excluded by |P|
 * − t + 1 votes (reason TIMEOUT); while a dispute is open we cast no certificate-phase votes, so
 * the honest participants that rightly abstain are not voted out. Safety (no honest certificate
 * over differing views) does not depend on timing; excluding the liar needs the claim to reach the
 * honest participants within {@code roundTimeout}.
 *
 * <p>Timeouts (R2, R5, R6): a participant whose round-1 package has not arrived {@code
 * roundTimeout} after this validator entered the session, that has not answered a request for its
 * round-2 share {@code roundTimeout} after this validator saw the request (share requests, below),
 * whose certificate signature or test commitment/share (test signers only) has not arrived {@code
 * roundTimeout} after this validator signed its certificate (or after its last share request was
 * answered), or whose differing view is still unjustified {@code roundTimeout} after this validator
 * learnt of it, gets a signed {@link dev.frostgate.engine.dkg.DkgMessage.TimeoutVote} from this
 * validator; a validator that voted before its certificate never signs that session's certificate.
 * |P| − t + 1 votes exclude the participant (t > n/2, so that many honest votes exist). Exclusion
 * proofs are applied until the DKG completes; a completed validator gossips a {@link
 * dev.frostgate.engine.dkg.DkgMessage.Final} that validators which signed that certificate adopt
 * even after moving on (R6). Everything is retransmitted every {@code retransmitInterval} until the
 * DKG is complete, and accepted exclusion proofs are gossiped with it, so the honest validators
 * converge on one excluded set and one session.
 *
 * <p>Round-1 relay (R7): round-1 packages are signed by their authors, so anyone may pass them on.
 * From half the round timeout on, a validator still missing packages broadcasts the signed set it
 * holds (once per retransmission interval); a peer that holds packages the set lacks answers with
 * its own set. An author that withholds its round-1 package from one validator therefore no longer
 * gets that validator voted out in its place.
 *
 * <p>Sealed shares (S1–S4): every round-2 share is sealed to its receiver's identity key ({@link
 * dev.frostgate.engine.dkg.DkgShares}) and signed by its dealer, so a round-2 message is public: it
 * may be broadcast, relayed and retransmitted, and no message ever holds another participant's
 * share in the clear. A receiver that cannot open its share, or opens one off the dealer's
 * commitment, complains by disclosing that one ciphertext's key with a proof; anyone then checks
 * the share and excludes the dealer, or the complainer if the share is right.
 *
 * <p>Share requests (R8): a dealer could withhold its round-2 share from one honest validator (or
 * send it one that is not validly signed, which is dropped): that validator alone would vote, fewer
 * than |P| − t + 1, could not finish part 3, and would be voted out for the certificate signature
 * it cannot produce. So a missing share is not voted on directly. A validator that still lacks a
 * dealer's share {@code 3/4 roundTimeout} after it sent its own (or {@code roundTimeout/8} after a
 * peer's certificate signature came and verified against the certificate message that round 1
 * fixes: that peer had every share, so every honest dealer had sent its shares) broadcasts a {@link
 * dev.frostgate.engine.dkg.DkgMessage.ShareRequest} signed over (session, requester, dealer). Every
 * participant that sees an authentic request keeps it open and repeats it to all each
 * retransmission interval until the dealer's signed sealed share for the requester is seen, so a
 * request kept from the dealer reaches it anyway. The dealer answers any authentic request by
 * broadcasting that same sealed share; whoever holds it passes it to each participant that still
 * asks. Nothing is revealed, however many honest validators ask and whatever the network delays:
 * the answer is a ciphertext only the requester opens (safety does not depend on timing). A
 * participant that saw the request unanswered {@code roundTimeout} later votes against the dealer;
 * one that has not certified yet (the requester, above all) waits {@code roundTimeout/8} longer,
 * because the vote costs it its certificate: an answer that reached any honest participant in time
 * has been passed to it by then. So a dealer that withholds a share and ignores the request is
 * excluded by |P| − t + 1 votes (reason TIMEOUT); a dealer that answers with a sealed share that is
 * wrong is excluded by the requester's complaint. The starved validator is not excluded: no
 * certificate-phase vote is cast against a participant while a request of its own is open, and its
 * certificate-phase deadline runs from the moment its last request was answered. A malicious
 * requester cannot get an honest dealer excluded (the dealer hears the request from the others and
 * always answers, also a request for a share already received) and cannot hold back its own
 * deadline for long: only requests seen before that deadline count, and each is answered, or its
 * dealer voted out, within about {@code roundTimeout}.
 *
 * <p>Remaining limits (of R2 and R8). Liveness needs messages between honest validators to arrive
 * well within {@code roundTimeout/8}, as every timeout here needs them within its own bound; a
 * slower network can get an honest validator excluded, never a share revealed. A requester that
 * crashes before its request is out, or after receiving its share but before certifying, asks again
 * only once it is back in round 2 and {@code roundTimeout/8} has passed since peers' certificate
 * signatures came: like any crashed validator, it is excluded if that takes longer than the others'
 * certificate-phase timeout (repeated crashes can add up to that).
 *
 * <p>Crash recovery, rules C1–C7 ({@link dev.frostgate.engine.dkg.Recovery}; {@link
 * dev.frostgate.engine.dkg.DkgStore}; the session saves before the message a save protects leaves,
 * and {@code start()} resumes from the store). What survives: the exclusions with their proofs,
 * this validator's own timeout votes, per session entered its round-1 package (public, state
 * database) and polynomial (key store), whether and what it certified (the transcript hash, public
 * key package and its signature in the database, the key package in the key store), its test nonce
 * commitment (public; never the nonces), and the completed result. After a crash:
 *
 * <ul>
 *   <li><b>C1</b> before its round 1 of a session was saved: nothing of that session was sent; it
 *       starts the session afresh;
 *   <li><b>C2</b> after its round 1 was saved (whether or not its round-2 shares left): it
 *       re-enters the session with the same round-1 package and polynomial, so its shares f(j) are
 *       the same ones; it never announces a second, different package (equivocation). A saved
 *       package whose polynomial is missing stops the validator rather than announce another;
 *   <li><b>C3</b> a timeout vote is saved before it leaves, and a session it voted in during rounds
 *       1–2 is still never certified after the restart; exclusions are re-applied from their proofs
 *       (each re-checked), so the restart lands in the same session;
 *   <li><b>C4</b> after it certified a session: it restores that session's output from the store
 *       instead of recomputing it from peers (who may have moved on), reuses the stored signature
 *       and never signs another transcript for that session; a certified session it had moved on
 *       from is kept for a late {@link dev.frostgate.engine.dkg.DkgMessage.Final} as before the
 *       crash;
 *   <li><b>C5</b> a test signer whose test commitment was saved cannot honour it (its nonces are
 *       gone): it re-announces the same commitment and never signs with it. If its share had
 *       already left, the session completes elsewhere and it adopts the Final; otherwise the
 *       certificate phase times it out, the others restart without it and it ends failed
 *       (excluded). Such a crash-restarted validator counts against the n − t faulty ones;
 *   <li><b>C6</b> share requests and their answers need nothing stored. A request is public and
 *       repeated by every participant that saw it until answered, so a restarted requester hears
 *       its own signed request again (and keeps it) or, for a share still missing, asks again once
 *       back in round 2; whoever holds the sealed share passes it to it. A restarted dealer answers
 *       once it is back in round 2: its shares f(j) come from the stored polynomial and are sealed
 *       under the same derived key (S3), so the answer is the same ciphertext under a new signature
 *       (if it certified, over the stored view). Its request timers restart with the process (so
 *       its own votes come later, never earlier); the votes it cast on unanswered requests are
 *       saved like every vote;
 *   <li><b>C7</b> after completion: it reports the stored result (and keeps gossiping the Final);
 *       the round-1 polynomials are deleted once the result is saved (no request can be pending:
 *       every participant certified, so each had every share).
 * </ul>
 *
 * A crash-restarted validator that is back before the other validators' timeouts expire (and is not
 * a test signer caught as above) completes with the others and is not excluded.
 */
package dev.frostgate.engine.dkg;
