package dev.frostgate.regtest;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A descriptor wallet: the scripts it watches, with their descriptors, and for a wallet with
 * private keys the single-key Taproot secrets it can sign with. Balances and histories are read
 * from the chain and mempool by the node.
 */
final class Wallet {
  private static final HexFormat HEX = HexFormat.of();

  /** A script the wallet owns or watches. */
  record Owned(
      byte[] spk,
      Optional<String> address,
      String desc,
      Optional<String> parentDesc,
      boolean internal,
      Optional<SecretScalar> secret,
      Optional<String> label) {}

  /** An imported descriptor with its range and next unused index. */
  static final class Imported {
    final WalletDescriptor desc;
    final boolean active;
    final boolean internal;
    final int start;
    final int end;
    int next;

    Imported(
        WalletDescriptor desc, boolean active, boolean internal, int start, int end, int next) {
      this.desc = desc;
      this.active = active;
      this.internal = internal;
      this.start = start;
      this.end = end;
      this.next = next;
    }
  }

  final String name;
  final boolean privateKeys;
  final long createdAt;
  private final Map<String, Owned> scripts = new LinkedHashMap<>();
  final List<Imported> imported = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();

  Wallet(String name, boolean privateKeys, long createdAt) {
    this.name = name;
    this.privateKeys = privateKeys;
    this.createdAt = createdAt;
  }

  Optional<Owned> owned(byte[] spk) {
    return Optional.ofNullable(scripts.get(HEX.formatHex(spk)));
  }

  boolean isMine(byte[] spk) {
    return scripts.containsKey(HEX.formatHex(spk));
  }

  /** A fresh single-key Taproot output with a random secret (wallets with private keys). */
  Owned newKey(boolean internal, Optional<String> label) {
    SecretScalar d = SecretScalar.random(random);
    TaprootOutput out = TaprootOutput.of(d.publicPoint());
    String desc = Descriptor.withChecksum("tr(" + HEX.formatHex(d.publicPoint().xOnly()) + ")");
    Owned o =
        new Owned(
            out.scriptPubKey(),
            Optional.of(out.address(Network.REGTEST)),
            desc,
            Optional.empty(),
            internal,
            Optional.of(d),
            label);
    scripts.put(HEX.formatHex(o.spk()), o);
    return o;
  }

  /** Watches the scripts of an imported descriptor's range. */
  void importDescriptor(Imported imp, Optional<String> label) {
    imported.add(imp);
    for (WalletDescriptor.Derived d : imp.desc.derive(imp.start, imp.end)) {
      ScriptInfo info = ScriptInfo.of(d.scriptPubKey());
      scripts.putIfAbsent(
          HEX.formatHex(d.scriptPubKey()),
          new Owned(
              d.scriptPubKey(),
              info.address(),
              d.inferredDesc(),
              Optional.of(imp.desc.text()),
              imp.internal,
              Optional.empty(),
              label));
    }
  }

  /** Next address of an active ranged descriptor (watch-only {@code getnewaddress}). */
  Optional<String> nextFromActive(boolean internal) {
    for (Imported imp : imported) {
      if (imp.active && imp.internal == internal && imp.desc.ranged() && imp.next <= imp.end) {
        WalletDescriptor.Derived d = imp.desc.derive(imp.next++);
        return ScriptInfo.of(d.scriptPubKey()).address();
      }
    }
    return Optional.empty();
  }

  int keyCount() {
    return scripts.size();
  }
}
