package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hd.DepositKeys;
import dev.frostgate.crypto.hd.Derivation;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key-package tweak of one input's key {@code <xpub>/branch/index}, computed once per input and
 * applied to every signer's raw package. It produces exactly what {@link DepositKeys} produces
 * (BIP32 tweak t₁, even-y lift, BIP341 tweak t₂) with the two tweaks folded into one: s' = ±s + c,
 * Y' = ±Y + c·G, where the sign is that of P_N's y and c = t₁ + t₂ (even) or t₂ − t₁ (odd). That
 * costs one point multiplication per signer and input instead of the derivation, two tweaks and two
 * checks.
 *
 * @param branch the input's branch
 * @param index the input's index
 * @param negate whether P_N = P + t₁·G has odd y
 * @param tweak c, the folded tweak
 * @param outputPoint Q, the Taproot output key
 */
public record InputKey(Branch branch, long index, boolean negate, Scalar tweak, Point outputPoint) {

  /** Derives the folded tweak for {@code <xpub>/branch/index}. */
  public static InputKey of(ThresholdXpub xpub, Branch branch, long index) {
    Derivation d = branch == Branch.DEPOSIT ? xpub.deposit(index) : xpub.change(index);
    TaprootOutput out = d.taprootOutput();
    boolean odd = !d.childKey().hasEvenY();
    Scalar c = odd ? out.tweak().add(d.tweak().negate()) : out.tweak().add(d.tweak());
    return new InputKey(branch, index, odd, c, out.outputPoint());
  }

  /**
   * This input's Taproot key package for signer {@code raw} (raw = untweaked DKG package).
   *
   * @throws FrostException WRONG_CIPHERSUITE if {@code raw} is not a share of {@code xpub}'s key
   */
  public KeyPackage apply(KeyPackage raw, ThresholdXpub xpub) {
    checkRoot(raw.verifyingKey(), xpub);
    SecretScalar s = negate ? raw.signingShare().negate() : raw.signingShare();
    Point y = negate ? raw.verifyingShare().negate() : raw.verifyingShare();
    return new KeyPackage(
        Ciphersuite.TAPROOT,
        raw.identifier(),
        s.add(tweak),
        y.addMulGenerator(tweak),
        outputPoint,
        raw.minSigners());
  }

  /**
   * This input's Taproot public key package (raw = the group's untweaked package). Every verifying
   * share gets the same c·G, so it is computed once: one point multiplication, then one addition
   * per signer.
   */
  public PublicKeyPackage apply(PublicKeyPackage raw, ThresholdXpub xpub) {
    checkRoot(raw.verifyingKey(), xpub);
    Optional<Point> cG = tweak.isZero() ? Optional.empty() : Optional.of(Point.mulGenerator(tweak));
    TreeMap<dev.frostgate.crypto.frost.Identifier, Point> shares = new TreeMap<>();
    raw.verifyingShares()
        .forEach(
            (id, p) -> {
              Point y = negate ? p.negate() : p;
              shares.put(id, cG.map(y::add).orElse(y));
            });
    return new PublicKeyPackage(Ciphersuite.TAPROOT, shares, outputPoint, raw.minSigners());
  }

  /** The script of the output this input spends: witness v1, the output key's x coordinate. */
  public byte[] scriptPubKey() {
    byte[] out = new byte[34];
    out[0] = 0x51; // OP_1
    out[1] = 0x20; // push 32 bytes
    System.arraycopy(outputPoint.xOnly(), 0, out, 2, 32);
    return out;
  }

  private static void checkRoot(Point rawKey, ThresholdXpub xpub) {
    if (!rawKey.equals(xpub.groupKey())) {
      throw new FrostException(
          FrostException.Kind.WRONG_CIPHERSUITE,
          "key package's group key is not the threshold xpub's root key");
    }
  }
}
