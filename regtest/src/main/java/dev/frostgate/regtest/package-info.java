/**
 * The embedded regtest node: {@link dev.frostgate.regtest.EmbeddedRegtestNode} serves the current
 * Bitcoin Core's (v30/v31) JSON-RPC subset Frostgate uses over HTTP on loopback, with cookie
 * authentication, Core's JSON shapes, error codes and reject reasons, and full validation of every
 * transaction and block with bitcoin-kmp's script interpreter. Clients talk to it exactly as to
 * {@code bitcoind -regtest}; nothing here is visible to them except through RPC.
 */
package dev.frostgate.regtest;
