/**
 * The embedded Bitcoin regtest node: the subset of Bitcoin Core's JSON-RPC that Frostgate uses,
 * served over HTTP with real validation (a tool for the demo, the tests and the benchmarks).
 */
package dev.frostgate.regtest;
