/**
 * The signing simulation: a whole validator group signing spend requests on the production SQLite
 * journal, with network faults, crashes and Byzantine validators drawn from a seed ({@link
 * dev.frostgate.sim.signing.SigningSimulation}).
 */
package dev.frostgate.sim.signing;
