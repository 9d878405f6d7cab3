package dev.frostgate.node.metrics;

import java.util.Locale;

/** The DKG phases a validator reports as {@code frostgate_dkg_state{state=...}}. */
public enum DkgPhase {
  /** No DKG has started and no key is loaded. */
  NONE,
  /** A DKG session is running. */
  RUNNING,
  /** The DKG completed and the key is stored. */
  COMPLETE,
  /** The DKG cannot complete (too few participants left, or this validator was excluded). */
  FAILED;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
