package dev.frostgate.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.node.ceremony.CeremonyFile;

/** Builders for ceremony documents that tests write by hand. */
final class CeremonyFileTestSupport {
  private CeremonyFileTestSupport() {}

  static ObjectNode roster() {
    ObjectNode n = CeremonyFile.newDocument("frostgate/identity-roster");
    n.putObject("identities");
    return n;
  }
}
