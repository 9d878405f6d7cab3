package dev.frostgate.node.keystore;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the PKCS#11 token is and what to use in it.
 *
 * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so} or the YubiHSM 2
 *     {@code yubihsm_pkcs11.so}
 * @param slotListIndex index into the module's list of slots with a token (SunPKCS11's {@code
 *     slotListIndex}; config {@code hsm_slot}). An index, not a slot id: SoftHSM2 gives a token a
 *     random slot id when it is initialized
 * @param pinEnvVariable name of the environment variable holding the user PIN (config {@code
 *     hsm_pin_env})
 * @param keyLabel label (CKA_LABEL) of the AES wrapping key in the token; created on first store
 * @param keyDirectory where the encrypted key files are written (the token holds only the wrapping
 *     key)
 */
public record Pkcs11Config(
    Path library, int slotListIndex, String pinEnvVariable, String keyLabel, Path keyDirectory) {
  public static final String DEFAULT_KEY_LABEL = "frostgate-share-wrapping-key";

  public Pkcs11Config {
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(pinEnvVariable, "pinEnvVariable");
    Objects.requireNonNull(keyDirectory, "keyDirectory");
    KeyFile.checkLabel(keyLabel);
    if (slotListIndex < 0) {
      throw new IllegalArgumentException("slot list index must be ≥ 0, got " + slotListIndex);
    }
    if (pinEnvVariable.isEmpty()) {
      throw new IllegalArgumentException("PIN environment variable name must not be empty");
    }
    String lib = library.toString();
    if (lib.contains("\"") || lib.contains("\n") || lib.contains("\r")) {
      throw new IllegalArgumentException("library path must not contain quotes or line breaks");
    }
  }
}
