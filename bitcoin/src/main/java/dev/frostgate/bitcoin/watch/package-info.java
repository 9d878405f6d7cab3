/**
 * Deposit detection for every loan address of a group. Pure parts ({@link
 * dev.frostgate.bitcoin.watch.LoanScripts}, {@link dev.frostgate.bitcoin.watch.BlockScanner},
 * {@link dev.frostgate.bitcoin.watch.Deposits}) are separate from the two watchers that talk to a
 * node over {@link dev.frostgate.bitcoin.rpc.BitcoinRpcClient}: {@link
 * dev.frostgate.bitcoin.watch.DescriptorWalletWatcher} (the threshold descriptor imported into a
 * watch-only descriptor wallet, read with {@code listsinceblock}) and {@link
 * dev.frostgate.bitcoin.watch.BlockScanWatcher} (blocks read with {@code getblock} and matched
 * against the derived loan scripts). Both work against Bitcoin Core and the embedded regtest node.
 */
package dev.frostgate.bitcoin.watch;
