package dev.frostgate.sim.dkg;

/** Every fault the DKG simulation injects; each seed enables a subset. */
public enum DkgFault {
  LOSS,
  DUPLICATION,
  REORDER_DELAY,
  /** The validators split in two sides that hear nothing from each other, then heal. */
  PARTITION,
  /** An honest validator crashes between two of its steps and restarts from its disk. */
  CRASH_RESTART,
  /** An honest validator crashes just before or just after a write to its DKG store. */
  CRASH_AT_WRITE,
  /**
   * The share-leak attack on public reveals: n − t Byzantine validators, and the network delays
   * every dealer's round-2 messages to t − f + 1 honest validators by 4/5 of the round timeout, so
   * that they ask for their shares in public. With f faulty validators holding f points of each
   * honest dealer's polynomial, t − f + 1 shares revealed in answer would give the adversary the
   * polynomial; sealed shares give it nothing (checked on every seed, see {@link DkgSimulation}).
   */
  DELAY_ROUND2,
  /**
   * Byzantine: a sealed share that is wrong, signed, to one peer: a share that does not match its
   * commitment, or (in some sessions) a ciphertext that does not open.
   */
  BAD_SHARE,
  /** Byzantine: a complaint against a dealer whose share was fine. */
  FALSE_COMPLAINT,
  /** Byzantine: never says anything. */
  SILENT,
  /** Byzantine: runs rounds 1 and 2, then withholds its certificate signature and test part. */
  WITHHOLD_CERT,
  /** Byzantine: a false complaint sent only once it completed itself. */
  LATE_COMPLAINT,
  /**
   * Byzantine: signs a second valid round-1 package and sends it to every other honest peer, the
   * original to the rest, with round-2 shares and views matching what each receiver holds.
   */
  EQUIVOCATE_ROUND1,
  /** Byzantine: runs honestly but signs a made-up view of round 1 to its lowest honest peer. */
  LIE_VIEW,
  /**
   * Byzantine: honest, except that its round-1 package (and any round-1 set) never reaches its
   * lowest-numbered honest peer, which must get the package relayed by the others.
   */
  WITHHOLD_ROUND1_FROM_ONE,
  /**
   * Byzantine: honest, except that its round-2 share never reaches its lowest-numbered honest peer
   * directly, which must ask for it; it answers the request by broadcasting the sealed share, which
   * the others pass on.
   */
  WITHHOLD_SHARE_FROM_ONE,
  /**
   * Byzantine: withholds its round-2 share from its lowest-numbered honest peer like {@link
   * #WITHHOLD_SHARE_FROM_ONE}, and never answers the request, so it must be voted out.
   */
  WITHHOLD_SHARE_NO_REVEAL,
  /**
   * Byzantine: honest, except that it also asks every honest dealer in public for the share it
   * already received, sending the request to everyone but that dealer (the others must pass it on,
   * and the dealer answers: nobody honest is excluded).
   */
  SPURIOUS_REQUEST;

  public boolean byzantine() {
    return ordinal() >= BAD_SHARE.ordinal();
  }
}
