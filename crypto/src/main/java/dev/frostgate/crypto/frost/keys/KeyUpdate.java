package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;

/**
 * A participant's new key material after a refresh or a reshare: its new secret key package and the
 * group's new public key package (same group key as before). Once the new material is stored, the
 * old key package should be destroyed ({@link KeyPackage#destroy()}).
 */
public record KeyUpdate(KeyPackage keyPackage, PublicKeyPackage publicKeys) {

  public KeyUpdate {
    if (!keyPackage.verifyingKey().equals(publicKeys.verifyingKey())) {
      throw new IllegalArgumentException("key package and public key package disagree on the key");
    }
  }
}
