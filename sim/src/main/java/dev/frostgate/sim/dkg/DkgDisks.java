package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.testkit.engine.InMemoryDkgStore;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the validators' DKG stores live in a {@link DkgSimulation}; opened at each (re)start, let
 * go of at a crash. What a store holds when its validator crashes is what the restart resumes from.
 */
public interface DkgDisks {
  DkgStore open(DkgConfig config);

  /** The validator crashed: close what it had open (what was written stays). */
  default void crash(Identifier id) {}

  /** In memory: one {@link InMemoryDkgStore} per validator for the whole run. */
  static DkgDisks inMemory() {
    Map<Identifier, DkgStore> m = new TreeMap<>();
    return c -> m.computeIfAbsent(c.me(), k -> new InMemoryDkgStore());
  }
}
