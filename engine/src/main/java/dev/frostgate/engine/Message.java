package dev.frostgate.engine;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.ByteVector;
import java.util.List;
import java.util.Objects;

/**
 * Protocol messages between validators (the payload of a signed envelope; the protobuf schema in
 * {@code dev.frostgate.engine.wire} encodes them). The sender is the envelope's, never a field.
 */
public sealed interface Message {
  RequestId request();

  /**
   * Leader to all: sign this transaction, one BIP341 sighash per input. Values, so two proposals
   * are the same exactly when they are equal (a second, different one is equivocation).
   */
  record Proposal(RequestId request, int attempt, ByteVector tx, List<Hash32> messages)
      implements Message {
    public Proposal {
      Objects.requireNonNull(tx, "tx");
      messages = List.copyOf(messages);
    }

    /** From the spend builder's raw form: the serialized transaction and its sighashes. */
    public static Proposal of(RequestId request, int attempt, byte[] tx, List<byte[]> sigHashes) {
      return new Proposal(
          request,
          attempt,
          new ByteVector(tx.clone()),
          sigHashes.stream().map(Hash32::of).toList());
    }

    /** The sighashes as FROST's signing packages take them (copies). */
    public List<byte[]> messageBytes() {
      return messages.stream().map(Hash32::bytes).toList();
    }
  }

  /** Signer to leader: a fresh commitment (one per input), after the proposal passed policy. */
  record Commit(RequestId request, int attempt, List<SigningCommitments> commitments)
      implements Message {
    public Commit {
      commitments = List.copyOf(commitments);
    }
  }

  /** Signer to leader: the proposal was refused, with the policy's reason. */
  record Refuse(RequestId request, int attempt, PolicyVerdict.Reason reason) implements Message {}

  /** Leader to the members of one ROAST session: the signing packages (one per input). */
  record SignRequest(RequestId request, int attempt, long session, List<SigningPackage> packages)
      implements Message {
    public SignRequest {
      packages = List.copyOf(packages);
    }
  }

  /** Signer to leader: its shares for a session, and a fresh commitment for the next one. */
  record Share(
      RequestId request,
      int attempt,
      long session,
      List<SignatureShare> shares,
      List<SigningCommitments> next)
      implements Message {
    public Share {
      shares = List.copyOf(shares);
      next = List.copyOf(next);
    }
  }

  /** Leader to all: the request is complete; the BIP340 signature of each input. */
  record Signed(RequestId request, int attempt, List<Bip340Signature> signatures)
      implements Message {
    public Signed {
      signatures = List.copyOf(signatures);
    }
  }
}
