package dev.frostgate.node.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.node.config.ValidatorConfig.Api;
import dev.frostgate.node.config.ValidatorConfig.BitcoinRpc;
import dev.frostgate.node.config.ValidatorConfig.KeyStorage;
import dev.frostgate.node.config.ValidatorConfig.LocalValidator;
import dev.frostgate.node.config.ValidatorConfig.Monitoring;
import dev.frostgate.node.config.ValidatorConfig.P2p;
import dev.frostgate.node.config.ValidatorConfig.Peer;
import dev.frostgate.node.config.ValidatorConfig.RpcAuthSetting;
import dev.frostgate.node.config.ValidatorConfig.Threshold;
import dev.frostgate.node.config.ValidatorConfig.Timeouts;
import dev.frostgate.node.config.ValidatorConfig.TlsIdentity;
import fr.acinq.bitcoin.Satoshi;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parses and checks config.toml, collecting every problem with the name of its field. */
final class ConfigLoader {
  private static final Set<String> SECTIONS =
      Set.of(
          "validator",
          "threshold",
          "key_storage",
          "bitcoin",
          "network",
          "peers",
          "timeouts",
          "policy",
          "spend_locks",
          "monitoring",
          "api",
          "stacks");

  /** Keys that would put a secret into the file, and the key that replaces each. */
  private static final Map<String, String> SECRET_KEYS =
      Map.of(
          "rpc_password", "rpc_password_env",
          "pin", "pin_env",
          "hsm_pin", "pin_env",
          "passphrase", "passphrase_env",
          "password", "passphrase_env");

  private static final long MAX_SAT = 21_000_000L * 100_000_000L;
  private static final long MAX_TIMEOUT_MS = 24L * 3600 * 1000;

  private final String fileName;
  private final Path baseDir;
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  ConfigLoader(String fileName, Path baseDir, Map<String, String> env) {
    this.fileName = fileName;
    this.baseDir = baseDir;
    this.env = env;
  }

