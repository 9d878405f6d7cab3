package dev.frostgate.engine;

import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.request.RequestId;
import java.util.List;

/**
 * Protocol messages between validators (the payload of a signed envelope; the protobuf schema in
 * {@code dev.frostgate.engine.wire} encodes them). The sender is the envelope's, never a field.
 */
public sealed interface Message {
  RequestId request();

  /** Leader to all: sign this transaction (one message per input). */
  record Proposal(RequestId request, int attempt, byte[] tx, List<byte[]> messages)
      implements Message {
    public Proposal {
      tx = tx.clone();
      messages = messages.stream().map(byte[]::clone).toList();
    }

    public boolean sameAs(Proposal o) {
      if (!java.util.Arrays.equals(tx, o.tx) || messages.size() != o.messages.size()) {
        return false;
      }
      for (int i = 0; i < messages.size(); i++) {
        if (!java.util.Arrays.equals(messages.get(i), o.messages.get(i))) {
          return false;
        }
      }
      return true;
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
  record Signed(RequestId request, int attempt, List<byte[]> signatures) implements Message {
    public Signed {
      signatures = signatures.stream().map(byte[]::clone).toList();
    }
  }
}
