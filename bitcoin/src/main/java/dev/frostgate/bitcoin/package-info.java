/**
 * The Bitcoin layer: {@code spend} (deterministic spend building, fees, RBF, sighash, witnesses,
 * interpreter validation), {@code psbt} (BIP174/BIP371), {@code spv} (merkle proofs, header chain,
 * reorg tracking), {@code rpc} (the Bitcoin Core JSON-RPC client) and {@code regtest} (an embedded
 * regtest node serving the same RPC subset over HTTP). Built on ACINQ bitcoin-kmp.
 */
package dev.frostgate.bitcoin;
