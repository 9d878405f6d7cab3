package dev.frostgate.testkit.engine;

import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.Group;
import dev.frostgate.testkit.crypto.InProcessDkg;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key material of a simulated group: one DKG per (n, t) from a fixed seed, shared by every seed
 * with that shape (the DKG is not what a signing simulation tests, and it is deterministic).
 */
public record DealtGroup(Group group, SortedMap<Identifier, KeyPackage> rawKeys) {
  private static final Map<String, DealtGroup> CACHE = new ConcurrentHashMap<>();

  public static DealtGroup of(int n, int t) {
    return CACHE.computeIfAbsent(n + "/" + t, k -> create(n, t));
  }

  private static DealtGroup create(int n, int t) {
    SortedMap<Identifier, DkgOutput> out =
        InProcessDkg.runParts(
            Ciphersuite.TAPROOT, n, t, new SeededSecureRandom(0x5eed_0000L + n * 100L + t));
    DkgOutput first = out.get(out.firstKey());
    ThresholdXpub xpub =
        ThresholdXpub.of(first.rawKeyPackage().verifyingKey(), first.chainCode(), Network.REGTEST);
    SortedMap<Identifier, KeyPackage> keys = new TreeMap<>();
    out.forEach((id, o) -> keys.put(id, o.rawKeyPackage()));
    Group g = new Group(List.copyOf(out.keySet()), t, first.rawPublicKeyPackage(), xpub);
    return new DealtGroup(g, keys);
  }
}
