package dev.frostgate.node.runtime;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.wire.IdentityKeys;
import dev.frostgate.engine.wire.WireLimits;
import dev.frostgate.node.api.ApiServer;
import dev.frostgate.node.api.NodeStatus;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.keystore.KeyStore;
import dev.frostgate.node.live.BitcoinTip;
import dev.frostgate.node.live.DashboardRoutes;
import dev.frostgate.node.live.LiveService;
import dev.frostgate.node.logging.LogContext;
import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.node.storage.DatabaseTooNewException;
import dev.frostgate.node.storage.OperatorQueries;
import dev.frostgate.node.storage.SqliteDkgStore;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.storage.StorageException;
import dev.frostgate.node.transport.Inbound;
import dev.frostgate.node.transport.InboundGate;
import dev.frostgate.node.transport.PeerTransport;
import dev.frostgate.node.transport.TransportConfig;
import dev.frostgate.node.transport.TransportException;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The composition root of one validator process ({@code frostgate node run}): wires the config, the
 * key store, the SQLite state and journal, the DKG session (resumed from the state, or run over the
 * network when no group key is stored yet), the signing engine, the Bitcoin RPC client behind the
 * engine's chain facts, the stored requests, the peer transport and the HTTP API around one {@link
 * EventLoop} thread. {@link #close()} shuts down in the order that loses nothing acknowledged: stop
 * accepting requests, stop the loop (open sessions are abandoned: their nonces die with the
 * process), close the transport, then the database and the key store.
 */
public final class ValidatorRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ValidatorRuntime.class);

  private final ValidatorConfig config;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private EventLoop loop;
  private Thread thread;
  private ApiServer api;
  private PeerTransport transport;
  private boolean closed;
  private Optional<ByzantineMode> byzantine = Optional.empty();

  private ValidatorRuntime(ValidatorConfig config) {
    this.config = config;
  }

  /**
   * Starts the validator: checks, opens and binds everything, then starts the event loop.
   *
   * @param identityKey this validator's identity secret (from its identity file); destroyed by
   *     {@link #close()}
   * @param keyStore the configured key store (closed by {@link #close()})
   * @throws StartupException naming what and where, after closing whatever was opened
   */
  public static ValidatorRuntime start(
      ValidatorConfig config,
      SecretScalar identityKey,
      KeyStore keyStore,
      Map<String, String> env) {
    return start(config, identityKey, keyStore, env, Optional.empty());
  }

  /**
   * As {@link #start(ValidatorConfig, SecretScalar, KeyStore, Map)}, with a Byzantine mode for
   * devnet tests: refused (a {@link StartupException}) unless the network is regtest.
   */
  public static ValidatorRuntime start(
      ValidatorConfig config,
      SecretScalar identityKey,
      KeyStore keyStore,
      Map<String, String> env,
      Optional<ByzantineMode> byzantine) {
    ValidatorRuntime r = new ValidatorRuntime(config);
    r.resources.add(keyStore);
    r.resources.add(identityKey::destroy);
    try {
      if (byzantine.isPresent() && config.validator().network() != Network.REGTEST) {
        throw new StartupException(
            "--byzantine "
                + byzantine.get().cliName()
                + ": devnet testing only, refused on [validator] network = "
                + config.validator().network().name().toLowerCase(Locale.ROOT)
                + " (only regtest)");
      }
      r.byzantine = byzantine;
      r.open(identityKey, keyStore, env);
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  private void open(SecretScalar identityKey, KeyStore keyStore, Map<String, String> env) {
    int me = config.validator().id();
    Point own = identityKey.publicPoint();
    if (!own.withEvenY().equals(config.self().identityKey().withEvenY())) {
      throw new StartupException(
          config.validator().identityKey()
              + ": holds identity key "
              + HexFormat.of().formatHex(own.xOnly())
              + ", but [[peers]] id "
              + me
              + " pins "
              + HexFormat.of().formatHex(config.self().identityKeyXOnly()));
    }
    String token = readToken(config.api().tokenFile());

    StateDatabase db = openState(config.validator().stateFile());
    resources.add(db);
    StoredRequests requests = StoredRequests.load(db.store(), config.validator().network());
    BitcoinRpcClient rpc = BitcoinRpcClient.create(rpcConfig(config, env));
    resources.add(rpc::close);

    DkgConfig dkgConfig = dkgConfig(config, identityKey);
    ValidatorMetrics metrics = new ValidatorMetrics();
    SqliteDkgStore dkgStore =
        new SqliteDkgStore(db, keyStore, dkgConfig, KeyAccessAnomaly.counter(metrics));
    boolean resumes = !dkgStore.load().isEmpty();
    SecureRandom random = new SecureRandom();
    DkgSession dkg = new DkgSession(dkgConfig, System::currentTimeMillis, () -> random, dkgStore);

    Map<Integer, Point> identities = new TreeMap<>();
    config.peers().forEach(p -> identities.put(p.id(), p.identityKey()));
    InboundGate gate =
        InboundGate.of(
            IdentityKeys.ofPoints(identities),
            WireLimits.DEFAULT,
            System::currentTimeMillis,
            requests::byHash);

    // The live surface (WebSocket /ws, the dashboard) gets every event after metrics do.
    LiveService live =
        new LiveService(
            me,
            identities.keySet(),
            config.threshold().threshold(),
            // The loop's chain metrics already read the node every 10 s: reuse that read.
            () ->
                loop.chainMetrics()
                    .lastInfo()
                    .map(i -> new BitcoinTip(i.blocks(), i.headers()))
                    .orElseThrow(() -> new IllegalStateException("no good read of the node yet")),
            InstantSource.system());
    resources.add(live);

    AtomicReference<PeerTransport> transportRef = new AtomicReference<>();
    loop =
        new EventLoop(
            config,
            db,
            requests,
            rpc,
            dkg,
            resumes,
            gate,
            identityKey,
            transportRef::get,
            metrics,
            live.listener(),
            byzantine);
    byzantine.ifPresent(
        m ->
            log.warn(
                "BYZANTINE MODE {}: this validator injects faults into what it sends (devnet"
                    + " testing only)",
                m.cliName()));
    transport = startTransport(loop, db);
    resources.add(transport);
    transportRef.set(transport);

    thread = new Thread(loop, "validator-" + me + "-loop");
    thread.start();
    live.start(loop::status);
    api =
        startApi(
            token,
            requests,
            new RuntimeApiView(config, loop, new OperatorQueries(db)),
            new ActionLookup(requests.index(), rpc),
            new DashboardRoutes(live));
    resources.add(startMetrics(metrics));
    log.info(
        "validator {} running: peers on {}, API on {}:{}, state {}",
        me,
        config.network().listen(),
        config.api().listen().host(),
        api.port(),
        config.validator().stateFile());
  }

  /** The live status the API reports. */
  public NodeStatus status() {
    return loop.status();
  }

  /** The API's port (the configured one, or the one picked for port 0). */
  public int apiPort() {
    return api.port();
  }

  /** Shuts down in order (see the class comment); idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (api != null) {
      api.close();
    }
    if (loop != null) {
      loop.stop();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable c : reversed) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
    log.info("validator {} stopped", config.validator().id());
  }

  // ---------------------------------------------------------------- startup steps

  private static String readToken(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StartupException(
          "[api] token_file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    String token = text.lines().findFirst().orElse("").trim();
    if (token.length() < 16) {
      throw new StartupException(
          "[api] token_file: " + file + " must hold a token of at least 16 characters");
    }
    return token;
  }

  private static StateDatabase openState(Path file) {
    try {
      return StateDatabase.open(file);
    } catch (DatabaseTooNewException e) {
      throw new StartupException("state database " + file + ": " + e.getMessage(), e);
    } catch (StorageException e) {
      throw new StartupException("state database " + file + ": " + e.getMessage(), e);
    }
  }

  static RpcClientConfig rpcConfig(ValidatorConfig config, Map<String, String> env) {
    RpcAuth auth =
        switch (config.bitcoin().auth()) {
          case ValidatorConfig.RpcAuthSetting.Cookie c -> RpcAuth.cookieFile(c.file());
          case ValidatorConfig.RpcAuthSetting.Password p -> {
            yield RpcAuth.userPassword(
                p.user(), KeyStores.requireEnv(env, p.passwordEnv(), "[bitcoin] rpc_password_env"));
          }
        };
    return RpcClientConfig.of(config.bitcoin().rpcUrl(), auth);
  }

  /**
   * The DKG every validator of this set runs: its ceremony name is derived from the pinned identity
   * keys, so every validator names the same ceremony without agreeing on anything else.
   */
  static DkgConfig dkgConfig(ValidatorConfig config, SecretScalar identityKey) {
    List<Identifier> validators = new ArrayList<>();
    Map<Identifier, Bip340PublicKey> keys = new TreeMap<>();
    List<byte[]> parts = new ArrayList<>();
    for (ValidatorConfig.Peer p : config.peers()) {
      Identifier id = Identifier.of(p.id());
      validators.add(id);
      keys.put(id, Bip340PublicKey.of(p.identityKeyXOnly()));
      parts.add(p.identityKeyXOnly());
    }
    String ceremony =
        "frostgate-"
            + HexFormat.of()
                .formatHex(Hashes.sha256(Hashes.concat(parts.toArray(new byte[0][]))))
                .substring(0, 32);
    // A DKG runs once, while processes start and seal key material (Argon2id): a round gets the
    // session timeout, or a validator that is slow to start would be voted out.
    long round = config.timeouts().session().toMillis();
    return new DkgConfig(
        ceremony,
        Identifier.of(config.validator().id()),
        validators,
        config.threshold().threshold(),
        keys,
        identityKey,
        config.threshold().ciphersuite(),
        config.validator().network(),
        round,
        config.timeouts().round().toMillis());
  }

  private PeerTransport startTransport(EventLoop loop, StateDatabase db) {
    TransportConfig tc;
    try {
      tc =
          TransportConfig.from(
              config, config.network().tlsKey(), config.network().tlsCertificate());
    } catch (TransportException e) {
      throw new StartupException("[network] tls_certificate: " + e.getMessage(), e);
    }
    try {
      return PeerTransport.start(
          tc,
          new Inbound() {
            @Override
            public void onFrame(int peerId, byte[] frame) {
              loop.offer(peerId, frame);
            }

            @Override
            public void onConnected(int peerId) {
              log.info("peer {} connected", peerId);
            }

            @Override
            public void onDisconnected(int peerId) {
              log.info("peer {} disconnected", peerId);
            }
          },
          InstantSource.system(),
          new SecureRandom(),
          // Bans outlive a restart: a peer banned for flooding is not let back by a crash.
          db.peerBans());
    } catch (TransportException e) {
      throw new StartupException(
          "[network] listen " + config.network().listen() + ": " + e.getMessage(), e);
    }
  }

  private ApiServer startMetrics(ValidatorMetrics metrics) {
    HostPort at = new HostPort(config.api().listen().host(), config.monitoring().metricsPort());
    // Started with the validator id in the MDC: the server's threads log with it.
    try (MDC.MDCCloseable id = LogContext.validator(config.validator().id())) {
      return ApiServer.metrics(at, metrics::scrape);
    } catch (JavalinBindException e) {
      throw new StartupException(
          "[monitoring] metrics_port " + at + ": port in use or not bindable", e);
    }
  }

  private ApiServer startApi(
      String token,
      StoredRequests requests,
      RuntimeApiView view,
      ActionLookup actions,
      DashboardRoutes dashboard) {
    try (MDC.MDCCloseable id = LogContext.validator(config.validator().id())) {
      return ApiServer.start(
          new ApiServer.Settings(config.api().listen(), config.api().readLoopbackOnly()),
          token,
          config.validator().network(),
          requests::add,
          loop::status,
          view,
          actions,
          List.of(dashboard));
    } catch (JavalinBindException e) {
      throw new StartupException(
          "[api] listen " + config.api().listen() + ": port in use or not bindable", e);
    }
  }
}
