package dev.frostgate.node.runtime;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.LeaderSchedule;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.node.api.ApiView;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.storage.OperatorQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** The API's view of a running validator: its event loop's feed, its config, its state database. */
final class RuntimeApiView implements ApiView {
  private final ValidatorConfig config;
  private final EventLoop loop;
  private final OperatorQueries queries;

  RuntimeApiView(ValidatorConfig config, EventLoop loop, OperatorQueries queries) {
    this.config = config;
    this.loop = loop;
    this.queries = queries;
  }

  @Override
  public int threshold() {
    return config.threshold().threshold();
  }

  @Override
  public ChainSync bitcoin() {
    return loop.chainMetrics().sync(System.currentTimeMillis());
  }

  @Override
  public Optional<KeyShare> keyShare() {
    int me = config.validator().id();
    return loop.apiFeed()
        .dkg()
        .map(
            r ->
                new KeyShare(
                    me,
                    r.rawPublicKeyPackage().verifyingShares().get(Identifier.of(me)).toHex(),
                    r.xpub().groupKey().toHex(),
                    r.xpub().serialize(),
                    r.rawPublicKeyPackage().minSigners(),
                    r.rawPublicKeyPackage().verifyingShares().size()));
  }

  @Override
  public CompletableFuture<Optional<SessionProgress>> session(RequestId request) {
    return loop.progress(request);
  }

  @Override
  public Optional<Integer> firstLeader(RequestId request) {
    return loop.apiFeed()
        .dkg()
        .map(
            r -> {
              List<Identifier> validators =
                  new ArrayList<>(r.rawPublicKeyPackage().verifyingShares().keySet());
              LeaderSchedule schedule =
                  new LeaderSchedule(validators, config.timeouts().leader().toMillis());
              return Math.toIntExact(schedule.leader(request, 0).smallValue());
            });
  }

  @Override
  public List<ValidatorSeen> validators() {
    int me = config.validator().id();
    Set<Integer> connected = loop.status().peersConnected();
    List<ValidatorSeen> out = new ArrayList<>();
    for (ValidatorConfig.Peer p : config.peers()) {
      out.add(
          new ValidatorSeen(
              p.id(), p.id() == me, connected.contains(p.id()), loop.apiFeed().lastSeen(p.id())));
    }
    return out;
  }

  @Override
  public List<Exclusion> exclusions() {
    return loop.apiFeed().exclusions();
  }

  @Override
  public Optional<Instant> lastSignature() {
    return loop.apiFeed().lastSignature();
  }

  @Override
  public OperatorQueries.Locks spendLocks() {
    return queries.spendLocks();
  }

  @Override
  public OperatorQueries.JournalCounts journalCounts() {
    return queries.journalCounts();
  }

  @Override
  public Optional<DkgCertificateView> dkgCertificate() {
    return loop.apiFeed().dkg().map(this::certificate);
  }

  private DkgCertificateView certificate(DkgResult r) {
    Map<Integer, String> sigs = new TreeMap<>();
    r.certificate()
        .signatures()
        .forEach((id, sig) -> sigs.put(Math.toIntExact(id.smallValue()), sig.toString()));
    return new DkgCertificateView(
        r.session().ceremony(),
        r.session().participants().stream().map(i -> Math.toIntExact(i.smallValue())).toList(),
        r.rawPublicKeyPackage().minSigners(),
        r.certificate().transcriptHash().toString(),
        r.certificate().groupKey().toHex(),
        r.xpub().serialize(),
        sigs,
        HexFormat.of()
            .formatHex(config.threshold().ciphersuite().serializeSignature(r.testSignature())));
  }
}
