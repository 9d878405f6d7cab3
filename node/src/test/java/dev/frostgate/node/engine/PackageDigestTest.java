package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.PackageDigest;
import dev.frostgate.engine.SpendRequest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The digest covers everything a share depends on besides the secrets. */
class PackageDigestTest {
  private final EngineFixture f = new EngineFixture(3, 2);
  private final Identifier me = Identifier.of(1);
  private final SpendRequest r =
      f.request("pd", List.of(f.coin("pd1", 50_000, 1, 3), f.coin("pd2", 40_000, 2, 3)), 60_000, 1);
  private final UnsignedSpend u = SpendBuilder.build(r.recipe(), f.group.group().xpub());
  private final List<KeyPackage> keys =
      SpendSigner.inputKeyPackages(
          u.inputKeys(), f.group.rawKeys().get(me), f.group.group().xpub());

  @AfterEach
  void tearDown() {
    f.close();
  }

  private List<SigningCommitments> commit(Identifier who) {
    return BatchSigning.commit(f.group.rawKeys().get(who), 2, new SecureRandom()).stream()
        .map(SigningNonces::commitments)
        .toList();
  }

  private List<SigningPackage> packages(Map<Identifier, List<SigningCommitments>> c) {
    return BatchSigning.packages(new TreeMap<>(c), u.sigHashes());
  }

  @Test
  void changesWithEveryPartOfThePackage() {
    List<SigningCommitments> mine = commit(me);
    List<SigningCommitments> two = commit(Identifier.of(2));
    List<SigningPackage> base = packages(Map.of(me, mine, Identifier.of(2), two));
    byte[] d = PackageDigest.of(base, keys);
    assertThat(PackageDigest.of(packages(Map.of(me, mine, Identifier.of(2), two)), keys))
        .isEqualTo(d);
    // Another co-signer set.
    assertThat(
            PackageDigest.of(
                packages(Map.of(me, mine, Identifier.of(3), commit(Identifier.of(3)))), keys))
        .isNotEqualTo(d);
    // Another commitment of the same co-signer.
    assertThat(
            PackageDigest.of(
                packages(Map.of(me, mine, Identifier.of(2), commit(Identifier.of(2)))), keys))
        .isNotEqualTo(d);
    // Another message.
    List<SigningPackage> otherMessage =
        List.of(base.get(0), SigningPackage.of(base.get(1).commitments().values(), new byte[32]));
    assertThat(PackageDigest.of(otherMessage, keys)).isNotEqualTo(d);
    // Another key (tweak) for an input: the inputs' keys swapped.
    assertThat(PackageDigest.of(base, List.of(keys.get(1), keys.get(0)))).isNotEqualTo(d);
    // Another ciphersuite.
    List<KeyPackage> rfc = keys.stream().map(k -> k.withSuite(Ciphersuite.RFC9591)).toList();
    assertThat(PackageDigest.of(base, rfc)).isNotEqualTo(d);
    // The input order.
    assertThat(PackageDigest.of(List.of(base.get(1), base.get(0)), keys)).isNotEqualTo(d);
  }

  @Test
  void needsOneKeyPerPackage() {
    List<SigningPackage> base =
        packages(Map.of(me, commit(me), Identifier.of(2), commit(Identifier.of(2))));
    assertThatThrownBy(() -> PackageDigest.of(base, keys.subList(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PackageDigest.of(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
