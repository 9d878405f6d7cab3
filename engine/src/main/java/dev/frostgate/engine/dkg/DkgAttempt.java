package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Secret;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.dkg.DkgMessage.Round1Set;
import dev.frostgate.engine.dkg.DkgMessage.ShareRequest;
import dev.frostgate.engine.dkg.DkgMessage.ViewClaim;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * This validator's state in one session (one participant set): what round 1, share delivery and the
 * certification phase have gathered so far, each in its own holder, and the participants it voted
 * against. Mutable, owned by one {@link DkgSession}; the parts of the session decide, this only
 * holds.
 */
final class DkgAttempt {
  final DkgSessionId sid;
  final long startedAt;
  final Round1State round1 = new Round1State();
  final ShareState shares = new ShareState();
  final CertificationState cert = new CertificationState();
  // Whom we voted against in this session (rule R5: then we never certify it).
  final TreeSet<Identifier> voted = new TreeSet<>();
  // What the store held for this session when the process started (empty unless a restart).
  Optional<DkgProgress.SessionProgress> resumed = Optional.empty();

  DkgAttempt(DkgSessionId sid, long now) {
    this.sid = sid;
    this.startedAt = now;
  }

  /** A share request's parties: who asks, for whose share. */
  record Pair(Identifier requester, Identifier dealer) {}

  /**
   * An authentic share request not yet answered by the dealer's sealed share: since when we know
   * it, and whether it holds back our certificate-phase vote against its requester (only if it came
   * before that vote was due: a requester cannot push its deadline on and on with late requests).
   */
  record OpenRequest(ShareRequest request, long seenAt, boolean shields) {}

  /** Round 1: our package and secret, the others' signed packages, the view and its disputes. */
  static final class Round1State {
    Round1Secret secret;
    DkgMessage.Round1 mine;
    // Others' signed round-1 packages: the first valid one per author (direct or from a set).
    final SortedMap<Identifier, DkgMessage.Round1> received = new TreeMap<>();
    // Our view of round 1 (DkgSignatures.viewDigest), once every package is in.
    Hash32 view;
    // View claims seen before our own view existed, checked once it does (bounded).
    final Map<String, ViewClaim> unchecked = new LinkedHashMap<>();
    // Dealers that signed a view other than ours (first such claim each), and since when we know.
    final SortedMap<Identifier, ViewClaim> disputes = new TreeMap<>();
    final SortedMap<Identifier, Long> disputedAt = new TreeMap<>();
    Round1Set mySet;
    // Round-1 relay: when we last asked for missing packages, and last answered each peer.
    long askedAt = Long.MIN_VALUE / 4;
    final Map<Identifier, Long> relayedAt = new HashMap<>();
    // What our certificate signs, known from round 1 alone (transcript hash and group key): a
    // peer's certificate signature that came before our output counts once it verifies against it.
    byte[] certMessage;

    private Round1State() {}
  }

  /** Round 2: the sealed shares we dealt and received, and the share requests (rule R8). */
  static final class ShareState {
    Round2Secret secret;
    // When we sent our own shares.
    long sentAt;
    // Share requests: authentic requests not (yet) answered by the dealer's signed sealed share;
    // the sealed shares for others we hold (the dealer's answers: encrypted to their receiver, so
    // anyone may hold and pass them on); per requester, when one of its shielding requests was last
    // answered (its certificate-phase deadline runs from then); when we last passed each sealed
    // share to each asker; the sealed shares we passed on to their receiver; and when a peer's
    // verified certificate signature first came while we had no output.
    final Map<Pair, OpenRequest> requests = new LinkedHashMap<>();
    final Map<Pair, DkgMessage.Round2> resends = new LinkedHashMap<>();
    final Map<Identifier, Long> answeredFor = new HashMap<>();
    final Map<String, Long> answeredAt = new HashMap<>();
    final Set<String> relayed = new HashSet<>();
    long peerCertifiedAt = Long.MAX_VALUE / 4;
    // Our sealed shares, by receiver.
    final SortedMap<Identifier, DkgMessage.Round2> mine = new TreeMap<>();
    // The dealer-signed sealed shares for us, and the shares they opened to.
    final SortedMap<Identifier, DkgMessage.Round2> received = new TreeMap<>();
    final SortedMap<Identifier, SecretScalar> opened = new TreeMap<>();

    private ShareState() {}
  }

  /** Part 3 and after: our output, the certificate signatures and the test signature. */
  static final class CertificationState {
    DkgOutput output;
    Bip340Signature mySignature;
    final SortedMap<Identifier, Bip340Signature> signatures = new TreeMap<>();
    List<Identifier> testSigners;
    SigningNonces nonces;
    final SortedMap<Identifier, SigningCommitments> testCommits = new TreeMap<>();
    SignatureShare myTestShare;
    final SortedMap<Identifier, SignatureShare> testShares = new TreeMap<>();
    Signature testSignature;
    // When we signed the certificate (the certificate-phase deadlines run from here).
    long signedAt;
    // We will never certify this session (a vote of ours, differing views, another transcript).
    boolean abstained;

    private CertificationState() {}
  }

  /** The others' round-1 packages, by author. */
  SortedMap<Identifier, Round1Package> packages() {
    SortedMap<Identifier, Round1Package> m = new TreeMap<>();
    round1.received.forEach((id, r) -> m.put(id, r.pkg()));
    return m;
  }

  void destroySecrets() {
    if (round1.secret != null) {
      round1.secret.destroy();
    }
    if (shares.secret != null) {
      shares.secret.destroy();
    }
    if (cert.nonces != null) {
      cert.nonces.discard();
    }
    destroyReceivedShares();
  }

  void destroyReceivedShares() {
    shares.opened.values().forEach(SecretScalar::destroy);
    shares.opened.clear();
  }
}
