package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.List;

/**
 * The keys that sign a spend with FROST: one BIP341 SIGHASH_DEFAULT message per input, all in one
 * session ({@code BatchSigning}: one nonce pair per input per signer, the same signer set for every
 * input), each input signed with the Taproot-tweaked key package of its own derivation path.
 */
public final class SpendSigner {
  private SpendSigner() {}

  /** Signer {@code raw}'s key package for each input, in input order (tweaked per input). */
  public static List<KeyPackage> inputKeyPackages(
      List<InputKey> keys, KeyPackage raw, ThresholdXpub xpub) {
    return keys.stream().map(k -> k.apply(raw, xpub)).toList();
  }

  /** The group's public key package for each input, in input order (tweaked per input). */
  public static List<PublicKeyPackage> inputPublicKeys(
      List<InputKey> keys, PublicKeyPackage raw, ThresholdXpub xpub) {
    return keys.stream().map(k -> k.apply(raw, xpub)).toList();
  }
}
