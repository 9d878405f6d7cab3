package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.crypto.frost.Identifier;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The roster and this participant's identity key: what every command that sends or opens sealed
 * shares needs (it signs what it sends and opens what was sealed to it; the roster says whose
 * signature and whose key is whose).
 */
final class IdentityOptions {
  @Option(
      names = "--roster",
      required = true,
      description = "roster of the participants' identity keys (frostgate identity roster)")
  Path roster;

  @Option(names = "--identity", required = true, description = "this participant's identity key")
  Path identity;

  Roster roster() {
    return CertificateFiles.readRoster(roster);
  }

  /**
   * Reads this participant's identity key and checks it against the roster: a key the others do not
   * have pinned would make every signature of ours look forged. The caller destroys it.
   */
  IdentityFile identity(Identifier me, Roster pinned, SecretStore secrets) {
    IdentityFile id = CertificateFiles.readIdentity(identity, secrets);
    if (!id.identifier().equals(me)) {
      id.key().destroy();
      throw new BadInputException(
          identity + ": field identifier: is participant " + id.identifier() + ", not " + me);
    }
    if (!pinned.key(me).equals(id.publicKey())) {
      id.key().destroy();
      throw new BadInputException(
          "--identity "
              + identity
              + ": is not the identity key pinned for participant "
              + me
              + " in "
              + pinned.file());
    }
    return id;
  }

  /** The work a command does with its identity key. */
  @FunctionalInterface
  interface IdentityWork {
    int run(IdentityFile identity);
  }

  /**
   * Runs {@code work} with this participant's identity key ({@link #identity}, checked against the
   * roster), and destroys the key when the work returns or throws.
   */
  int withIdentity(Identifier me, Roster pinned, SecretStore secrets, IdentityWork work) {
    IdentityFile id = identity(me, pinned, secrets);
    try {
      return work.run(id);
    } finally {
      id.key().destroy();
    }
  }
}
