package dev.frostgate.engine.spendlock;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spend-lock rule, a pure function (as Teku's {@code ValidatorSigningRecord.maySignBlock}): the
 * node never signs two transactions that could both confirm for conflicting purposes. A proposal is
 * approved only if
 *
 * <ol>
 *   <li>its fee is within the cap ({@link SpendVerdict.Reason#FEE_ABOVE_CAP}), and
 *   <li>no outpoint it spends is locked by another request ({@link
 *       SpendVerdict.Reason#CONFLICTING_SPEND}), and
 *   <li>it is a transaction already approved, or the request has no signed transaction yet, or it
 *       is a fee bump of the request: it shares an input with every earlier transaction of the
 *       request, so at most one of them can ever confirm ({@link
 *       SpendVerdict.Reason#NOT_A_REPLACEMENT}), pays the same recipients ({@link
 *       SpendVerdict.Reason#RECIPIENTS_CHANGED}), and pays more fee than each of them ({@link
 *       SpendVerdict.Reason#FEE_NOT_HIGHER}).
 * </ol>
 *
 * The journal applies it inside the durable commit that writes the approved locks (write, then
 * sign); the signer asks it read-only before it commits to a proposal.
 */
public final class SpendLockRule {
  private SpendLockRule() {}

  /**
   * Decides whether {@code proposal} may be signed, given the existing locks on its outpoints and
   * of its request (more locks may be passed; the others are ignored).
   */
  public static SpendVerdict maySign(
      Collection<SpendLock> existingLocks, SpendProposal proposal, Satoshi feeCap) {
    long proposedFee = proposal.fee().getSat();
    // Rule 1: the fee cap.
    if (proposedFee > feeCap.getSat()) {
      return new SpendVerdict.Reject(
          SpendVerdict.Reason.FEE_ABOVE_CAP,
          "fee " + proposedFee + " sat is above the cap of " + feeCap.getSat() + " sat");
    }
    // Rule 2: no input locked by another request.
    Set<OutPoint> inputs = Set.copyOf(proposal.inputs());
    for (SpendLock lock : existingLocks) {
      if (inputs.contains(lock.outpoint()) && !lock.request().equals(proposal.request())) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.CONFLICTING_SPEND,
            "outpoint "
                + lock.outpoint()
                + " is locked by transaction "
                + lock.tx()
                + " of request "
                + lock.request());
      }
    }
    // Rule 3: the request's earlier transactions, each with its inputs.
    Map<TxId, List<SpendLock>> earlier =
        existingLocks.stream()
            .filter(l -> l.request().equals(proposal.request()))
            .collect(Collectors.groupingBy(SpendLock::tx, LinkedHashMap::new, Collectors.toList()));
    if (earlier.containsKey(proposal.tx())) {
      Set<SpendLock> have = Set.copyOf(earlier.get(proposal.tx()));
      return new SpendVerdict.Approve(
          SpendVerdict.Kind.SAME_TRANSACTION,
          proposal.locks().stream().filter(l -> !have.contains(l)).toList());
    }
    if (earlier.isEmpty()) {
      return new SpendVerdict.Approve(SpendVerdict.Kind.NEW, proposal.locks());
    }
    var digest = proposal.recipientsDigest();
    for (Map.Entry<TxId, List<SpendLock>> tx : earlier.entrySet()) {
      List<SpendLock> locks = tx.getValue();
      if (locks.stream().noneMatch(l -> inputs.contains(l.outpoint()))) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.NOT_A_REPLACEMENT,
            "request "
                + proposal.request()
                + " was signed as transaction "
                + tx.getKey()
                + ", which shares no input with this one: both could confirm");
      }
      if (locks.stream().anyMatch(l -> !l.recipientsDigest().equals(digest))) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.RECIPIENTS_CHANGED,
            "transaction " + tx.getKey() + " of the same request pays other recipients");
      }
      long fee = locks.stream().mapToLong(l -> l.fee().getSat()).max().orElseThrow();
      if (proposedFee <= fee) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.FEE_NOT_HIGHER,
            "fee "
                + proposedFee
                + " sat does not exceed the "
                + fee
                + " sat of transaction "
                + tx.getKey());
      }
    }
    return new SpendVerdict.Approve(SpendVerdict.Kind.FEE_BUMP, proposal.locks());
  }
}
