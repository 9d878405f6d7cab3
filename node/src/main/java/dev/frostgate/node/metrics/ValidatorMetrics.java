package dev.frostgate.node.metrics;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.crypto.frost.Identifier;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Every metric a validator exports, with the names the alert rules and the dashboard use. One
 * registry per validator (a devnet runs several in one JVM in tests). Methods are named after what
 * happened; each updates the metrics that record it. Thread-safe (the Prometheus client is).
 */
public final class ValidatorMetrics {
  /** The content type of {@link #scrape()} (Prometheus text format 0.0.4). */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** Signing takes seconds to minutes (spec 12.1 shows a p99 of 4.5 minutes). */
  private static final double[] SIGNING_BUCKETS = {
    0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 180, 300, 600, 1800
  };

  /** A peer answers in milliseconds on a LAN, seconds across continents. */
  private static final double[] PEER_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  /** One synced SQLite commit: sub-millisecond on tmpfs, milliseconds on a disk. */
  private static final double[] JOURNAL_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Counter signingStarted =
      counter("frostgate_signing_sessions_started", "Signing requests this validator took part in");
  private final Counter signingCompleted =
      counter("frostgate_signing_sessions_completed", "Signing requests completed");
  private final Counter signingFailed =
      counter(
          "frostgate_signing_sessions_failed",
          "Signing requests that ended without a signature",
          "reason");
  private final Counter signingRefused =
      counter(
          "frostgate_signing_refusals",
          "Proposals this validator refused to sign (policy or spend-lock rule)",
          "reason");
  private final Counter sharesSent =
      counter("frostgate_signing_shares_sent", "Signature shares that left this validator");
  private final Histogram signingDuration =
      histogram(
          "frostgate_signing_duration_seconds",
          "From a request's first commitment to its signed transaction",
          SIGNING_BUCKETS);
  private final Gauge signingPending =
      gauge("frostgate_signing_requests_pending", "Signing requests open on this validator");
  private final Gauge signingOldestPending =
      gauge(
          "frostgate_signing_oldest_pending_seconds",
          "Age of the oldest open signing request (0 when none)");

  private final Gauge dkgState =
      gauge("frostgate_dkg_state", "1 for the DKG phase this validator is in, else 0", "state");

  private final Histogram peerResponse =
      histogram(
          "frostgate_peer_response_seconds",
          "How long a peer took to answer a sign request (as coordinator)",
          PEER_BUCKETS,
          "peer");
  private final Counter peerTimeouts =
      counter(
          "frostgate_peer_timeouts",
          "Sign requests a peer had not answered within the retransmission interval",
          "peer");
  private final Counter peerInvalid =
      counter(
          "frostgate_peer_invalid_messages",
          "Invalid, forged, oversized or replayed messages from a peer",
          "peer",
          "kind");
  private final Gauge peerLastSeen =
      gauge(
          "frostgate_peer_last_seen_timestamp_seconds",
          "When a valid message from the peer last arrived (Unix time)",
          "peer");
  private final Counter exclusions =
      counter(
          "frostgate_exclusions",
          "Validators excluded from a session with evidence (DKG or signing)",
          "peer",
          "reason");
  private final Gauge validatorsOnline =
      gauge("frostgate_validators_online", "Validators this one sees online, itself included");
  private final Gauge validatorsThreshold =
      gauge("frostgate_validators_threshold", "Signers needed for a signature (t)");
  private final Gauge validatorsTotal =
      gauge("frostgate_validators_total", "Validators in the group (n)");
  private final Gauge peersConnected =
      gauge("frostgate_peers_connected", "Peers with an open authenticated connection");

  private final Gauge chainHeight =
      gauge("frostgate_chain_height_blocks", "Height of this validator's tip", "chain");
  private final Gauge chainLag =
      gauge(
          "frostgate_chain_lag_blocks",
          "Blocks this validator's view is behind the best header its node knows",
          "chain");
  private final Counter bitcoinReorgs =
      counter("frostgate_bitcoin_reorgs", "Bitcoin reorganisations seen by the chain watcher");
  private final Gauge bitcoinLastReorgDepth =
      gauge("frostgate_bitcoin_last_reorg_depth_blocks", "Blocks disconnected by the last reorg");
  private final Gauge depositsPending =
      gauge(
          "frostgate_deposits_pending_confirmation",
          "Deposits seen but not yet at the required confirmations");
  private final Gauge depositOldestPending =
      gauge(
          "frostgate_deposit_oldest_pending_seconds",
          "Age of the oldest deposit waiting for confirmations (0 when none)");
  private final Gauge mempoolFeeRate =
      gauge(
          "frostgate_bitcoin_mempool_fee_rate_sat_per_vbyte",
          "The fee rate the node estimates for the next blocks");

  private final Gauge spendLocksHeld =
      gauge("frostgate_spend_locks_held", "Outpoints locked by a signed spend, not yet released");
  private final Counter lockTransitions =
      counter(
          "frostgate_spend_lock_transitions",
          "Spend-lock lifecycle steps: fee bumps and releases, by reason",
          "transition");
  private final Histogram journalWrite =
      histogram(
          "frostgate_journal_write_seconds",
          "One durable journal commit (group commit of a step's shares)",
          JOURNAL_BUCKETS);
  private final Gauge keyShareLoaded =
      gauge("frostgate_key_share_loaded", "1 when the key share is loaded and usable");
  private final Counter keyAccessAnomalies =
      counter(
          "frostgate_key_access_anomalies",
          "Refused or failed key store accesses (wrong passphrase, token error, changed file)",
          "kind");
  private final Counter securityIncidents =
      counter(
          "frostgate_security_incidents",
          "Events that need a human: forged envelopes, equivocation, conflicting spend attempts",
          "kind");

