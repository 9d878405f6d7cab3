package dev.frostgate.node.api;

import dev.frostgate.engine.ShareEvidence;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.node.storage.OperatorQueries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * What the read endpoints show, as the runtime publishes it: every method is cheap and safe to call
 * from an HTTP thread, and nothing here is secret (public keys, counts, public evidence).
 */
public interface ApiView {
  /** Signers needed (t of the configured set). */
  int threshold();

  /** The validator's own Bitcoin node as last read (tip height against the best header). */
  ChainSync bitcoin();

  /** This validator's verifying share and the group key; empty until the DKG completed. */
  Optional<KeyShare> keyShare();

  /** The signing of a request this validator holds (answered by the event loop thread). */
  CompletableFuture<Optional<SessionProgress>> session(RequestId request);

  /** The leader of a request's first attempt; empty until the DKG completed. */
  Optional<Integer> firstLeader(RequestId request);

  /** Every validator of the set, this one included, with when a message from it last arrived. */
  List<ValidatorSeen> validators();

  /** Exclusions with their evidence, oldest first (bounded: the newest are kept). */
  List<Exclusion> exclusions();

  /** When this validator last completed a signature. */
  Optional<Instant> lastSignature();

  OperatorQueries.Locks spendLocks();

  OperatorQueries.JournalCounts journalCounts();

  /** The DKG certificate this validator holds; empty until the DKG completed. */
  Optional<DkgCertificateView> dkgCertificate();

  /**
   * A Bitcoin node's sync as last read.
   *
   * @param synced empty when not read yet (or the last read failed): unknown, never guessed
   * @param detail why, in words
   */
  record ChainSync(Optional<Boolean> synced, String detail, OptionalLong height, OptionalLong lag) {
    public ChainSync {
      Objects.requireNonNull(synced, "synced");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Public key material: compressed points, hex. */
  record KeyShare(
      int validator,
      String publicKeyShare,
      String combinedPublicKey,
      String xpub,
      int threshold,
      int validators) {}

  /** A validator of the set; {@code lastSeen} is empty when nothing from it arrived yet. */
  record ValidatorSeen(int id, boolean self, boolean connected, Optional<Instant> lastSeen) {}

  /**
   * A validator excluded by this one: in a signing session for an invalid share ({@link
   * ShareEvidence}, re-checkable by anyone with the group's public key package), or from a DKG
   * session (its session and the number of signed messages that prove it).
   */
  record Exclusion(
      int validator,
      String phase,
      String reason,
      Instant at,
      Optional<ShareEvidence> shareEvidence,
      Optional<DkgEvidence> dkgEvidence) {}

  /** A DKG exclusion's evidence: the session and how many signed messages prove it. */
  record DkgEvidence(String ceremony, String session, int proofMessages) {}

  /** The DKG's transcript certificate: every participant's BIP340 signature over it. */
  record DkgCertificateView(
      String ceremony,
      List<Integer> participants,
      int threshold,
      String transcriptHash,
      String groupKey,
      String xpub,
      Map<Integer, String> signatures,
      String testSignature) {
    public DkgCertificateView {
      participants = List.copyOf(participants);
      signatures = Map.copyOf(signatures);
    }
  }
}
