package dev.frostgate.node.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A fault a devnet validator injects into what it sends, for testing that the honest validators
 * exclude or blame it and still complete requests ({@code frostgate node run --byzantine MODE},
 * refused unless the network is regtest). The engine stays honest: {@link ByzantineOutput} rewrites
 * its messages after it made them, before they are sealed.
 */
public enum ByzantineMode {
  /** Its signature shares are altered (each plus one) so they fail verification. */
  INVALID_SHARES,
  /**
   * As leader, it sends each other validator a second, different proposal for the same request and
   * attempt after the real one.
   */
  EQUIVOCATE,
  /** It sends its commitments but never a share. */
  WITHHOLD,
  /**
   * It also proposes for attempts it does not lead: every proposal it receives, it sends to every
   * other validator again under its own name.
   */
  WRONG_LEADER;

  /** The command-line name: {@code invalid-shares}, {@code equivocate}, ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The mode named {@code name} on the command line, or an error listing the modes. */
  public static ByzantineMode parse(String name) {
    for (ByzantineMode m : values()) {
      if (m.cliName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown Byzantine mode '" + name + "' (expected one of " + names() + ")");
  }

  /** The modes' command-line names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(ByzantineMode::cliName).collect(Collectors.joining(", "));
  }
}
