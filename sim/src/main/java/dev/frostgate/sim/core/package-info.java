/**
 * The simulation core both simulations run on: an event queue on a simulated clock, a network whose
 * faults each simulation supplies, disks that crash at a write, the per-seed random streams, and
 * the bookkeeping of a run (violations, the seed line). It knows nothing of signing or of the DKG.
 */
package dev.frostgate.sim.core;
