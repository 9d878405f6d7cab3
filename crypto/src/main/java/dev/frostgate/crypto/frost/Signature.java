package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;

/** A Schnorr signature (R, z); its byte form depends on the ciphersuite. */
public record Signature(Point r, Scalar z) {}