  static ValidatorConfig load(Path file, Map<String, String> env) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(List.of(name + ": cannot read " + file + ": " + e.getMessage()));
    }
    Path dir = file.toAbsolutePath().getParent();
    return new ConfigLoader(name, dir, env).parse(text);
  }

  ValidatorConfig parse(String toml) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JacksonException e) {
      throw new ConfigException(
          List.of(fileName + ": not valid TOML: " + e.getOriginalMessage() + location(e)));
    } catch (IOException e) {
      throw new ConfigException(List.of(fileName + ": not valid TOML: " + e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(List.of(fileName + ": empty"));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!SECTIONS.contains(key)) {
        problems.add(fileName + ": [" + key + "]: unknown section; known: " + sorted(SECTIONS));
      }
    }

    Section v = section(root, "validator", true);
    Integer id = v.integer("id", 1, 1000, null);
    Network net =
        v.parsed(
            "network",
            null,
            s -> {
              String lower = s.toLowerCase(Locale.ROOT);
              if (!Set.of("mainnet", "testnet", "signet", "regtest").contains(lower)) {
                throw new IllegalArgumentException(
                    "must be mainnet, testnet, signet or regtest, got " + shown(s));
              }
              return Network.fromName(lower);
            });
    Path dataDir = v.path("data_dir", null);
    Path identityKey =
        v.path("identity_key", inDataDir(dataDir, ValidatorConfig.DEFAULT_IDENTITY_FILE));
    v.rejectUnknown();

    Section t = section(root, "threshold", true);
    String scheme =
        t.parsed(
            "scheme",
            "frost",
            s -> {
              if (!s.equals("frost")) {
                throw new IllegalArgumentException("must be \"frost\", got " + shown(s));
              }
              return s;
            });
    Ciphersuite suite =
        t.parsed(
            "ciphersuite",
            ValidatorConfig.DEFAULT_CIPHERSUITE,
            s -> {
              try {
                return Ciphersuite.byName(s);
              } catch (FrostException e) {
                throw new IllegalArgumentException(e.getMessage());
              }
            });
    Integer total = t.integer("total_validators", 1, 255, null);
    Integer threshold = null;
    if (total != null) {
      threshold = t.integer("threshold", 1, total, null, "total_validators (" + total + ")");
    } else {
      t.integer("threshold", 1, 255, null);
    }
    t.rejectUnknown();

    KeyStorage keyStorage = keyStorage(section(root, "key_storage", true), dataDir);
    Section b = section(root, "bitcoin", true);
    BitcoinRpc bitcoin = bitcoin(b);
    // A policy setting (PolicyConfig.minConfirmations) kept in [bitcoin], where operators expect
    // it.
    Integer conf = b.integer("confirmations_required", 1, 1000, null);
    b.rejectUnknown();

    Section n = section(root, "network", true);
    HostPort listen = n.parsed("listen", null, HostPort::parse);
    // The TLS files that `identity new` writes beside the identity key, unless named.
    Path identityOrDefault =
        identityKey == null ? Path.of(ValidatorConfig.DEFAULT_IDENTITY_FILE) : identityKey;
    Path tlsKey = n.path("tls_key", ValidatorConfig.tlsKeyBeside(identityOrDefault));
    Path tlsCertificate =
        n.path("tls_certificate", ValidatorConfig.tlsCertificateBeside(identityOrDefault));
    n.rejectUnknown();

    List<Peer> peers = peers(root, id, total);

    Section to = section(root, "timeouts", false);
    Long round = to.longValue("round_ms", 1, MAX_TIMEOUT_MS, Timeouts.DEFAULT.round().toMillis());
    Long session =
        to.longValue("session_ms", 1, MAX_TIMEOUT_MS, Timeouts.DEFAULT.session().toMillis());
    Long leader =
        to.longValue("leader_ms", 1, MAX_TIMEOUT_MS, Timeouts.DEFAULT.leader().toMillis());
    if (round != null && session != null && round > session) {
      to.problem("round_ms", "must not exceed session_ms (" + session + "), got " + round);
    }
    to.rejectUnknown();

    Section p = section(root, "policy", true);
    Long feeCap = p.longValue("fee_cap_sat", 1, MAX_SAT, null);
    Long maxRate = p.longValue("max_fee_rate_sat_vb", 1, 1_000_000, null);
    p.rejectUnknown();

    // The spend-lock lifecycle: when a signed spend's locks are released, when it is fee-bumped.
    Section sl = section(root, "spend_locks", false);
    Integer burial = sl.integer("burial_depth", 1, 1000, LifecycleConfig.DEFAULT_BURIAL_DEPTH);
    Integer bumpAfter =
        sl.integer("bump_after_blocks", 1, 1000, LifecycleConfig.DEFAULT_BUMP_AFTER_BLOCKS);
    sl.rejectUnknown();

    Section m = section(root, "monitoring", false);
    Integer metricsPort = m.integer("metrics_port", 1, 65535, Monitoring.DEFAULT_METRICS_PORT);
    if (metricsPort != null && listen != null && metricsPort == listen.port()) {
      m.problem("metrics_port", "must differ from [network] listen's port (" + listen.port() + ")");
    }
    m.rejectUnknown();

    Section a = section(root, "api", false);
    HostPort apiListen =
        a.has("listen") ? a.parsed("listen", null, HostPort::parse) : Api.DEFAULT_LISTEN;
    Path tokenFile = a.path("token_file", inDataDir(dataDir, Api.DEFAULT_TOKEN_FILE));
    Boolean readLoopbackOnly = a.bool("read_loopback_only", Api.DEFAULT_READ_LOOPBACK_ONLY);
    if (apiListen != null && listen != null && apiListen.port() == listen.port()) {
      a.problem("listen", "port must differ from [network] listen's port (" + listen.port() + ")");
    }
    a.rejectUnknown();

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ValidatorConfig(
        new LocalValidator(id, net, dataDir, identityKey),
        new Threshold(scheme, suite, total, threshold),
        keyStorage,
        bitcoin,
        new P2p(listen, tlsKey, tlsCertificate),
        peers,
        new Timeouts(
            Duration.ofMillis(round), Duration.ofMillis(session), Duration.ofMillis(leader)),
        new PolicyConfig(new Satoshi(feeCap), FeeRate.ofSatPerVb(maxRate), conf),
        new LifecycleConfig(burial, bumpAfter),
        new Monitoring(metricsPort),
        new Api(apiListen, tokenFile, readLoopbackOnly));
  }

  /** A default file in the data directory (a bare name when data_dir has its own problem). */
  private static Path inDataDir(Path dataDir, String name) {
    return dataDir == null ? Path.of(name) : dataDir.resolve(name);
  }

  private KeyStorage keyStorage(Section k, Path dataDir) {
    String type =
        k.parsed(
            "type",
            null,
            s -> {
              if (!s.equals("file") && !s.equals("pkcs11")) {
                throw new IllegalArgumentException(
                    "must be \"file\" or \"pkcs11\", got "
                        + shown(s)
                        + (s.equals("hsm") ? " (an HSM is configured as \"pkcs11\")" : ""));
              }
              return s;
            });
    KeyStorage result = null;
    if ("file".equals(type)) {
      Path path =
          k.path(
              "path",
              dataDir == null ? Path.of("key-share.enc") : dataDir.resolve("key-share.enc"));
      String passEnv = k.envName("passphrase_env");
      if (path != null && passEnv != null) {
        result = new KeyStorage.File(path, passEnv);
      }
    } else if ("pkcs11".equals(type)) {
      Path library = k.path("library", null);
      Integer slot = k.integer("slot_index", 0, 1023, 0);
      String pinEnv = k.envName("pin_env");
      if (library != null && slot != null && pinEnv != null) {
        result = new KeyStorage.Pkcs11(library, slot, pinEnv);
      }
    }
    k.rejectUnknown();
    return result;
  }

  private BitcoinRpc bitcoin(Section b) {
    URI url =
        b.parsed(
            "rpc_url",
            null,
            s -> {
              URI u;
              try {
                u = new URI(s);
              } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                    "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
              }
              if (u.getScheme() == null
                  || !Set.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT))
                  || u.getHost() == null) {
                throw new IllegalArgumentException(
                    "must be an http:// or https:// URL with a host, got " + shown(s));
              }
              if (u.getUserInfo() != null) {
                throw new IllegalArgumentException(
                    "must not contain credentials; use rpc_cookie or rpc_user/rpc_password_env");
              }
              return u;
            });
    RpcAuthSetting auth = null;
    boolean cookie = b.has("rpc_cookie");
    boolean user = b.has("rpc_user") || b.has("rpc_password_env");
    if (cookie && user) {
      b.problem("rpc_cookie", "give either rpc_cookie or rpc_user/rpc_password_env, not both");
    } else if (cookie) {
      Path p = b.path("rpc_cookie", null);
      auth = p == null ? null : new RpcAuthSetting.Cookie(p);
    } else if (user) {
      String u = b.string("rpc_user", null);
      String passEnv = b.envName("rpc_password_env");
      auth = u == null || passEnv == null ? null : new RpcAuthSetting.Password(u, passEnv);
    } else if (b.present && !b.has("rpc_password")) {
      b.problem("rpc_cookie", "missing; give rpc_cookie or rpc_user and rpc_password_env");
    }
    return url == null || auth == null ? null : new BitcoinRpc(url, auth);
  }

  private List<Peer> peers(JsonNode root, Integer ownId, Integer total) {
    JsonNode node = root.get("peers");
    List<Peer> peers = new ArrayList<>();
    if (node == null) {
      problems.add(fileName + ": [[peers]]: missing; list every validator, this one included");
      return peers;
    }
    if (!node.isArray()) {
      problems.add(fileName + ": [[peers]]: must be an array of tables ([[peers]])");
      return peers;
    }
    Set<Integer> ids = new LinkedHashSet<>();
    Set<String> addresses = new LinkedHashSet<>();
    Set<Point> keys = new LinkedHashSet<>();
    int index = 0;
    for (JsonNode entry : node) {
      index++;
      String name = "[[peers]] #" + index;
      if (!entry.isObject()) {
        problems.add(fileName + ": " + name + ": must be a table");
        continue;
      }
      Section s = new Section(name, (ObjectNode) entry);
      Integer pid =
          s.integer(
              "id",
              1,
              total == null ? 1000 : total,
              null,
              total == null ? null : "total_validators (" + total + ")");
      HostPort address = s.parsed("address", null, HostPort::parse);
      Point key =
          s.parsed(
              "identity_key",
              null,
              hex -> {
                if (!hex.matches("[0-9a-fA-F]{64}")) {
                  throw new IllegalArgumentException(
                      "must be a 32-byte x-only (BIP340) public key in hex (64 digits)");
                }
                try {
                  return Point.liftX(HexFormat.of().parseHex(hex));
                } catch (CryptoException e) {
                  throw new IllegalArgumentException(
                      "not a valid BIP340 public key: no curve point has this x coordinate");
                }
              });
      TlsIdentity tls = s.parsed("tls_certificate", null, this::tlsIdentity);
      s.rejectUnknown();
      if (pid != null && !ids.add(pid)) {
        s.problem("id", "duplicate peer id " + pid);
      }
      if (address != null && !addresses.add(address.toString())) {
        s.problem("address", "duplicate address " + address);
      }
      if (key != null && !keys.add(key)) {
        s.problem("identity_key", "duplicate identity key");
      }
      if (pid != null && address != null && key != null && tls != null) {
        peers.add(new Peer(pid, address, key, tls));
      }
    }
    if (total != null && index != total) {
      problems.add(
          fileName
              + ": [[peers]]: must list all total_validators ("
              + total
              + ") validators, this one included, got "
              + index);
    }
    if (ownId != null && !ids.contains(ownId)) {
      problems.add(
          fileName + ": [[peers]]: own id " + ownId + " ([validator] id) is not among the peers");
    }
    peers.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return peers;
  }

  private TlsIdentity tlsIdentity(String value) {
    if (value.regionMatches(true, 0, "sha256:", 0, 7)) {
      String hex = value.substring(7).replace(":", "").toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "a pinned fingerprint must be sha256: followed by 64 hex digits");
      }
      return new TlsIdentity.Fingerprint(hex);
    }
    Path path = resolve(value);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "certificate file " + path + " does not exist (give a PEM file or sha256:<fingerprint>)");
    }
    return new TlsIdentity.CertificateFile(path);
  }

  /** Text an error may quote: short, one word of the characters names and URLs are made of. */
  private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9._:/@+\\[\\]-]{1,64}");

  /**
   * A string from the file as an error message may show it: quoted when it is one short word (a
   * misspelt network or key-store type), otherwise only described. A TOML multi-line string can
   * swallow the rest of the file, secrets included (fuzzing found `id = '''` swallowing a `pin`
   * line that the error then quoted), and no message may carry a secret.
   */
  static String shown(String s) {
    if (QUOTABLE.matcher(s).matches()) {
      return "\"" + s + "\"";
    }
    long lines = s.lines().count();
    return "a string of "
        + s.length()
        + " characters"
        + (lines > 1 ? " on " + lines + " lines" : "");
  }

  /**
   * A value of the wrong type as an error may show it: its kind only (a PIN written as a number
   * where a string belongs is still a PIN), strings as {@link #shown(String)}.
   */
  static String shown(JsonNode value) {
    if (value.isTextual()) {
      return shown(value.asText());
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? "an integer" : "a decimal number";
    }
    return switch (value.getNodeType()) {
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "a table";
      default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private Path resolve(String value) {
    try {
      Path p = Path.of(value);
      return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "not a valid path (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
  }

  private Section section(JsonNode root, String name, boolean required) {
    JsonNode node = root.get(name);
    if (node == null) {
      if (required) {
        problems.add(fileName + ": [" + name + "]: missing section");
      }
      return new Section("[" + name + "]", null);
    }
    if (!node.isObject()) {
      problems.add(fileName + ": [" + name + "]: must be a table");
      return new Section("[" + name + "]", null);
    }
    return new Section("[" + name + "]", (ObjectNode) node);
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", s.stream().sorted().toList());
  }

  /**
   * One table of the file. Getters return null after recording a problem; a missing section (node
   * == null) reports each of its required fields, so that every missing field is named.
   */
  private final class Section {
    private final String name;
    private final ObjectNode node;
    private final Set<String> seen = new LinkedHashSet<>();
    private final boolean present;

    Section(String name, ObjectNode node) {
      this.name = name;
      this.node = node;
      this.present = node != null;
    }

    void problem(String key, String message) {
      problems.add(fileName + ": " + name + " " + key + ": " + message);
    }

    boolean has(String key) {
      return node != null && node.has(key);
    }

    private JsonNode get(String key, boolean required) {
      seen.add(key);
      JsonNode value = node == null ? null : node.get(key);
      if (value == null && required && present) {
        problem(key, "missing");
      }
      return value;
    }

    Integer integer(String key, int min, int max, Integer dflt) {
      return integer(key, min, max, dflt, null);
    }

    Integer integer(String key, int min, int max, Integer dflt, String maxName) {
      Long l = longValue(key, min, max, dflt == null ? null : (long) dflt, maxName);
      return l == null ? null : l.intValue();
    }

    Long longValue(String key, long min, long max, Long dflt) {
      return longValue(key, min, max, dflt, null);
    }

    Long longValue(String key, long min, long max, Long dflt, String maxName) {
      JsonNode value = get(key, dflt == null);
      if (value == null) {
        return dflt;
      }
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        problem(key, "must be an integer, got " + shown(value));
        return null;
      }
      long l = value.asLong();
      if (l < min || l > max) {
        problem(
            key,
            "must be between "
                + min
                + " and "
                + (maxName == null ? String.valueOf(max) : maxName)
                + ", got "
                + l);
        return null;
      }
      return l;
    }

    Boolean bool(String key, boolean dflt) {
      JsonNode value = get(key, false);
      if (value == null) {
        return dflt;
      }
      if (!value.isBoolean()) {
        problem(key, "must be true or false, got " + shown(value));
        return null;
      }
      return value.asBoolean();
    }

    String string(String key, String dflt) {
      JsonNode value = get(key, dflt == null);
      if (value == null) {
        return dflt;
      }
      if (!value.isTextual()) {
        problem(key, "must be a string, got " + shown(value));
        return null;
      }
      if (value.asText().isBlank()) {
        problem(key, "must not be empty");
        return null;
      }
      return value.asText();
    }

    <T> T parsed(String key, String dflt, Function<String, T> parser) {
      String s = string(key, dflt);
      if (s == null) {
        return null;
      }
      try {
        return parser.apply(s);
      } catch (IllegalArgumentException e) {
        problem(key, e.getMessage());
        return null;
      }
    }

    Path path(String key, Path dflt) {
      if (dflt != null && !has(key)) {
        seen.add(key);
        return dflt;
      }
      return parsed(key, null, ConfigLoader.this::resolve);
    }

    /** The name of an environment variable holding a secret; it must be set. */
    String envName(String key) {
      String var =
          parsed(
              key,
              null,
              s -> {
                if (!s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                  throw new IllegalArgumentException(
                      "must be the name of an environment variable, got " + shown(s));
                }
                return s;
              });
      if (var != null && (env.get(var) == null || env.get(var).isEmpty())) {
        problem(key, "environment variable " + var + " is not set");
        return null;
      }
      return var;
    }

    void rejectUnknown() {
      if (node == null) {
        return;
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (seen.contains(key)) {
          continue;
        }
        String replacement = SECRET_KEYS.get(key);
        if (replacement != null) {
          problem(
              key,
              "secrets are never read from the config file; put it in an environment variable"
                  + " and name that variable in "
                  + replacement);
        } else {
          problem(key, "unknown field");
        }
      }
    }
  }
}
