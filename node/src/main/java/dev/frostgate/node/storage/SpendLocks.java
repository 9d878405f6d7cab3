package dev.frostgate.node.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spend-lock rule, a pure function: the node never signs two transactions that could both
 * confirm for conflicting purposes. A proposal is approved only if
 *
 * <ul>
 *   <li>its fee is within the cap, and
 *   <li>no outpoint it spends is locked by another request, and
 *   <li>it is a transaction already approved, or the request has no signed transaction yet, or it
 *       is a fee bump of the request: it shares an input with every earlier transaction of the
 *       request (so at most one of them can ever confirm), pays the same recipients, and pays more
 *       fee than each of them.
 * </ul>
 */
public final class SpendLocks {
  private SpendLocks() {}

  /**
   * Decides whether proposal may be signed, given the existing locks on its outpoints and of its
   * request (more locks may be passed; the others are ignored).
   */
  public static SpendVerdict maySign(
      Collection<SpendLock> existingLocks, SpendProposal proposal, long feeCapSat) {
    if (proposal.feeSat() > feeCapSat) {
      return new SpendVerdict.Reject(
          SpendVerdict.Reason.FEE_ABOVE_CAP,
          "fee " + proposal.feeSat() + " sat is above the cap of " + feeCapSat + " sat");
    }
    Set<Outpoint> inputs = Set.copyOf(proposal.inputs());
    for (SpendLock lock : existingLocks) {
      if (inputs.contains(lock.outpoint()) && !lock.requestId().equals(proposal.requestId())) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.CONFLICTING_SPEND,
            "outpoint "
                + lock.outpoint()
                + " is locked by transaction "
                + lock.txHash()
                + " of request "
                + lock.requestId());
      }
    }
    // The request's earlier transactions, each with its inputs.
    Map<Bytes, List<SpendLock>> earlier =
        existingLocks.stream()
            .filter(l -> l.requestId().equals(proposal.requestId()))
            .collect(
                Collectors.groupingBy(SpendLock::txHash, LinkedHashMap::new, Collectors.toList()));
    if (earlier.containsKey(proposal.txHash())) {
      Set<SpendLock> have = Set.copyOf(earlier.get(proposal.txHash()));
      return new SpendVerdict.Approve(
          SpendVerdict.Kind.SAME_TRANSACTION,
          proposal.locks().stream().filter(l -> !have.contains(l)).toList());
    }
    if (earlier.isEmpty()) {
      return new SpendVerdict.Approve(SpendVerdict.Kind.NEW, proposal.locks());
    }
    Bytes digest = proposal.recipientsDigest();
    for (Map.Entry<Bytes, List<SpendLock>> tx : earlier.entrySet()) {
      List<SpendLock> locks = tx.getValue();
      if (locks.stream().noneMatch(l -> inputs.contains(l.outpoint()))) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.NOT_A_REPLACEMENT,
            "request "
                + proposal.requestId()
                + " was signed as transaction "
                + tx.getKey()
                + ", which shares no input with this one: both could confirm");
      }
      if (locks.stream().anyMatch(l -> !l.recipientsDigest().equals(digest))) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.RECIPIENTS_CHANGED,
            "transaction " + tx.getKey() + " of the same request pays other recipients");
      }
      long fee = locks.stream().mapToLong(SpendLock::feeSat).max().orElseThrow();
      if (proposal.feeSat() <= fee) {
        return new SpendVerdict.Reject(
            SpendVerdict.Reason.FEE_NOT_HIGHER,
            "fee "
                + proposal.feeSat()
                + " sat does not exceed the "
                + fee
                + " sat of transaction "
                + tx.getKey());
      }
    }
    return new SpendVerdict.Approve(SpendVerdict.Kind.FEE_BUMP, proposal.locks());
  }
}
