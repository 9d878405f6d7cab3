package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import java.util.Objects;

/**
 * The policy's decision on a proposal: approve (with the rebuilt spend) or reject with a reason.
 * Named apart from the spend-lock rule's {@code SpendVerdict} and the DKG's {@code
 * ShareComplaint.Verdict}.
 */
public sealed interface PolicyVerdict {
  /** Why a proposal was rejected. */
  enum Reason {
    UNKNOWN_REQUEST,
    REQUEST_EXPIRED,
    INVALID_REQUEST,
    MALFORMED_PROPOSAL,
    INPUT_NOT_OURS,
    INPUT_NOT_CONFIRMED,
    INPUT_MISMATCH,
    RECIPIENT_MISMATCH,
    AMOUNT_MISMATCH,
    FEE_ABOVE_CAP,
    TRANSACTION_MISMATCH,
    MESSAGE_MISMATCH,
    CONFLICTING_SPEND,
    /**
     * A sign request whose packages are not the ones this signer may answer: a message other than
     * the approved sighash, or a commitment already used for another signing package (another
     * co-signer set, other commitments, another session). No share is made.
     */
    SIGNING_PACKAGE_MISMATCH,
    /** The journal refused the share: its commitment is used already or void since a restart. */
    COMMITMENT_UNAVAILABLE;

    /** Whether the proposer, not the request or the chain, is at fault. */
    public boolean blamesProposer() {
      return switch (this) {
        case MALFORMED_PROPOSAL,
            INPUT_MISMATCH,
            RECIPIENT_MISMATCH,
            AMOUNT_MISMATCH,
            TRANSACTION_MISMATCH,
            MESSAGE_MISMATCH,
            SIGNING_PACKAGE_MISMATCH ->
            true;
        default -> false;
      };
    }
  }

  boolean approved();

  record Approve(UnsignedSpend spend) implements PolicyVerdict {
    public Approve {
      Objects.requireNonNull(spend, "spend");
    }

    @Override
    public boolean approved() {
      return true;
    }
  }

  record Reject(Reason reason, String detail) implements PolicyVerdict {
    public Reject {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean approved() {
      return false;
    }
  }
}
