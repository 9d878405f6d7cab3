package dev.frostgate.sim.signing;

/** Every fault the simulation injects; each seed enables a subset. */
public enum SigningFault {
  LOSS,
  DUPLICATION,
  REORDER_DELAY,
  PARTITION,
  CRASH_RESTART,
  CRASH_AT_JOURNAL_WRITE,
  PERMANENT_CRASH,
  REPLAY,
  FORGED_SENDER,
  BYZ_INVALID_SHARES,
  BYZ_WRONG_COMMITMENTS,
  BYZ_WITHHOLD_SHARES,
  BYZ_WITHHOLD_LEADER,
  BYZ_EQUIVOCATING_LEADER,
  BYZ_CHANGED_RECIPIENT,
  BYZ_CONFLICTING_SPEND,
  /** A leader sends a signer a second sign request naming its commitment, in another package. */
  BYZ_LEADER_TWO_PACKAGES,
  /** A leader sends sign requests whose messages are not the approved sighashes. */
  BYZ_LEADER_SUBSTITUTED_MESSAGE,
  /** A leader replays its sign requests to a signer after the signer restarted. */
  BYZ_LEADER_REPLAY_AFTER_RESTART,
  /** A leader changes the co-signer set of a session under the same session id. */
  BYZ_LEADER_CHANGED_COSIGNERS,
  CONFLICTING_REQUESTS,
  UNCONFIRMED_INPUT
}
