package dev.frostgate.bitcoin.spend;

import fr.acinq.bitcoin.Satoshi;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A recipient: an address (checked against the group's network when the spend is built) or a raw
 * output script, and an amount (its range is checked when the spend is built).
 */
public record SpendOutput(Destination destination, Satoshi amount) {
  public SpendOutput {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(amount, "amount");
  }

  /** Where an output pays to. */
  public sealed interface Destination permits Address, Script {}

  /** A segwit (bech32/bech32m) address string. */
  public record Address(String address) implements Destination {
    public Address {
      Objects.requireNonNull(address, "address");
    }
  }

  /** A raw scriptPubKey (must be a standard output type). */
  public record Script(byte[] scriptPubKey) implements Destination {
    public Script {
      scriptPubKey = scriptPubKey.clone();
    }

    @Override
    public byte[] scriptPubKey() {
      return scriptPubKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Script s && Arrays.equals(s.scriptPubKey, scriptPubKey);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(scriptPubKey);
    }

    @Override
    public String toString() {
      return "Script[" + HexFormat.of().formatHex(scriptPubKey) + "]";
    }
  }

  public static SpendOutput toAddress(String address, Satoshi amount) {
    return new SpendOutput(new Address(address), amount);
  }

  public static SpendOutput toScript(byte[] scriptPubKey, Satoshi amount) {
    return new SpendOutput(new Script(scriptPubKey), amount);
  }
}
