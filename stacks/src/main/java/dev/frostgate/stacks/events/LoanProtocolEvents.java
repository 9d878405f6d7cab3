package dev.frostgate.stacks.events;

import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.address.StacksAddressException;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityDecodeException;
import dev.frostgate.stacks.clarity.ClarityValue;

/** Decodes loan-protocol-v2 print payloads into {@link LoanProtocolEvent}s. */
public final class LoanProtocolEvents {
  private LoanProtocolEvents() {}

  /** Decodes a serialized print payload (hex, as the node's event observer sends it). */
  public static LoanProtocolEvent decodeHex(String rawValueHex) throws EventDecodeException {
    try {
      return decode(ClarityCodec.deserializeHex(rawValueHex));
    } catch (ClarityDecodeException e) {
      throw new EventDecodeException("event payload is not a Clarity value: " + e.getMessage());
    }
  }

  public static LoanProtocolEvent decode(ClarityValue payload) throws EventDecodeException {
    if (!(payload instanceof ClarityValue.Tuple t)) {
      throw new EventDecodeException("event payload is a " + payload.type() + ", not a tuple");
    }
    String name = ascii(t, "event");
    return switch (name) {
      case "bitcoin-address-needed" ->
          new LoanProtocolEvent.BitcoinAddressNeeded(
              uint(t, "loan-id"), principal(t, "borrower"), uint(t, "collateral-sats"));
      case "deposit-ready" ->
          new LoanProtocolEvent.DepositReady(
              uint(t, "loan-id"), buffer(t, "script"), uint(t, "collateral-sats"));
      case "deposit-confirmed" ->
          new LoanProtocolEvent.DepositConfirmed(
              uint(t, "loan-id"),
              buffer(t, "txid"),
              uint(t, "vout"),
              uint(t, "amount-sats"),
              uint(t, "burn-height"));
      case "action-request" ->
          new LoanProtocolEvent.ActionRequest(
              uint(t, "request-id"),
              uint(t, "loan-id"),
              ascii(t, "action"),
              buffer(t, "utxo-txid"),
              uint(t, "utxo-vout"),
              uint(t, "amount-sats"),
              buffer(t, "recipient-script"));
      case "action-confirmed" ->
          new LoanProtocolEvent.ActionConfirmed(
              uint(t, "request-id"),
              uint(t, "loan-id"),
              ascii(t, "action"),
              buffer(t, "txid"),
              ascii(t, "loan-status"));
      default -> new LoanProtocolEvent.Other(name, t);
    };
  }

  private static ClarityValue field(ClarityValue.Tuple t, String name) throws EventDecodeException {
    ClarityValue v = t.fields().get(name);
    if (v == null) {
      throw new EventDecodeException("event " + t.fields().get("event") + " lacks '" + name + "'");
    }
    return v;
  }

  private static EventDecodeException wrongType(String name, ClarityValue v, String expected) {
    return new EventDecodeException(
        "field '" + name + "' is a " + v.type() + ", expected " + expected);
  }

  /** The field {@code name} as a value of class {@code type}, or a wrong-type error. */
  private static <V extends ClarityValue> V typed(
      ClarityValue.Tuple t, String name, Class<V> type, String expected)
      throws EventDecodeException {
    ClarityValue v = field(t, name);
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw wrongType(name, v, expected);
  }

  private static String ascii(ClarityValue.Tuple t, String name) throws EventDecodeException {
    return typed(t, name, ClarityValue.StringAscii.class, "string-ascii").value();
  }

  private static long uint(ClarityValue.Tuple t, String name) throws EventDecodeException {
    return LoanProtocolEvent.exactLong(
        typed(t, name, ClarityValue.UInt.class, "uint").value(), name);
  }

  private static String buffer(ClarityValue.Tuple t, String name) throws EventDecodeException {
    return typed(t, name, ClarityValue.Buffer.class, "buffer").hex();
  }

  private static String principal(ClarityValue.Tuple t, String name) throws EventDecodeException {
    ClarityValue.StandardPrincipal p =
        typed(t, name, ClarityValue.StandardPrincipal.class, "standard principal");
    // Clarity allows principal versions 0..31; only four of them are Stacks address versions.
    try {
      return StacksAddress.of(p).toString();
    } catch (StacksAddressException e) {
      throw new EventDecodeException("field '" + name + "': " + e.getMessage());
    }
  }
}
