package dev.frostgate.crypto.frost.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.VssCommitment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random thresholds: every operation preserves the group secret (checked by interpolation). */
class KeysProperties {

  @Property(tries = 25)
  void repairRefreshAndReshareKeepTheSecret(
      @ForAll @IntRange(min = 1, max = 6) int t,
      @ForAll @IntRange(min = 0, max = 3) int extra,
      @ForAll @IntRange(min = 1, max = 6) int t2,
      @ForAll @IntRange(min = 0, max = 3) int extra2,
      @ForAll boolean taproot) {
    Ciphersuite suite = taproot ? Ciphersuite.TAPROOT : Ciphersuite.RFC9591;
    int n = t + extra;
    KeysTestSupport.Group g = KeysTestSupport.dealer(suite, n, t);
    Scalar secret = KeysTestSupport.interpolate(KeysTestSupport.pick(g.keys().values(), t));

    if (n >= Math.max(2, t) + 1) {
      Identifier lost = g.keys().firstKey();
      List<Identifier> others = new ArrayList<>(g.keys().keySet());
      others.remove(lost);
      List<Identifier> helpers = KeysTestSupport.pick(others, Math.max(2, t));
      KeyPackage repaired = Repair.part3(RepairTest.sigmas(g, helpers, lost), lost, g.publicKeys());
      assertThat(repaired.signingShare().sameValue(g.keys().get(lost).signingShare())).isTrue();
    }

    if (t >= 2) {
      Map<Identifier, KeyUpdate> updates =
          RefreshTest.runDkg(g, g.keys().keySet(), UnaryOperator.identity());
      List<KeyPackage> fresh = updates.values().stream().map(KeyUpdate::keyPackage).toList();
      assertThat(KeysTestSupport.interpolate(KeysTestSupport.pick(fresh, t))).isEqualTo(secret);
    }

    int n2 = t2 + extra2;
    List<Identifier> dealers = KeysTestSupport.pick(g.keys().keySet(), t);
    List<Identifier> newIds = KeysTestSupport.range(50, n2);
    ReshareTest.Run run = ReshareTest.deal(g, dealers, newIds, t2);
    SortedMap<Identifier, KeyPackage> fresh = new TreeMap<>();
    PublicKeyPackage pub = null;
    for (Identifier j : newIds) {
      KeyUpdate u = Reshare.receive(j, g.publicKeys(), newIds, t2, run.commitments(), run.inbox(j));
      fresh.put(j, u.keyPackage());
      pub = u.publicKeys();
    }
    assertThat(pub.verifyingKey()).isEqualTo(g.publicKeys().verifyingKey());
    assertThat(KeysTestSupport.interpolate(KeysTestSupport.pick(fresh.values(), t2)))
        .isEqualTo(secret);
    SortedMap<Identifier, VssCommitment> commitments = run.commitments();
    assertThat(commitments).hasSize(t);
    run.dealings().values().forEach(Reshare.Dealing::destroy);
    assertThat(run.dealings().values().iterator().next().shares().values())
        .allMatch(SecretScalar::isDestroyed);
  }
}
