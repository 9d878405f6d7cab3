/**
 * Threshold signing of spend requests: the facade {@link
 * dev.frostgate.engine.signing.SigningEngine} routes authenticated messages and clock ticks to the
 * signer side and, for the requests this validator leads, to one ROAST coordinator per attempt;
 * what a step produced is collected by {@link dev.frostgate.engine.signing.StepOutput}. Sans-I/O:
 * time, randomness, storage, requests and chain facts come through {@link
 * dev.frostgate.engine.Ports}.
 */
package dev.frostgate.engine.signing;
