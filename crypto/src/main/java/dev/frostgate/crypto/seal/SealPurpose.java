package dev.frostgate.crypto.seal;

/**
 * What an encrypted secret is for. Part of the associated data, so a ciphertext made for one
 * protocol step cannot be presented as another.
 */
public enum SealPurpose {
  /** A DKG round-2 share f_dealer(recipient). */
  DKG_SHARE("dkg-share"),
  /** A refresh share: an evaluation of a zero-constant polynomial. */
  REFRESH_SHARE("refresh-share"),
  /** A reshare (old group to new group) share. */
  RESHARE_SHARE("reshare-share"),
  /** A repair delta, from one helper to another. */
  REPAIR_DELTA("repair-delta"),
  /** A repair sigma, from a helper to the participant being repaired. */
  REPAIR_SIGMA("repair-sigma");

  private final String label;

  SealPurpose(String label) {
    this.label = label;
  }

  /** The stable name written into associated data and files. */
  public String label() {
    return label;
  }

  /** The purpose with this label, or an error naming it. */
  public static SealPurpose fromLabel(String label) {
    for (SealPurpose p : values()) {
      if (p.label.equals(label)) {
        return p;
      }
    }
    throw new SealException(SealException.Kind.MALFORMED, "unknown seal purpose '" + label + "'");
  }
}
