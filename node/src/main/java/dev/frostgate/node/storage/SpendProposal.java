package dev.frostgate.node.storage;

import dev.frostgate.crypto.hash.Hashes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A transaction this node is asked to sign: the request it serves, its hash, the outpoints it
 * spends, its recipients (the payment outputs, change excluded) and its fee.
 */
public record SpendProposal(
    Bytes requestId, Bytes txHash, List<Outpoint> inputs, List<Recipient> recipients, long feeSat) {

  /** A payment output: scriptPubKey and amount. */
  public record Recipient(Bytes scriptPubKey, long amountSat) {
    public Recipient {
      Objects.requireNonNull(scriptPubKey, "scriptPubKey");
      if (amountSat < 0) {
        throw new IllegalArgumentException("amount must not be negative");
      }
    }
  }

  public SpendProposal {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(txHash, "txHash");
    inputs = List.copyOf(inputs);
    recipients = List.copyOf(recipients);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a transaction spends at least one outpoint");
    }
    if (new HashSet<>(inputs).size() != inputs.size()) {
      throw new IllegalArgumentException("a transaction spends each outpoint once");
    }
    if (feeSat < 0) {
      throw new IllegalArgumentException("fee must not be negative, got " + feeSat);
    }
  }

  /**
   * SHA-256 over the recipients in canonical order (sorted by script, then amount), each as script
   * length (4 bytes), script, amount (8 bytes): two transactions pay the same recipients iff their
   * digests are equal.
   */
  public Bytes recipientsDigest() {
    List<Recipient> sorted = new ArrayList<>(recipients);
    sorted.sort(
        (a, b) -> {
          int c = a.scriptPubKey().compareTo(b.scriptPubKey());
          return c != 0 ? c : Long.compare(a.amountSat(), b.amountSat());
        });
    List<byte[]> parts = new ArrayList<>();
    for (Recipient r : sorted) {
      byte[] script = r.scriptPubKey().toArray();
      parts.add(ByteBuffer.allocate(4).putInt(script.length).array());
      parts.add(script);
      parts.add(ByteBuffer.allocate(8).putLong(r.amountSat()).array());
    }
    return Bytes.of(Hashes.sha256(parts.toArray(byte[][]::new)));
  }

  /** The locks this transaction takes, one per input. */
  public List<SpendLock> locks() {
    Bytes digest = recipientsDigest();
    return inputs.stream()
        .sorted()
        .map(o -> new SpendLock(o, txHash, requestId, feeSat, digest))
        .toList();
  }
}
