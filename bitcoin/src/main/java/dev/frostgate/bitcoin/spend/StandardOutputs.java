package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.SegwitAddress;
import java.util.HexFormat;

/**
 * Output standardness as Bitcoin Core's relay policy sees it: which scripts are standard and each
 * one's dust threshold (at the default dust relay fee of 3 sat/vB, GetDustThreshold).
 */
public final class StandardOutputs {
  /** Bitcoin Core's DUST_RELAY_TX_FEE: 3000 sat/kvB. */
  public static final long DUST_RELAY_SAT_PER_KVB = 3000;

  private StandardOutputs() {}

  /**
   * Decodes an address of {@code network} to its scriptPubKey.
   *
   * @throws SpendException WRONG_NETWORK if the address belongs to another network, INVALID_ADDRESS
   *     if it does not decode
   */
  public static byte[] addressScript(String address, Network network, String where) {
    try {
      return SegwitAddress.decode(address, network).scriptPubKey();
    } catch (CryptoException e) {
      for (Network other : Network.values()) {
        if (!other.hrp().equals(network.hrp())) {
          try {
            SegwitAddress.decode(address, other);
            throw new SpendException(
                SpendException.Reason.WRONG_NETWORK,
                where
                    + " address "
                    + address
                    + " is a "
                    + other
                    + " address, the group is on "
                    + network);
          } catch (CryptoException ignored) {
            // not this network either
          }
        }
      }
      throw new SpendException(
          SpendException.Reason.INVALID_ADDRESS,
          where + " address '" + address + "' is invalid: " + e.getMessage(),
          e);
    }
  }

  /**
   * @throws SpendException NONSTANDARD_SCRIPT unless the script is P2PKH, P2SH, or a witness
   *     program (v0 with 20 or 32 bytes, v1..v16 with 2..40 bytes)
   */
  public static void checkStandard(byte[] script, String where) {
    if (!isStandard(script)) {
      throw new SpendException(
          SpendException.Reason.NONSTANDARD_SCRIPT,
          where + " script " + HexFormat.of().formatHex(script) + " is not a standard output type");
    }
  }

  static boolean isStandard(byte[] s) {
    return isP2pkh(s) || isP2sh(s) || isWitnessProgram(s);
  }

  static boolean isP2pkh(byte[] s) {
    return s.length == 25
        && (s[0] & 0xff) == 0x76
        && (s[1] & 0xff) == 0xa9
        && s[2] == 20
        && (s[23] & 0xff) == 0x88
        && (s[24] & 0xff) == 0xac;
  }

  static boolean isP2sh(byte[] s) {
    return s.length == 23 && (s[0] & 0xff) == 0xa9 && s[1] == 20 && (s[22] & 0xff) == 0x87;
  }

  static boolean isWitnessProgram(byte[] s) {
    if (s.length < 4 || s.length > 42) {
      return false;
    }
    int op = s[0] & 0xff;
    if (op != 0 && (op < 0x51 || op > 0x60)) {
      return false;
    }
    if ((s[1] & 0xff) + 2 != s.length) {
      return false;
    }
    return op != 0 || s.length == 22 || s.length == 34;
  }

  /**
   * Bitcoin Core's GetDustThreshold at 3 sat/vB: (serialized output size + size of the input that
   * would spend it) · 3, where a witness input counts 32+4+1+107/4+4 = 67 bytes and any other 148.
   * P2TR: 330, P2WPKH: 294, P2WSH: 330, P2PKH: 546, P2SH: 540.
   */
  public static long dustThreshold(byte[] script) {
    long outSize = 8 + compactSizeLength(script.length) + script.length;
    long spend = isWitnessProgram(script) ? 32 + 4 + 1 + 107 / 4 + 4 : 32 + 4 + 1 + 107 + 4;
    return (outSize + spend) * DUST_RELAY_SAT_PER_KVB / 1000;
  }

  static int compactSizeLength(long n) {
    return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
  }
}
