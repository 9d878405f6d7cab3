package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.engine.Group;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.testkit.engine.DealtGroup;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The group a DKG run produced, as the {@link DealtGroup} the signing simulation takes: the key
 * pipeline hands it on ({@code simulate --keys-from-dkg}).
 */
final class DkgGroupExport {
  private DkgGroupExport() {}

  /**
   * The threshold group the DKG produced (after the run): every participant of the session the
   * honest validators completed, with its key package: from its result, or, for one that had not
   * completed yet when the honest validators were done (the run stops then), from its disk, where
   * it saved the key package before certifying. Empty if no honest validator completed or a
   * participant has no key package of that group.
   */
  static Optional<DealtGroup> of(Map<Identifier, DkgNode> nodes, int t) {
    DkgResult common = null;
    for (DkgNode node : nodes.values()) {
      if (node.honest() && node.session != null && node.session.result().isPresent()) {
        common = node.session.result().get();
        break;
      }
    }
    if (common == null) {
      return Optional.empty();
    }
    Point groupKey = common.rawKeyPackage().verifyingKey();
    SortedMap<Identifier, KeyPackage> keys = new TreeMap<>();
    for (Identifier p : common.session().participants()) {
      DkgNode node = nodes.get(p);
      Optional<KeyPackage> k =
          node.session == null
              ? Optional.empty()
              : node.session.result().map(DkgResult::rawKeyPackage);
      if (k.isEmpty() && node.store != null) {
        try {
          k = Optional.of(node.store.inner.keyPackage(common.session(), groupKey));
        } catch (RuntimeException e) {
          k = Optional.empty(); // it never certified that session
        }
      }
      if (k.isEmpty() || !k.get().verifyingKey().equals(groupKey)) {
        return Optional.empty();
      }
      keys.put(p, k.get());
    }
    return Optional.of(
        new DealtGroup(
            new Group(
                common.session().participants(), t, common.rawPublicKeyPackage(), common.xpub()),
            keys));
  }
}
