/**
 * The DKG simulation: the networked key generation among n validators on simulated or real disks,
 * with network faults, crash-restarts and Byzantine validators drawn from a seed ({@link
 * dev.frostgate.sim.dkg.DkgSimulation}).
 */
package dev.frostgate.sim.dkg;
