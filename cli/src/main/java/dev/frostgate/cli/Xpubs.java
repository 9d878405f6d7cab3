package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.Locale;
import java.util.Optional;

/** Parses the --xpub option of the address and descriptor commands, with clear errors (exit 2). */
final class Xpubs {
  private Xpubs() {}

  /**
   * Parses a root xpub/tpub and, when a network is given, checks that the key's version belongs to
   * it (mainnet takes an xpub; testnet, signet and regtest take a tpub).
   *
   * @throws BadInputException naming --xpub and the problem
   */
  static ThresholdXpub parse(String text, Optional<Network> network) {
    ThresholdXpub parsed;
    try {
      parsed = ThresholdXpub.parse(text.strip());
    } catch (CryptoException e) {
      throw new BadInputException(
          "--xpub: not a valid root extended public key: " + e.getMessage());
    }
    if (network.isEmpty()) {
      return parsed;
    }
    Network net = network.get();
    int version = parsed.network().xpubVersion();
    if (version != net.xpubVersion()) {
      throw new BadInputException(
          "--xpub: version mismatch: the key is "
              + prefix(version)
              + " (version 0x"
              + String.format("%08x", version)
              + ", "
              + (version == Network.MAINNET.xpubVersion() ? "mainnet" : "testnet/signet/regtest")
              + ") but --network "
              + name(net)
              + " needs "
              + prefix(net.xpubVersion())
              + " (version 0x"
              + String.format("%08x", net.xpubVersion())
              + ")");
    }
    try {
      return ThresholdXpub.parse(text.strip(), net);
    } catch (CryptoException e) {
      throw new BadInputException("--xpub: " + e.getMessage());
    }
  }

  static String name(Network net) {
    return net.name().toLowerCase(Locale.ROOT);
  }

  private static String prefix(int version) {
    return version == Network.MAINNET.xpubVersion() ? "an xpub" : "a tpub";
  }
}
