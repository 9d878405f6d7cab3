package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.sim.core.SeedStreams;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One validator of the DKG simulation: its configuration, its current process (a {@link DkgSession}
 * on a {@link CrashingStore}, both gone while it is down), and what it reported over all its
 * processes.
 */
final class DkgNode {
  final Identifier id;

  /** Its Byzantine behaviour; null for an honest validator. */
  final DkgFault byzantine;

  final DkgConfig config;
  final List<DkgEvent> events = new ArrayList<>();
  DkgSession session;
  CrashingStore store;
  int incarnation;
  int crashes;
  boolean up;

  /** Its session threw: it is out of the run (a violation). */
  boolean broken;

  DkgNode(Identifier id, DkgFault byzantine, DkgConfig config) {
    this.id = id;
    this.byzantine = byzantine;
    this.config = config;
  }

  boolean honest() {
    return byzantine == null;
  }

  /**
   * A new process on the validator's disk, with its own random stream (a restarted validator draws
   * anew); the caller runs its first step.
   */
  void boot(long seed, DkgDisks disks, SimClock clock) {
    incarnation++;
    SeededSecureRandom rng = SeedStreams.node(seed, id, incarnation);
    store = new CrashingStore(disks.open(config));
    session = new DkgSession(config, clock, () -> rng, store);
    up = true;
  }

  /** The process dies: session and store are let go of (what was written stays on the disk). */
  void crash(DkgDisks disks) {
    session = null;
    store = null;
    up = false;
    disks.crash(id);
  }
}
