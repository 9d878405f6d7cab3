package dev.frostgate.bitcoin.spend;

/**
 * A spend that cannot be built, signed, bumped or released. {@link #reason()} says what class of
 * problem it is; the message says what exactly and where (input or output index, amounts).
 */
public final class SpendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a spend was refused. */
  public enum Reason {
    /** The recipe has no inputs. */
    NO_INPUTS,
    /** The recipe has no outputs (neither recipients nor change). */
    NO_OUTPUTS,
    /** The same outpoint is spent twice. */
    DUPLICATE_INPUT,
    /** A derivation index outside 0..2^31-1, or a malformed outpoint. */
    INVALID_INPUT,
    /** An amount below zero (or zero where a positive amount is required). */
    NEGATIVE_AMOUNT,
    /** An amount, or a sum of amounts, above 21,000,000 BTC. */
    AMOUNT_OVERFLOW,
    /** An address that does not decode (checksum, format, witness rules). */
    INVALID_ADDRESS,
    /** An address of another network than the group's. */
    WRONG_NETWORK,
    /** An output script that is not a standard output type. */
    NONSTANDARD_SCRIPT,
    /** An output below its dust threshold. */
    DUST_OUTPUT,
    /** More outputs than the policy allows. */
    TOO_MANY_OUTPUTS,
    /** The signed transaction would weigh more than 400,000 weight units. */
    TX_TOO_LARGE,
    /** A fee rate of zero, below the minimum relay rate, or absurdly high. */
    INVALID_FEE_RATE,
    /** The inputs do not cover the outputs plus the fee. */
    INSUFFICIENT_FUNDS,
    /** The fee is above the request's cap. */
    FEE_CAP_EXCEEDED,
    /** A replacement changes inputs or recipients, or pays too little (BIP125). */
    INVALID_REPLACEMENT,
    /** The signatures do not match the transaction (count, length). */
    BAD_SIGNATURES,
    /** FROST signing failed (a share did not verify, a signer is missing). */
    SIGNING_FAILED,
    /** The finished transaction fails the script interpreter: it must never be broadcast. */
    SCRIPT_VALIDATION_FAILED
  }

  private final Reason reason;

  public SpendException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public SpendException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
