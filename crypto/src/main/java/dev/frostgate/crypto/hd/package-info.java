/**
 * Bitcoin encodings and hierarchical derivation for threshold keys: Base58(Check), RIPEMD-160,
 * bech32/bech32m and segwit addresses, BIP32 extended keys, BIP341 key-path outputs, BIP380
 * descriptor checksums, and the non-hardened derivation of a FROST group key ({@link
 * dev.frostgate.crypto.hd.ThresholdXpub}).
 */
package dev.frostgate.crypto.hd;
