package dev.frostgate.node.keystore;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a key file's clear header says, readable without the passphrase or PIN. Nothing here is
 * authenticated until the file is opened with {@link KeyStore#load}.
 */
public record StoredKeyInfo(
    Path file,
    int formatVersion,
    Protection protection,
    int validatorId,
    Point groupKey,
    Ciphersuite suite,
    Instant createdAt) {

  /** How the key package is encrypted. */
  public enum Protection {
    /** AES-256-GCM under a key derived from a passphrase with Argon2id. */
    PASSPHRASE,
    /** AES-256-GCM under a non-extractable AES key inside a PKCS#11 token. */
    PKCS11_TOKEN_KEY
  }
}
