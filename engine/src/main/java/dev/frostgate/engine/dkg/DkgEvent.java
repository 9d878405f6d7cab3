package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import java.util.List;

/** What a DKG step reports besides messages. */
public sealed interface DkgEvent {
  /** This validator entered a session (the first one, or a restart). */
  record SessionStarted(DkgSessionId session) implements DkgEvent {}

  /** Why a participant was excluded. */
  enum Reason {
    INVALID_SHARE,
    FALSE_COMPLAINT,
    TIMEOUT,
    /** It signed two different round-1 packages for one session. */
    EQUIVOCATION
  }

  /**
   * A participant was excluded from {@code session} onwards, with the proof (a {@link
   * DkgMessage.Complaint}, an {@link DkgMessage.Equivocation} or the quorum of {@link
   * DkgMessage.TimeoutVote}s).
   */
  record Excluded(DkgSessionId session, Identifier accused, Reason reason, List<DkgMessage> proof)
      implements DkgEvent {
    public Excluded {
      proof = List.copyOf(proof);
    }
  }

  /** The DKG completed: store the result. */
  record Completed(DkgResult result) implements DkgEvent {}

  /** The DKG cannot complete (fewer than t participants left, or this validator was excluded). */
  record Failed(DkgSessionId session, String reason) implements DkgEvent {}

  /** A peer sent something invalid (logged per peer; not by itself a reason to exclude). */
  record Misbehaviour(Identifier peer, String detail) implements DkgEvent {}
}
