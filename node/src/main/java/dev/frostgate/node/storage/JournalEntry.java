package dev.frostgate.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One journal row: the nonce commitment this node used in a session, the 32-byte message hashes it
 * signed with it and the digest of the whole signing package it answered ({@code
 * dev.frostgate.engine.PackageDigest}; empty for rows written before schema version 5). {@code
 * boot} is the start of the node that wrote it (0 = imported).
 */
public record JournalEntry(
    Bytes sessionId,
    List<Bytes> messageHashes,
    Bytes commitment,
    long boot,
    Instant createdAt,
    Optional<Instant> voidedAt,
    Optional<Bytes> packageDigest) {
  public JournalEntry {
    Objects.requireNonNull(sessionId, "sessionId");
    messageHashes = List.copyOf(messageHashes);
    Objects.requireNonNull(commitment, "commitment");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(voidedAt, "voidedAt");
    Objects.requireNonNull(packageDigest, "packageDigest");
  }

  public boolean voided() {
    return voidedAt.isPresent();
  }
}
