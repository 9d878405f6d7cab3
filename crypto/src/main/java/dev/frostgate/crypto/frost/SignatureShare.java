package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Scalar;

/** A signer's round-2 output z_i. Public once sent. */
public record SignatureShare(Identifier identifier, Scalar share) {}
