/**
 * Deterministic simulations: every validator in one JVM on a simulated network, clock and disk,
 * driven by a seed, with faults and Byzantine validators (a test tool).
 */
package dev.frostgate.sim;
