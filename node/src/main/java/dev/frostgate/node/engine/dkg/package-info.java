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
 *       signed) excludes the complainer; n_s − t + 1 signed timeout votes from a session of n_s
 *       participants exclude a participant that did not deliver its round-1 broadcast or its
 *       round-2 share in time (at least one vote is then from an honest validator when at most n −
 *       t are faulty).
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
 * </ul>
 */
package dev.frostgate.node.engine.dkg;
