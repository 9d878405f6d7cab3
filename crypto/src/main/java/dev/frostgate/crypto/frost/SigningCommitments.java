package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;

/** A signer's round-1 output: the hiding and binding nonce commitments D_i = d_i·G, E_i = e_i·G. */
public record SigningCommitments(Identifier identifier, Point hiding, Point binding) {}
