/**
 * End-to-end encryption of secret protocol payloads (DKG round-2 shares, refresh and reshare
 * shares, repair deltas and sigmas) to the recipient's identity key: secp256k1 ECDH with the
 * dealer's ephemeral key, HKDF-SHA256, ChaCha20-Poly1305 with the {@link
 * dev.frostgate.crypto.seal.SealContext} as associated data ({@link
 * dev.frostgate.crypto.seal.ShareSealer}); and complaints anyone can check, by disclosing the one
 * Diffie–Hellman point of a ciphertext with a Chaum–Pedersen proof ({@link
 * dev.frostgate.crypto.seal.KeyDisclosure}, {@link dev.frostgate.crypto.seal.ShareComplaint}).
 * Signing the sealed share (the dealer's identity signature) is the caller's: it knows the message
 * format.
 */
package dev.frostgate.crypto.seal;
