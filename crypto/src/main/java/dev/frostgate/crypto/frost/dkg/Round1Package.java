package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;

/** What a participant broadcasts in DKG part 1: its VSS commitment and proof of knowledge. */
public record Round1Package(Identifier sender, VssCommitment commitment, ProofOfKnowledge proof) {}
