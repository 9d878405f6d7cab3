/**
 * Deposit detection for every deposit address of a group. Pure parts ({@link
 * dev.frostgate.bitcoin.watch.DepositScripts}, {@link dev.frostgate.bitcoin.watch.BlockScanner},
 * {@link dev.frostgate.bitcoin.watch.Deposits}) are separate from the two watchers that talk to a
 * node: {@link dev.frostgate.bitcoin.watch.BlockScanWatcher} reads blocks through the {@link
 * dev.frostgate.bitcoin.watch.BlockSource} port ({@code getblock} over RPC) and matches them
 * against the derived deposit scripts; {@link dev.frostgate.bitcoin.watch.ChainFollower} moves a
 * reorg tracker along the same port. The other {@link dev.frostgate.bitcoin.watch.DepositWatcher},
 * the node's {@code DescriptorWalletWatcher} (the threshold descriptor imported into a watch-only
 * descriptor wallet, read with {@code listsinceblock}), talks to the RPC client directly. Both work
 * against Bitcoin Core and the embedded regtest node.
 */
package dev.frostgate.bitcoin.watch;
