package dev.frostgate.engine.spendlock;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A transaction this node is asked to sign, as the {@link SpendLockRule} sees it: the request it
 * serves, its txid, the outpoints it spends, its recipients (the payment outputs, change excluded)
 * and its fee.
 */
public record SpendProposal(
    RequestId request, TxId tx, List<OutPoint> inputs, List<Recipient> recipients, Satoshi fee) {

  /** A payment output: scriptPubKey and amount. */
  public record Recipient(ByteVector scriptPubKey, Satoshi amount) {
    public Recipient {
      Objects.requireNonNull(scriptPubKey, "scriptPubKey");
      Objects.requireNonNull(amount, "amount");
      if (amount.getSat() < 0) {
        throw new IllegalArgumentException("amount must not be negative");
      }
    }
  }

  /** Canonical recipient order of the digest: script (unsigned bytes), then amount. */
  private static final Comparator<Recipient> CANONICAL =
      Comparator.<Recipient, byte[]>comparing(
              r -> r.scriptPubKey().toByteArray(), Arrays::compareUnsigned)
          .thenComparingLong(r -> r.amount().getSat());

  public SpendProposal {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(tx, "tx");
    inputs = List.copyOf(inputs);
    recipients = List.copyOf(recipients);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a transaction spends at least one outpoint");
    }
    if (new HashSet<>(inputs).size() != inputs.size()) {
      throw new IllegalArgumentException("a transaction spends each outpoint once");
    }
    Objects.requireNonNull(fee, "fee");
    if (fee.getSat() < 0) {
      throw new IllegalArgumentException("fee must not be negative, got " + fee.getSat());
    }
  }

  /** The spend-lock view of {@code spend} for {@code request}: every output but the change. */
  public static SpendProposal of(UnsignedSpend spend, RequestId request) {
    List<OutPoint> inputs = new ArrayList<>();
    for (TxIn in : spend.tx().txIn) {
      inputs.add(in.outPoint);
    }
    List<Recipient> recipients = new ArrayList<>();
    List<TxOut> outs = spend.tx().txOut;
    for (int i = 0; i < outs.size(); i++) {
      if (spend.changeOutput().isPresent() && spend.changeOutput().getAsInt() == i) {
        continue;
      }
      TxOut o = outs.get(i);
      recipients.add(new Recipient(o.publicKeyScript, o.amount));
    }
    return new SpendProposal(request, spend.txid(), inputs, recipients, spend.fee());
  }

  /**
   * SHA-256 over the recipients in canonical order (sorted by script, then amount), each as script
   * length (4 bytes), script, amount (8 bytes): two transactions pay the same recipients iff their
   * digests are equal. Persisted (spend locks, journal export): the encoding never changes.
   */
  public ByteVector32 recipientsDigest() {
    List<byte[]> parts = new ArrayList<>();
    for (Recipient r : recipients.stream().sorted(CANONICAL).toList()) {
      byte[] script = r.scriptPubKey().toByteArray();
      parts.add(ByteBuffer.allocate(4).putInt(script.length).array());
      parts.add(script);
      parts.add(ByteBuffer.allocate(8).putLong(r.amount().getSat()).array());
    }
    return new ByteVector32(Hashes.sha256(parts.toArray(byte[][]::new)));
  }

  /** The locks this transaction takes, one per input, in {@link OutPointOrder}. */
  public List<SpendLock> locks() {
    ByteVector32 digest = recipientsDigest();
    return inputs.stream()
        .sorted(OutPointOrder.TXID_THEN_INDEX)
        .map(o -> new SpendLock(o, tx, request, fee, digest))
        .toList();
  }
}
