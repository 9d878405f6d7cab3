/**
 * Chain facts, pure logic only: {@link dev.frostgate.bitcoin.spv.MerkleProof} (Bitcoin Core's
 * {@code gettxoutproof} format, verified and built), {@link dev.frostgate.bitcoin.spv.MerkleBranch}
 * (index + branch proofs), {@link dev.frostgate.bitcoin.spv.HeaderChain} (linked headers with
 * proof-of-work and difficulty checks, confirmations) and {@link
 * dev.frostgate.bitcoin.spv.ReorgTracker} (fork point and affected transactions on a new tip).
 * Every failure is a {@link dev.frostgate.bitcoin.spv.SpvException} with a typed reason.
 */
package dev.frostgate.bitcoin.spv;
