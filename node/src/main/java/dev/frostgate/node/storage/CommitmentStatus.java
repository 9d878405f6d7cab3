package dev.frostgate.node.storage;

/** What the journal knows about a nonce commitment. */
public sealed interface CommitmentStatus {
  /** Never recorded: the node has not signed with it. */
  record NotIssued() implements CommitmentStatus {}

  /** Recorded by this run of the node: its one share was made; never recorded again. */
  record Issued(JournalEntry entry) implements CommitmentStatus {}

  /** Recorded before the last restart or imported: never honoured again. */
  record Voided(JournalEntry entry) implements CommitmentStatus {}
}
