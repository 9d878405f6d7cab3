package dev.frostgate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.frost.Ciphersuite;

/** Placeholder until the DKG lands in this commit series; see {@link Conformance}. */
final class DkgConformance {
  private DkgConformance() {}

  static ConformanceReport run(JsonNode root, Ciphersuite suite, Json json, String title) {
    throw new VectorException(title + ": DKG vectors are not supported yet");
  }
}
