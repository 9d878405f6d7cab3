/**
 * Real Bitcoin Core for tests and devnets: {@link
 * dev.frostgate.testkit.node.bitcoind.BitcoindBinary} finds the {@code bitcoind} binary (and says
 * where it looked), {@link dev.frostgate.testkit.node.bitcoind.RegtestBitcoind} runs a throwaway
 * {@code bitcoind -regtest} on free loopback ports and removes it again.
 */
package dev.frostgate.testkit.node.bitcoind;
