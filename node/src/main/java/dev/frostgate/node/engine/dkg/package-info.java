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
 *       of the same ceremony, so every honest validator converges on the same excluded set, until
 *       it has signed its certificate: from then on it is committed to that session (so a session
 *       that completed somewhere is never abandoned by an honest participant).
 * </ul>
 */
package dev.frostgate.node.engine.dkg;
