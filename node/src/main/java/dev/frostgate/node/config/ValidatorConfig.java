package dev.frostgate.node.config;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validator's configuration, read from {@code config.toml} (see {@code docs/config.md} and {@code
 * docs/config.example.toml}). Immutable; every field has been checked by {@link #load}. Secrets
 * (key passphrase, HSM PIN, RPC password) are never part of it: the file names the environment
 * variables that hold them, and {@link #secret} reads them when they are needed.
 */
public record ValidatorConfig(
    LocalValidator validator,
    Threshold threshold,
    KeyStorage keyStorage,
    BitcoinRpc bitcoin,
    P2p network,
    List<Peer> peers,
    Timeouts timeouts,
    PolicyConfig policy,
    LifecycleConfig spendLocks,
    Monitoring monitoring,
    Api api) {

  public ValidatorConfig {
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(keyStorage, "keyStorage");
    Objects.requireNonNull(bitcoin, "bitcoin");
    Objects.requireNonNull(network, "network");
    peers = List.copyOf(peers);
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(spendLocks, "spendLocks");
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(api, "api");
  }

  /** The ciphersuite used when {@code [threshold] ciphersuite} is absent. */
  public static final String DEFAULT_CIPHERSUITE = "FROST-secp256k1-SHA256-TR-v1";

  /**
   * {@code [validator]}: who this validator is, on which Bitcoin network, where its state lives
   * (the local validator's settings; the signing state machine is the engine's SigningEngine).
   *
   * @param identityKey the identity key file written by {@code frostgate identity new} (sealed by
   *     the key store), default {@code <data_dir>/identity.json}
   */
  public record LocalValidator(int id, Network network, Path dataDir, Path identityKey) {
    public LocalValidator {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(identityKey, "identityKey");
    }

    /** The state database in the data directory. */
    public Path stateFile() {
      return dataDir.resolve("state.db");
    }
  }

  /** The identity key file's default name in the data directory. */
  public static final String DEFAULT_IDENTITY_FILE = "identity.json";

  /**
   * The TLS key file that {@code frostgate identity new} writes beside identity key file {@code
   * identity}: {@code id.json} gives {@code id.tls.key}.
   */
  public static Path tlsKeyBeside(Path identity) {
    return besideIdentity(identity, ".tls.key");
  }

  /** The TLS certificate file beside identity key file {@code identity} ({@code id.tls.crt}). */
  public static Path tlsCertificateBeside(Path identity) {
    return besideIdentity(identity, ".tls.crt");
  }

  private static Path besideIdentity(Path identity, String suffix) {
    String name = identity.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return identity.resolveSibling(stem + suffix);
  }

  /** {@code [threshold]}: t of n FROST signing with one ciphersuite. */
  public record Threshold(
      String scheme, Ciphersuite ciphersuite, int totalValidators, int threshold) {
    public Threshold {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(ciphersuite, "ciphersuite");
    }
  }

  /** {@code [key_storage]}: where the key share is kept. */
  public sealed interface KeyStorage {
    /**
     * An encrypted file (test networks); the passphrase is in environment variable passphraseEnv.
     */
    record File(Path path, String passphraseEnv) implements KeyStorage {
      public File {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(passphraseEnv, "passphraseEnv");
      }
    }

    /** A PKCS#11 token (production); the PIN is in environment variable pinEnv. */
    record Pkcs11(Path library, int slotIndex, String pinEnv) implements KeyStorage {
      public Pkcs11 {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(pinEnv, "pinEnv");
      }
    }
  }

  /**
   * {@code [bitcoin]}: the Bitcoin Core JSON-RPC endpoint. Its {@code confirmations_required} is a
   * policy setting and lives in {@link PolicyConfig#minConfirmations()}.
   */
  public record BitcoinRpc(URI rpcUrl, RpcAuthSetting auth) {
    public BitcoinRpc {
      Objects.requireNonNull(rpcUrl, "rpcUrl");
      Objects.requireNonNull(auth, "auth");
    }
  }

  /**
   * How the node authenticates to Bitcoin Core, as configured: a cookie path or the name of an
   * environment variable, not yet read (the RPC client's {@code RpcAuth} is the resolved form).
   */
  public sealed interface RpcAuthSetting {
    /** Bitcoin Core's cookie file ({@code rpc_cookie}). */
    record Cookie(Path file) implements RpcAuthSetting {
      public Cookie {
        Objects.requireNonNull(file, "file");
      }
    }

    /** {@code rpc_user}, with the password in environment variable passwordEnv. */
    record Password(String user, String passwordEnv) implements RpcAuthSetting {
      public Password {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
      }
    }
  }

  /**
   * {@code [network]}: where this validator listens for its peers, and its own TLS key and
   * certificate (the certificate its {@code [[peers]]} entry pins).
   */
  public record P2p(HostPort listen, Path tlsKey, Path tlsCertificate) {
    public P2p {
      Objects.requireNonNull(listen, "listen");
      Objects.requireNonNull(tlsKey, "tlsKey");
      Objects.requireNonNull(tlsCertificate, "tlsCertificate");
    }
  }

  /**
   * {@code [api]}: the validator's HTTP API. Loopback by default; requests that change state need
   * the bearer token held in {@code tokenFile}.
   */
  /**
   * {@code [api]}.
   *
   * @param readLoopbackOnly whether the read endpoints answer loopback clients only (default true:
   *     an operator opening the API to the network for posting requests does not publish the
   *     validator's state with it)
   */
  public record Api(HostPort listen, Path tokenFile, boolean readLoopbackOnly) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);
    public static final String DEFAULT_TOKEN_FILE = "api-token";
    public static final boolean DEFAULT_READ_LOOPBACK_ONLY = true;

    public Api {
      Objects.requireNonNull(listen, "listen");
      Objects.requireNonNull(tokenFile, "tokenFile");
    }
  }

  /** One {@code [[peers]]} entry: a validator of the set (this one included). */
  public record Peer(int id, HostPort address, Point identityKey, TlsIdentity tls) {
    public Peer {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(identityKey, "identityKey");
      Objects.requireNonNull(tls, "tls");
    }

    /** The 32-byte x-only (BIP340) identity key. */
    public byte[] identityKeyXOnly() {
      return identityKey.xOnly();
    }
  }

  /** How a peer's TLS certificate is pinned. */
  public sealed interface TlsIdentity {
    /** The peer's certificate, in a PEM file. */
    record CertificateFile(Path path) implements TlsIdentity {
      public CertificateFile {
        Objects.requireNonNull(path, "path");
      }
    }

    /** The SHA-256 fingerprint of the peer's DER certificate, 64 lowercase hex digits. */
    record Fingerprint(String sha256Hex) implements TlsIdentity {
      public Fingerprint {
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException("fingerprint must be 64 lowercase hex digits");
        }
      }
    }
  }

  /** {@code [timeouts]}. */
  public record Timeouts(Duration round, Duration session, Duration leader) {
    public Timeouts {
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(leader, "leader");
    }

    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(15));
  }

  /** {@code [monitoring]}. */
  public record Monitoring(int metricsPort) {
    public static final int DEFAULT_METRICS_PORT = 9090;
  }

  /** This validator's own {@code [[peers]]} entry. */
  public Peer self() {
    return peer(validator.id())
        .orElseThrow(() -> new IllegalStateException("own id missing from peers"));
  }

  /** The peer with this id, if configured. */
  public Optional<Peer> peer(int id) {
    return peers.stream().filter(p -> p.id() == id).findFirst();
  }

  /**
   * Reads and checks {@code config.toml}; environment variables named by the file are looked up in
   * the process environment.
   *
   * @throws ConfigException listing every problem, each naming its field
   */
  public static ValidatorConfig load(Path file) {
    return load(file, System.getenv());
  }

  /**
   * Reads and checks {@code config.toml}, looking up the environment variables it names in env.
   * Relative paths in the file are resolved against the file's directory.
   *
   * @throws ConfigException listing every problem, each naming its field
   */
  public static ValidatorConfig load(Path file, Map<String, String> env) {
    return ConfigLoader.load(file, env);
  }

  /**
   * Parses config text that did not come from a file; relative paths are resolved against baseDir
   * and errors are reported against fileName.
   */
  public static ValidatorConfig parse(
      String toml, String fileName, Path baseDir, Map<String, String> env) {
    return new ConfigLoader(fileName, baseDir, env).parse(toml);
  }

  /**
   * Reads a secret from the environment variable named in the config (e.g. {@code
   * KeyStorage.Pkcs11#pinEnv}). The caller clears the returned array after use.
   *
   * @throws IllegalStateException naming the variable if it is unset or empty
   */
  public static char[] secret(String envVar, Map<String, String> env) {
    String value = env.get(envVar);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("environment variable " + envVar + " is not set");
    }
    return value.toCharArray();
  }

  /** The demo configuration of validator 1 of 15 (threshold 10) on regtest. */
  public static ValidatorConfig defaults() {
    return defaults(1);
  }

  /**
   * The configuration of validator {@code id} of the embedded demo: 15 validators, threshold 10,
   * Taproot ciphersuite, regtest, everyone on 127.0.0.1 ports 9001..9015.
   *
   * <p>The demo identity keys are derived from public strings ({@link #demoIdentityKey}): anyone
   * can sign as any demo validator. Never use them outside the embedded demo.
   */
  public static ValidatorConfig defaults(int id) {
    int n = 15;
    if (id < 1 || id > n) {
      throw new IllegalArgumentException("demo validator id must be 1..15, got " + id);
    }
    Path dataDir = Path.of("frostgate-data", "validator-" + id);
    List<Peer> peers = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      peers.add(
          new Peer(
              i,
              new HostPort("127.0.0.1", 9000 + i),
              demoIdentityKey(i),
              new TlsIdentity.CertificateFile(
                  Path.of("frostgate-data", "tls", "validator-" + i + ".crt"))));
    }
    return new ValidatorConfig(
        new LocalValidator(id, Network.REGTEST, dataDir, dataDir.resolve(DEFAULT_IDENTITY_FILE)),
        new Threshold("frost", Ciphersuite.byName(DEFAULT_CIPHERSUITE), n, 10),
        new KeyStorage.File(dataDir.resolve("key-share.enc"), "FROSTGATE_KEY_PASSPHRASE"),
        new BitcoinRpc(
            URI.create("http://127.0.0.1:18443"),
            new RpcAuthSetting.Cookie(Path.of("frostgate-data", "regtest", ".cookie"))),
        new P2p(
            new HostPort("127.0.0.1", 9000 + id),
            tlsKeyBeside(dataDir.resolve(DEFAULT_IDENTITY_FILE)),
            tlsCertificateBeside(dataDir.resolve(DEFAULT_IDENTITY_FILE))),
        peers,
        Timeouts.DEFAULT,
        PolicyConfig.defaults(),
        LifecycleConfig.defaults(),
        new Monitoring(Monitoring.DEFAULT_METRICS_PORT + id - 1),
        new Api(
            new HostPort("127.0.0.1", 8080 + id),
            dataDir.resolve(Api.DEFAULT_TOKEN_FILE),
            Api.DEFAULT_READ_LOOPBACK_ONLY));
  }

  /** The public, insecure identity key of demo validator i: H("frostgate demo identity i")·G. */
  public static Point demoIdentityKey(int i) {
    byte[] seed = Hashes.sha256(("frostgate demo identity " + i).getBytes(StandardCharsets.UTF_8));
    return Point.mulGenerator(Scalar.reduce(seed)).withEvenY();
  }
}
