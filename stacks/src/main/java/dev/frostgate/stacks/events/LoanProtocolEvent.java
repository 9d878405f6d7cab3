package dev.frostgate.stacks.events;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The events of loan-protocol-v2 that validators act on, decoded from the contract's print
 * payloads; every other event is {@link Other}. Hashes and scripts are hex, in the byte order the
 * contract holds them (txids in Bitcoin's internal order).
 */
public sealed interface LoanProtocolEvent {

  /**
   * The contract's event name (the payload's "event" field): the names that {@link
   * LoanProtocolEvents#decode} maps to records, and {@link Other}'s own for the rest.
   */
  default String name() {
    return switch (this) {
      case BitcoinAddressNeeded e -> "bitcoin-address-needed";
      case DepositReady e -> "deposit-ready";
      case DepositConfirmed e -> "deposit-confirmed";
      case ActionRequest e -> "action-request";
      case ActionConfirmed e -> "action-confirmed";
      case Other e -> e.name(); // the record's accessor, which overrides this method
    };
  }

  /** A new loan needs its Taproot address from the validators. */
  record BitcoinAddressNeeded(long loanId, String borrower, long collateralSats)
      implements LoanProtocolEvent {}

  /** M validators agreed on the loan's scriptPubKey; the borrower may deposit. */
  record DepositReady(long loanId, String script, long collateralSats)
      implements LoanProtocolEvent {}

  /** A deposit proof was accepted. */
  record DepositConfirmed(long loanId, String txid, long vout, long amountSats, long burnHeight)
      implements LoanProtocolEvent {}

  /** Move the loan's collateral: action "release", "claim" or "refund", all terms from state. */
  record ActionRequest(
      long requestId,
      long loanId,
      String action,
      String utxoTxid,
      long utxoVout,
      long amountSats,
      String recipientScript)
      implements LoanProtocolEvent {}

  /** M validators reported the same Bitcoin txid for a request. */
  record ActionConfirmed(long requestId, long loanId, String action, String txid, String loanStatus)
      implements LoanProtocolEvent {}

  /** Any other event (votes, bids, administration), kept as its payload. */
  record Other(String name, dev.frostgate.stacks.clarity.ClarityValue.Tuple payload)
      implements LoanProtocolEvent {}

  /** Formats bytes as the lower-case hex used in these records. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A uint that must fit a long (ids, satoshis, heights). */
  static long exactLong(BigInteger v, String field) throws EventDecodeException {
    if (v.bitLength() > 63) {
      throw new EventDecodeException("field '" + field + "' does not fit 63 bits: " + v);
    }
    return v.longValue();
  }
}