  /** The metrics as Prometheus scrapes them. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every registered metric, also those with labels and no sample yet (for checks of names). */
  MetricSnapshots snapshot() {
    return registry.scrape();
  }

  /** This validator took part in a new signing request. */
  public void signingStarted() {
    signingStarted.inc();
  }

  /** A signing request completed after {@code elapsed}. */
  public void signingCompleted(Duration elapsed) {
    signingCompleted.inc();
    signingDuration.observe(seconds(elapsed));
  }

  /** A signing request ended without a signature (expired, too few signers, refused). */
  public void signingFailed(String reason) {
    signingFailed.labelValues(reason).inc();
  }

  /** This validator refused to sign a proposal. */
  public void signingRefused(String reason) {
    signingRefused.labelValues(reason).inc();
  }

  /** A signature share left this validator. */
  public void shareSent() {
    sharesSent.inc();
  }

  /** The open signing requests and the age of the oldest. */
  public void signingQueue(int pending, Duration oldest) {
    signingPending.set(pending);
    signingOldestPending.set(seconds(oldest));
  }

  /** The DKG phase this validator is in now (the others drop to 0). */
  public void dkgPhase(DkgPhase phase) {
    for (DkgPhase p : DkgPhase.values()) {
      dkgState.labelValues(p.label()).set(p == phase ? 1 : 0);
    }
  }

  /** A peer answered a sign request after {@code elapsed}. */
  public void peerAnswered(Identifier peer, Duration elapsed) {
    peerResponse.labelValues(label(peer)).observe(seconds(elapsed));
  }

  /** A peer left a sign request unanswered for a retransmission interval. */
  public void peerTimedOut(Identifier peer) {
    peerTimeouts.labelValues(label(peer)).inc();
  }

  /** A peer sent an invalid, forged, oversized or replayed message. */
  public void peerInvalid(Identifier peer, String kind) {
    peerInvalid.labelValues(label(peer), kind).inc();
  }

  /** A valid message from {@code peer} arrived at {@code at}. */
  public void peerSeen(Identifier peer, Instant at) {
    peerLastSeen.labelValues(label(peer)).set(at.toEpochMilli() / 1000.0);
  }

  /** {@code peer} was excluded with evidence. */
  public void excluded(Identifier peer, String reason) {
    exclusions.labelValues(label(peer), reason).inc();
  }

  /** The group as this validator sees it: online (itself included), t and n. */
  public void group(int online, int threshold, int total) {
    validatorsOnline.set(online);
    validatorsThreshold.set(threshold);
    validatorsTotal.set(total);
  }

  /** Peers with an open authenticated connection. */
  public void peersConnected(int peers) {
    peersConnected.set(peers);
  }

  /** This validator's Bitcoin tip and how far behind the node's best header it is. */
  public void bitcoinTip(long height, long lag) {
    chainTip("bitcoin", height, lag);
  }

  /** A Bitcoin reorganisation disconnected {@code depth} blocks. */
  public void bitcoinReorg(int depth) {
    bitcoinReorgs.inc();
    bitcoinLastReorgDepth.set(depth);
  }

  /** This validator's Stacks tip and how far behind it is. */
  public void stacksTip(long height, long lag) {
    chainTip("stacks", height, lag);
  }

  private void chainTip(String chain, long height, long lag) {
    chainHeight.labelValues(chain).set(height);
    chainLag.labelValues(chain).set(lag);
  }

  /** Deposits waiting for confirmations and the age of the oldest. */
  public void depositsPending(int pending, Duration oldest) {
    depositsPending.set(pending);
    depositOldestPending.set(seconds(oldest));
  }

  /** The node's fee estimate for the next blocks. */
  public void mempoolFeeRate(FeeRate rate) {
    mempoolFeeRate.set(rate.satPerKvb() / 1000.0);
  }

  /** Outpoints locked by signed spends and not yet released. */
  public void spendLocksHeld(int locks) {
    spendLocksHeld.set(locks);
  }

  /** A request's spend locks moved on: {@code transition} is bump or release_REASON. */
  public void lockTransition(String transition) {
    lockTransitions.labelValues(transition).inc();
  }

  /** One durable journal commit took {@code elapsed}. */
  public void journalWrite(Duration elapsed) {
    journalWrite.observe(seconds(elapsed));
  }

  /** Whether the key share is loaded and usable. */
  public void keyShareLoaded(boolean loaded) {
    keyShareLoaded.set(loaded ? 1 : 0);
  }

  /** A refused or failed access to the key store. */
  public void keyAccessAnomaly(String kind) {
    keyAccessAnomalies.labelValues(kind).inc();
  }

  /** Something that needs a human now (forgery, equivocation, a conflicting spend attempt). */
  public void securityIncident(String kind) {
    securityIncidents.labelValues(kind).inc();
  }

  private static String label(Identifier peer) {
    return peer.toString();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  private Gauge gauge(String name, String help, String... labels) {
    return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  private Histogram histogram(String name, String help, double[] buckets, String... labels) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .classicOnly()
        .classicUpperBounds(buckets)
        .labelNames(labels)
        .register(registry);
  }
}
