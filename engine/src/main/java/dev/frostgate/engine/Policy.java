package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.PolicyVerdict.Reason;
import dev.frostgate.engine.PolicyVerdict.Reject;
import dev.frostgate.engine.spendlock.SpendLock;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The signing policy, a pure function: (request, proposed transaction, chain facts, spend locks,
 * time) → verdict. Each signer rebuilds the transaction from the request itself (deterministic
 * {@link SpendBuilder}) and approves only the exact bytes and sighashes it built.
 */
public final class Policy {
  private Policy() {}

  /** What the policy looks at besides the proposal. */
  public record Facts(
      ChainFacts chain,
      Function<OutPoint, Optional<SpendLock>> locks,
      long now,
      ThresholdXpub xpub,
      PolicyConfig config) {}

  public static PolicyVerdict evaluate(
      Optional<SpendRequest> maybeRequest, Message.Proposal proposal, Facts facts) {
    if (maybeRequest.isEmpty()) {
      return reject(Reason.UNKNOWN_REQUEST, "no request " + proposal.request() + " on chain");
    }
    SpendRequest request = maybeRequest.get();
    if (!request.id().equals(proposal.request())) {
      return reject(Reason.UNKNOWN_REQUEST, "proposal names another request");
    }
    if (facts.now() > request.expiresAt()) {
      return reject(Reason.REQUEST_EXPIRED, "request expired at " + request.expiresAt());
    }
    // The request's own coins must be ours and confirmed.
    for (SpendInput in : request.recipe().inputs()) {
      PolicyVerdict v = checkCoin(in.outpoint(), Optional.of(in), facts);
      if (v != null) {
        return v;
      }
    }
    UnsignedSpend rebuilt;
    try {
      rebuilt = SpendBuilder.build(request.recipe(), facts.xpub());
    } catch (SpendException e) {
      if (e.reason() == SpendException.Reason.FEE_CAP_EXCEEDED) {
        return reject(Reason.FEE_ABOVE_CAP, e.getMessage());
      }
      return reject(Reason.INVALID_REQUEST, e.getMessage());
    }
    long feeCapSat = facts.config().feeCap().getSat();
    if (rebuilt.fee().getSat() > feeCapSat) {
      return reject(
          Reason.FEE_ABOVE_CAP,
          "fee " + rebuilt.fee().getSat() + " sat above the cap of " + feeCapSat);
    }
    Transaction proposed;
    try {
      proposed = Transaction.read(proposal.tx().toByteArray());
    } catch (RuntimeException e) {
      return reject(Reason.MALFORMED_PROPOSAL, "proposed transaction does not decode");
    }
    // Inputs: each must be one of our confirmed coins, and the set must be the request's.
    long proposedIn = 0;
    Set<OutPoint> proposedInputs = new HashSet<>();
    for (TxIn in : proposed.txIn) {
      PolicyVerdict v = checkCoin(in.outPoint, Optional.empty(), facts);
      if (v != null) {
        return v;
      }
      if (!proposedInputs.add(in.outPoint)) {
        return reject(Reason.MALFORMED_PROPOSAL, "input " + in.outPoint + " spent twice");
      }
      proposedIn += facts.chain().coin(in.outPoint).orElseThrow().amount().getSat();
    }
    Set<OutPoint> ownInputs = new HashSet<>();
    for (TxIn in : rebuilt.tx().txIn) {
      ownInputs.add(in.outPoint);
    }
    if (!proposedInputs.equals(ownInputs)) {
      return reject(Reason.INPUT_MISMATCH, "proposal spends other coins than the request");
    }
    // Outputs: same recipients (scripts), same amounts.
    List<TxOut> mine = rebuilt.tx().txOut;
    List<TxOut> theirs = proposed.txOut;
    long proposedOut = 0;
    for (TxOut o : theirs) {
      proposedOut += o.amount.getSat();
    }
    long fee = proposedIn - proposedOut;
    if (fee > Math.min(request.recipe().feeCap().getSat(), feeCapSat)) {
      return reject(Reason.FEE_ABOVE_CAP, "proposed fee " + fee + " sat above the cap");
    }
    if (mine.size() != theirs.size()) {
      return reject(
          Reason.RECIPIENT_MISMATCH, theirs.size() + " outputs, the request has " + mine.size());
    }
    for (int i = 0; i < mine.size(); i++) {
      if (!mine.get(i).publicKeyScript.equals(theirs.get(i).publicKeyScript)) {
        return reject(Reason.RECIPIENT_MISMATCH, "output " + i + " pays another script");
      }
    }
    for (int i = 0; i < mine.size(); i++) {
      if (mine.get(i).amount.getSat() != theirs.get(i).amount.getSat()) {
        return reject(Reason.AMOUNT_MISMATCH, "output " + i + " amount differs");
      }
    }
    if (!Arrays.equals(rebuilt.bytes(), proposal.tx().toByteArray())) {
      return reject(Reason.TRANSACTION_MISMATCH, "proposed bytes differ from the rebuilt spend");
    }
    List<byte[]> hashes = rebuilt.sigHashes();
    if (hashes.size() != proposal.messages().size()) {
      return reject(Reason.MESSAGE_MISMATCH, "message count differs from the input count");
    }
    for (int i = 0; i < hashes.size(); i++) {
      if (!Arrays.equals(hashes.get(i), proposal.messages().get(i).bytes())) {
        return reject(
            Reason.MESSAGE_MISMATCH, "message " + i + " is not input " + i + "'s sighash");
      }
    }
    for (OutPoint o : ownInputs) {
      Optional<SpendLock> lock = facts.locks().apply(o);
      if (lock.isPresent() && !lock.get().request().equals(request.id())) {
        return reject(
            Reason.CONFLICTING_SPEND, o + " is locked by request " + lock.get().request());
      }
    }
    return new PolicyVerdict.Approve(rebuilt);
  }

  private static PolicyVerdict checkCoin(OutPoint o, Optional<SpendInput> claimed, Facts facts) {
    Optional<ChainFacts.OwnedCoin> coin = facts.chain().coin(o);
    if (coin.isEmpty()) {
      return reject(Reason.INPUT_NOT_OURS, o + " is not one of the group's coins");
    }
    ChainFacts.OwnedCoin c = coin.get();
    if (claimed.isPresent()) {
      SpendInput in = claimed.get();
      if (!in.amount().equals(c.amount()) || in.branch() != c.branch() || in.index() != c.index()) {
        return reject(Reason.INPUT_NOT_OURS, o + ": amount or key path differs from the chain's");
      }
    }
    if (c.confirmations() < facts.config().minConfirmations()) {
      return reject(
          Reason.INPUT_NOT_CONFIRMED,
          o
              + " has "
              + c.confirmations()
              + " confirmation(s), needs "
              + facts.config().minConfirmations());
    }
    return null;
  }

  private static Reject reject(Reason r, String detail) {
    return new Reject(r, detail);
  }
}
