package dev.frostgate.bitcoin.watch;

import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The P2TR scripts and addresses of deposits {@code 0 .. lookahead-1} under a threshold xpub
 * ({@code <xpub>/0/n}, BIP341-tweaked with an empty script tree), for matching outputs to deposit
 * indexes. Pure.
 */
public final class DepositScripts {
  /** Lookahead used when none is given. */
  public static final int DEFAULT_LOOKAHEAD = 100;

  /** Upper bound, as Core's range limit for a descriptor import. */
  public static final int MAX_LOOKAHEAD = 1_000_000;

  private static final HexFormat HEX = HexFormat.of();

  private final ThresholdXpub xpub;
  private final int lookahead;
  private final Map<String, Long> byScript;
  private final Map<String, Long> byAddress;

  private DepositScripts(ThresholdXpub xpub, int lookahead) {
    this.xpub = xpub;
    this.lookahead = lookahead;
    this.byScript = new HashMap<>(lookahead * 2);
    this.byAddress = new HashMap<>(lookahead * 2);
    for (long n = 0; n < lookahead; n++) {
      TaprootOutput out = xpub.depositOutput(n);
      byScript.put(HEX.formatHex(out.scriptPubKey()), n);
      byAddress.put(out.address(xpub.network()), n);
    }
  }

  /**
   * Derives deposit addresses {@code 0 .. lookahead-1}.
   *
   * @throws IllegalArgumentException if lookahead is not 1..{@value #MAX_LOOKAHEAD}
   */
  public static DepositScripts derive(ThresholdXpub xpub, int lookahead) {
    Objects.requireNonNull(xpub, "xpub");
    if (lookahead < 1 || lookahead > MAX_LOOKAHEAD) {
      throw new IllegalArgumentException(
          "lookahead must be 1.." + MAX_LOOKAHEAD + ", got " + lookahead);
    }
    return new DepositScripts(xpub, lookahead);
  }

  public ThresholdXpub xpub() {
    return xpub;
  }

  public int lookahead() {
    return lookahead;
  }

  /** {@code tr(<xpub>/0/*)#checksum}: the descriptor that covers every deposit address. */
  public String descriptor() {
    return Descriptor.taprootRange(xpub, 0);
  }

  /** The deposit index whose output script this is, if within the lookahead. */
  public OptionalLong indexOf(byte[] scriptPubKey) {
    Long n = byScript.get(HEX.formatHex(scriptPubKey));
    return n == null ? OptionalLong.empty() : OptionalLong.of(n);
  }

  /** The deposit index whose address this is, if within the lookahead. */
  public OptionalLong indexOfAddress(String address) {
    Long n = byAddress.get(address);
    return n == null ? OptionalLong.empty() : OptionalLong.of(n);
  }

  /** The address of deposit {@code n} (any index, not only within the lookahead). */
  public String address(long n) {
    return xpub.depositAddress(n);
  }
}
