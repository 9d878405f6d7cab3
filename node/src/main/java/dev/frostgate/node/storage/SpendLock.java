package dev.frostgate.node.storage;

import java.util.Objects;

/**
 * A spend lock: this node signed transaction txHash, for request requestId, spending outpoint,
 * paying feeSat in fees to the recipients whose digest is recipientsDigest ({@link
 * SpendProposal#recipientsDigest}).
 */
public record SpendLock(
    Outpoint outpoint, Bytes txHash, Bytes requestId, long feeSat, Bytes recipientsDigest) {
  public SpendLock {
    Objects.requireNonNull(outpoint, "outpoint");
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(recipientsDigest, "recipientsDigest");
  }
}
