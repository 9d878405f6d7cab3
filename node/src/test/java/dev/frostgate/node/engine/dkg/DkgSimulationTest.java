package dev.frostgate.node.engine.dkg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostgate.crypto.frost.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded DKG simulation: per seed a group shape (4..7 validators, random t > n/2), message loss,
 * duplication, reordering (random delays), and up to n − t Byzantine validators (any {@link
 * DkgNet.Byz}: bad share to one peer, false complaint, silent, withheld certificate, late
 * complaint, round-1 equivocation, a lie about its view). Every honest validator must complete with
 * the same group key and certificate, among exactly the honest validators, and only Byzantine ones
 * are ever excluded, each with a valid proof.
 */
class DkgSimulationTest {
  static final int SEEDS = Integer.getInteger("dkg.seeds", 60);

  @Test
  void seeds() {
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
      int n = 4 + r.nextInt(4);
      // Timeout exclusion needs n − t + 1 votes, so t > n/2 (see DkgSession).
      int t = n / 2 + 1 + r.nextInt(n - n / 2 - 1);
      int byzCount = r.nextInt(Math.min(2, n - t) + 1);
      TreeMap<Identifier, DkgNet.Byz> byz = new TreeMap<>();
      while (byz.size() < byzCount) {
        byz.put(
            Identifier.of(1 + r.nextInt(n)),
            DkgNet.Byz.values()[r.nextInt(DkgNet.Byz.values().length)]);
      }
      double loss = r.nextBoolean() ? r.nextDouble() * 0.2 : 0;
      double dup = r.nextBoolean() ? r.nextDouble() * 0.2 : 0;
      int delay = r.nextBoolean() ? 5 + r.nextInt(60) : 3;
      String where =
          "seed " + seed + " n=" + n + " t=" + t + " byz=" + byz + " loss=" + loss + " dup=" + dup
              + " delay=" + delay;
      DkgNet net = new DkgNet(seed, n, t, byz, loss, dup, delay);
      try {
        net.run(400_000);
        List<Identifier> expected = new ArrayList<>(net.honest());
        // A late complainer may be in the final session (if it completed before its complaint
        // spread) or not; every honest validator must agree either way.
        DkgSessionTest.check(
            net, byz.containsValue(DkgNet.Byz.LATE_COMPLAINT) ? null : expected, where);
        System.out.println(where + " ok at t=" + net.now + " messages=" + net.messages);
      } catch (AssertionError | RuntimeException e) {
        failures.add(where + ": " + e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
