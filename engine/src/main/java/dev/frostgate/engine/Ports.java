package dev.frostgate.engine;

import java.util.Objects;

/** Everything the engine needs from outside: time, randomness, storage, requests, chain. */
public record Ports(
    Clock clock, RandomSource random, Journal journal, RequestSource requests, ChainFacts chain) {
  public Ports {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(chain, "chain");
  }
}
