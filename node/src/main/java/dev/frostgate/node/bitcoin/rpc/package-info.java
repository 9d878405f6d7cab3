/**
 * Bitcoin Core JSON-RPC client ({@link dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient}), used the
 * same way against bitcoind and the embedded regtest node, and fee-rate selection ({@link
 * dev.frostgate.node.bitcoin.rpc.FeeEstimator}, whose decision is the pure {@code decide}).
 *
 * <p>Conventions: result records keep Bitcoin Core's JSON field names ({@code -} becomes {@code
 * _}); BTC amounts are converted exactly to satoshis ({@code long}); fee rates are {@link
 * dev.frostgate.bitcoin.fee.FeeRate} (sat/kvB, shown as sat/vB); hashes are bitcoin-kmp {@code
 * TxId}/{@code BlockHash}; optional fields are {@code Optional}/{@code OptionalLong}, never null.
 * Every failure is a {@link dev.frostgate.node.bitcoin.rpc.RpcFailure} subtype naming the method.
 */
package dev.frostgate.node.bitcoin.rpc;
