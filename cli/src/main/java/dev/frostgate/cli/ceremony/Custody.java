package dev.frostgate.cli.ceremony;

/**
 * What an operator must do with each kind of secret file, written into the file's {@code warning}
 * next to what it holds. Long-lived keys are kept (and backed up), never "destroyed after use"; the
 * secrets of one ceremony step are deleted when the ceremony has moved past them.
 */
final class Custody {
  private Custody() {}

  static final String KEY_PACKAGE =
      "Long-lived: keep it on this participant's signing machine and in its backups (frostgate"
          + " backup split). After a refresh, delete the replaced key package and its backups only"
          + " once every participant has refreshed and the group has signed with the new keys.";

  static final String IDENTITY =
      "Long-lived: it signs this validator's ceremony files and certificates; keep it on this"
          + " validator's machine and in a backup. Give others only the public identity file.";

  static final String DKG_ROUND1 =
      "Temporary: keep it on this machine for 'dkg part2'; delete it once the DKG is accepted.";

  static final String DKG_ROUND2 =
      "Temporary: keep it on this machine for 'dkg part3'; delete it once the DKG is accepted.";

  static final String NONCES =
      "Single use: 'sign share' consumes it. Never copy it: nonces used for two signatures reveal"
          + " the signing share.";

  static final String REFRESH =
      "Temporary: keep it on this machine for 'refresh part2'; delete it once the refresh is"
          + " done.";

  static final String REPAIR =
      "Temporary: keep it on this machine for 'repair part2'; delete it once the repair is done.";
}
