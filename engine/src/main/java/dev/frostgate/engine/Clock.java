package dev.frostgate.engine;

/** Time port: milliseconds (or simulated ticks). The engine never reads the wall clock. */
@FunctionalInterface
public interface Clock {
  long now();
}
