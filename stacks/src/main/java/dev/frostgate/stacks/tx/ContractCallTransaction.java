package dev.frostgate.stacks.tx;

import static dev.frostgate.stacks.StacksWire.writeU32;
import static dev.frostgate.stacks.StacksWire.writeU64;

import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hash160;
import dev.frostgate.crypto.hash.Hash32;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An unsigned SIP-005 contract-call transaction with a standard single-signature (P2PKH, compressed
 * key) spending condition and no post-conditions, and its signing.
 *
 * <p>Signing follows SIP-005: the initial sighash is the txid of the transaction with the spending
 * condition cleared (nonce 0, fee 0, empty signature); the pre-sign hash is SHA-512/256(sighash ‖
 * auth type ‖ fee ‖ nonce); the signature is ECDSA over it (RFC 6979, low-S) with its recovery id,
 * written recovery id ‖ r ‖ s.
 */
public record ContractCallTransaction(
    StacksNetwork network,
    byte[] publicKey,
    long nonce,
    long fee,
    AnchorMode anchorMode,
    PostConditionMode postConditionMode,
    ContractCall payload) {

  static final int AUTH_STANDARD = 0x04;
  static final int HASH_MODE_P2PKH = 0x00;
  static final int KEY_COMPRESSED = 0x00;

  public ContractCallTransaction {
    if (publicKey.length != 33 || (publicKey[0] != 2 && publicKey[0] != 3)) {
      throw new IllegalArgumentException("the signer's public key must be 33-byte compressed");
    }
    if (nonce < 0 || fee < 0) {
      throw new IllegalArgumentException("nonce and fee are unsigned");
    }
    publicKey = publicKey.clone();
  }

  /** A validator's call: any anchor mode, deny mode with no post-conditions (moves no assets). */
  public static ContractCallTransaction validatorCall(
      StacksNetwork network, byte[] publicKey, long nonce, long fee, ContractCall payload) {
    return new ContractCallTransaction(
        network, publicKey, nonce, fee, AnchorMode.ANY, PostConditionMode.DENY, payload);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Signs with the key whose public key this transaction names. */
  public SignedTransaction sign(SecretScalar key) {
    if (!java.util.Arrays.equals(key.publicPoint().compressed(), publicKey)) {
      throw new IllegalArgumentException("the signing key does not match the transaction's key");
    }
    byte[] signature = Secp256k1.signEcdsaRecoverable(presignHash(), key);
    byte[] bytes = serialize(nonce, fee, signature);
    return new SignedTransaction(bytes, Hash32.of(sha512_256(bytes)));
  }

  /** The hash the signer signs (SIP-005 pre-sign sighash). */
  public byte[] presignHash() {
    byte[] initial = sha512_256(serialize(0, 0, new byte[65]));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(initial);
    b.write(AUTH_STANDARD);
    writeU64(fee, b);
    writeU64(nonce, b);
    return sha512_256(b.toByteArray());
  }

  /** Serializes with the given nonce, fee and 65-byte signature. */
  byte[] serialize(long nonceField, long feeField, byte[] signature65) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(network.transactionVersion());
    writeU32(network.chainId(), out);
    out.write(AUTH_STANDARD);
    out.write(HASH_MODE_P2PKH);
    out.writeBytes(Hash160.of(publicKey));
    writeU64(nonceField, out);
    writeU64(feeField, out);
    out.write(KEY_COMPRESSED);
    out.writeBytes(signature65);
    out.write(anchorMode.code());
    out.write(postConditionMode.code());
    writeU32(0, out); // no post-conditions
    out.writeBytes(payload.serialize());
    return out.toByteArray();
  }

  static byte[] sha512_256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512/256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512/256 is part of every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContractCallTransaction t
        && network == t.network
        && java.util.Arrays.equals(publicKey, t.publicKey)
        && nonce == t.nonce
        && fee == t.fee
        && anchorMode == t.anchorMode
        && postConditionMode == t.postConditionMode
        && payload.equals(t.payload);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        network, java.util.Arrays.hashCode(publicKey), nonce, fee, payload);
  }

  @Override
  public String toString() {
    return "ContractCallTransaction["
        + payload.contractId()
        + "::"
        + payload.functionName()
        + ", nonce "
        + nonce
        + ", fee "
        + fee
        + "]";
  }
}
