package dev.frostgate.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.node.config.ValidatorConfig.KeyStorage;
import dev.frostgate.node.config.ValidatorConfig.RpcAuthSetting;
import dev.frostgate.node.config.ValidatorConfig.TlsIdentity;
import fr.acinq.bitcoin.Satoshi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorConfigTest {
  private static final Map<String, String> ENV =
      Map.of("HSM_PIN", "1234", "RPC_PASSWORD", "pw", "KEY_PASSPHRASE", "correct horse");

  @TempDir Path dir;

  @BeforeEach
  void certificate() throws IOException {
    Files.writeString(dir.resolve("peer2.crt"), "-----BEGIN CERTIFICATE-----\n");
  }

  /** A valid file: 4-of-5 on signet with a PKCS#11 token. */
  static String valid() {
    StringBuilder sb =
        new StringBuilder(
            """
            [validator]
            id = 3
            network = "signet"
            data_dir = "data"

            [threshold]
            scheme = "frost"
            total_validators = 5
            threshold = 4

            [key_storage]
            type = "pkcs11"
            library = "/usr/lib/softhsm/libsofthsm2.so"
            slot_index = 1
            pin_env = "HSM_PIN"

            [bitcoin]
            rpc_url = "http://127.0.0.1:38332"
            rpc_user = "frostgate"
            rpc_password_env = "RPC_PASSWORD"
            confirmations_required = 3

            [network]
            listen = "0.0.0.0:9001"

            [timeouts]
            round_ms = 1500
            session_ms = 30000
            leader_ms = 10000

            [policy]
            fee_cap_sat = 50000
            max_fee_rate_sat_vb = 200

            [monitoring]
            metrics_port = 9090
            """);
    for (int i = 1; i <= 5; i++) {
      sb.append("\n[[peers]]\nid = ")
          .append(i)
          .append("\naddress = \"validator")
          .append(i)
          .append(".example.com:9001\"\nidentity_key = \"")
          .append(HexFormat.of().formatHex(ValidatorConfig.demoIdentityKey(i).xOnly()))
          .append("\"\ntls_certificate = \"")
          .append(i == 2 ? "peer2.crt" : "sha256:" + String.valueOf((char) ('a' + i)).repeat(64))
          .append("\"\n");
    }
    return sb.toString();
  }

  private ValidatorConfig load(String toml) throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml);
    return ValidatorConfig.load(file, ENV);
  }

  private void assertProblem(String toml, String expected) {
    assertThatThrownBy(() -> load(toml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .as("problems")
                    .anySatisfy(p -> assertThat(p).contains(expected)));
  }

  private static String replace(String toml, String line, String with) {
    assertThat(toml).contains(line);
    return toml.replace(line, with);
  }

  @Test
  void validFile() throws IOException {
    ValidatorConfig c = load(valid());
    assertThat(c.validator().id()).isEqualTo(3);
    assertThat(c.validator().network()).isEqualTo(Network.SIGNET);
    assertThat(c.validator().dataDir()).isEqualTo(dir.resolve("data"));
    assertThat(c.threshold().ciphersuite()).isSameAs(Ciphersuite.TAPROOT);
    assertThat(c.threshold().totalValidators()).isEqualTo(5);
    assertThat(c.threshold().threshold()).isEqualTo(4);
    assertThat(c.keyStorage())
        .isEqualTo(new KeyStorage.Pkcs11(Path.of("/usr/lib/softhsm/libsofthsm2.so"), 1, "HSM_PIN"));
    assertThat(c.bitcoin().auth())
        .isEqualTo(new RpcAuthSetting.Password("frostgate", "RPC_PASSWORD"));
    assertThat(c.bitcoin().rpcUrl().getPort()).isEqualTo(38332);
    assertThat(c.policy().minConfirmations()).isEqualTo(3);
    assertThat(c.network().listen()).isEqualTo(new HostPort("0.0.0.0", 9001));
    assertThat(c.peers()).hasSize(5);
    assertThat(c.self().id()).isEqualTo(3);
    assertThat(c.self().identityKey()).isEqualTo(ValidatorConfig.demoIdentityKey(3));
    assertThat(c.peer(2).orElseThrow().tls())
        .isEqualTo(new TlsIdentity.CertificateFile(dir.resolve("peer2.crt")));
    assertThat(c.peer(1).orElseThrow().tls())
        .isEqualTo(new TlsIdentity.Fingerprint("b".repeat(64)));
    assertThat(c.timeouts().round()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.policy().feeCap()).isEqualTo(new Satoshi(50_000));
    assertThat(c.policy().maxFeeRate()).isEqualTo(FeeRate.ofSatPerVb(200));
    assertThat(c.monitoring().metricsPort()).isEqualTo(9090);
    assertThat(String.valueOf(ValidatorConfig.secret("HSM_PIN", ENV))).isEqualTo("1234");
  }

  @Test
  void optionalSectionsTakeDefaults() throws IOException {
    String toml = valid();
    toml = toml.substring(0, toml.indexOf("[timeouts]")) + toml.substring(toml.indexOf("[policy]"));
    toml = replace(toml, "[monitoring]\nmetrics_port = 9090\n", "");
    toml = replace(toml, "scheme = \"frost\"\n", "");
    ValidatorConfig c = load(toml);
    assertThat(c.timeouts()).isEqualTo(ValidatorConfig.Timeouts.DEFAULT);
    assertThat(c.monitoring().metricsPort()).isEqualTo(9090);
    assertThat(c.threshold().scheme()).isEqualTo("frost");
    assertThat(c.threshold().ciphersuite().contextString())
        .isEqualTo("FROST-secp256k1-SHA256-TR-v1");
  }

  @Test
  void spendLockLifecycleDefaultsAndBounds() throws IOException {
    assertThat(load(valid()).spendLocks()).isEqualTo(LifecycleConfig.defaults());
    String toml = valid() + "\n[spend_locks]\nburial_depth = 3\nbump_after_blocks = 2\n";
    assertThat(load(toml).spendLocks()).isEqualTo(new LifecycleConfig(3, 2));
    assertProblem(valid() + "\n[spend_locks]\nburial_depth = 0\n", "[spend_locks] burial_depth");
    assertProblem(valid() + "\n[spend_locks]\nbury = 6\n", "[spend_locks] bury");
  }

  @Test
  void fileKeyStorageAndCookie() throws IOException {
    String toml =
        replace(
            valid(),
            "type = \"pkcs11\"\nlibrary = \"/usr/lib/softhsm/libsofthsm2.so\"\nslot_index = 1\n"
                + "pin_env = \"HSM_PIN\"",
            "type = \"file\"\npassphrase_env = \"KEY_PASSPHRASE\"");
    toml =
        replace(
            toml,
            "rpc_user = \"frostgate\"\nrpc_password_env = \"RPC_PASSWORD\"",
            "rpc_cookie = \"/var/lib/bitcoind/signet/.cookie\"");
    ValidatorConfig c = load(toml);
    assertThat(c.keyStorage())
        .isEqualTo(new KeyStorage.File(dir.resolve("data/key-share.enc"), "KEY_PASSPHRASE"));
    assertThat(c.bitcoin().auth())
        .isEqualTo(new RpcAuthSetting.Cookie(Path.of("/var/lib/bitcoind/signet/.cookie")));
  }

  @Test
  void thresholdAboveTotal() {
    assertProblem(
        replace(valid(), "threshold = 4", "threshold = 6"),
        "config.toml: [threshold] threshold: must be between 1 and total_validators (5), got 6");
  }

  @Test
  void missingThreshold() {
    assertProblem(
        replace(valid(), "threshold = 4\n", ""), "config.toml: [threshold] threshold: missing");
  }

  @Test
  void missingSection() {
    String toml = valid();
    toml =
        toml.substring(0, toml.indexOf("[policy]")) + toml.substring(toml.indexOf("[monitoring]"));
    assertProblem(toml, "config.toml: [policy]: missing section");
  }

  @Test
  void validatorIdMissing() {
    assertProblem(replace(valid(), "id = 3\n", ""), "[validator] id: missing");
  }

  @Test
  void unknownNetwork() {
    assertProblem(
        replace(valid(), "network = \"signet\"", "network = \"litecoin\""),
        "[validator] network: must be mainnet, testnet, signet or regtest, got \"litecoin\"");
  }

  @Test
  void dataDirMissing() {
    assertProblem(replace(valid(), "data_dir = \"data\"\n", ""), "[validator] data_dir: missing");
  }

  @Test
  void wrongScheme() {
    assertProblem(
        replace(valid(), "scheme = \"frost\"", "scheme = \"bls\""),
        "[threshold] scheme: must be \"frost\"");
  }

  @Test
  void unknownCiphersuite() {
    assertProblem(
        replace(
            valid(), "scheme = \"frost\"", "scheme = \"frost\"\nciphersuite = \"FROST-ed25519\""),
        "[threshold] ciphersuite: unknown ciphersuite 'FROST-ed25519'");
  }

  @Test
  void totalNotAnInteger() {
    assertProblem(
        replace(valid(), "total_validators = 5", "total_validators = \"five\""),
        "[threshold] total_validators: must be an integer");
  }

  /**
   * A value of the wrong type is described, not quoted: a TOML multi-line string swallows the lines
   * after it, a secret among them (found by fuzzing, ConfigLoaderFuzzTestInputs/parse/
   * crash-multiline-string-swallows-a-pin), and a PIN written as a number is still a PIN.
   */
  @Test
  void aValueOfTheWrongTypeIsDescribedNotQuoted() {
    String swallowing =
        replace(valid(), "id = 3\n", "id = '''3\npin = \"hunter2-secret-pin\"\n'''\n");
    assertProblem(
        swallowing, "[validator] id: must be an integer, got a string of 29 characters on 2 lines");
    String pinAsNumber = replace(valid(), "rpc_user = \"frostgate\"", "rpc_user = 73519046");
    assertProblem(pinAsNumber, "[bitcoin] rpc_user: must be a string, got an integer");
    // The same for an endpoint (found by fuzzing:
    // crash-address-quoted-with-what-looks-like-a-secret).
    assertThatThrownBy(() -> HostPort.parse("peer:9001 pin = hunter2-secret-pin"))
        .hasMessage("port must be a number, got a string of 34 characters");
    for (String toml : List.of(swallowing, pinAsNumber)) {
      assertThatThrownBy(() -> load(toml))
          .isInstanceOfSatisfying(
              ConfigException.class,
              e ->
                  assertThat(String.join("\n", e.problems()))
                      .doesNotContain("hunter2")
                      .doesNotContain("73519046"));
    }
  }

  @Test
  void keyStorageType() {
    assertProblem(
        replace(valid(), "type = \"pkcs11\"", "type = \"hsm\""),
        "[key_storage] type: must be \"file\" or \"pkcs11\", got \"hsm\"");
  }

  @Test
  void pinEnvUnset() {
    assertProblem(
        replace(valid(), "pin_env = \"HSM_PIN\"", "pin_env = \"NOT_SET_ANYWHERE\""),
        "[key_storage] pin_env: environment variable NOT_SET_ANYWHERE is not set");
  }

  @Test
  void pkcs11LibraryMissing() {
    assertProblem(
        replace(valid(), "library = \"/usr/lib/softhsm/libsofthsm2.so\"\n", ""),
        "[key_storage] library: missing");
  }

  @Test
  void secretInFileRefused() {
    assertProblem(
        replace(valid(), "rpc_password_env = \"RPC_PASSWORD\"", "rpc_password = \"secret\""),
        "[bitcoin] rpc_password: secrets are never read from the config file");
    assertProblem(
        replace(valid(), "pin_env = \"HSM_PIN\"", "pin_env = \"HSM_PIN\"\npin = \"1234\""),
        "[key_storage] pin: secrets are never read");
  }

  @Test
  void rpcUrlNotHttp() {
    assertProblem(
        replace(valid(), "rpc_url = \"http://127.0.0.1:38332\"", "rpc_url = \"ftp://host\""),
        "[bitcoin] rpc_url: must be an http:// or https:// URL");
  }

  @Test
  void rpcAuthMissing() {
    assertProblem(
        replace(valid(), "rpc_user = \"frostgate\"\nrpc_password_env = \"RPC_PASSWORD\"\n", ""),
        "[bitcoin] rpc_cookie: missing");
  }

  @Test
  void confirmationsOutOfRange() {
    assertProblem(
        replace(valid(), "confirmations_required = 3", "confirmations_required = 0"),
        "[bitcoin] confirmations_required: must be between 1 and 1000, got 0");
  }

  @Test
  void ownTlsFilesAndApiDefaultBesideTheIdentityInTheDataDir() throws IOException {
    ValidatorConfig c = load(valid());
    Path data = dir.resolve("data");
    assertThat(c.validator().identityKey()).isEqualTo(data.resolve("identity.json"));
    assertThat(c.network().tlsKey()).isEqualTo(data.resolve("identity.tls.key"));
    assertThat(c.network().tlsCertificate()).isEqualTo(data.resolve("identity.tls.crt"));
    assertThat(c.api().listen()).isEqualTo(new HostPort("127.0.0.1", 8080));
    assertThat(c.api().tokenFile()).isEqualTo(data.resolve("api-token"));
  }

  @Test
  void ownTlsFilesAndApiAreConfigurable() throws IOException {
    ValidatorConfig c =
        load(
            replace(
                    valid(),
                    "listen = \"0.0.0.0:9001\"",
                    "listen = \"0.0.0.0:9001\"\ntls_key = \"k.pem\"\ntls_certificate = \"c.pem\"")
                + "\n[api]\nlisten = \"127.0.0.1:9444\"\ntoken_file = \"secret/token\"\n");
    assertThat(c.network().tlsKey()).isEqualTo(dir.resolve("k.pem"));
    assertThat(c.network().tlsCertificate()).isEqualTo(dir.resolve("c.pem"));
    assertThat(c.api().listen()).isEqualTo(new HostPort("127.0.0.1", 9444));
    assertThat(c.api().tokenFile()).isEqualTo(dir.resolve("secret/token"));
  }

  @Test
  void apiErrorsNameTheirField() {
    assertProblem(
        valid() + "\n[api]\nlisten = \"127.0.0.1:9001\"\n",
        "[api] listen: port must differ from [network] listen's port (9001)");
    assertProblem(valid() + "\n[api]\nlisten = \"nowhere\"\n", "[api] listen: ");
    assertProblem(valid() + "\n[api]\ntoken = \"abc\"\n", "[api] token: unknown field");
  }

  @Test
  void listenPortOutOfRange() {
    assertProblem(
        replace(valid(), "listen = \"0.0.0.0:9001\"", "listen = \"0.0.0.0:70000\""),
        "[network] listen: port must be between 1 and 65535, got 70000");
  }

  @Test
  void peerPortOutOfRange() {
    assertProblem(
        replace(valid(), "validator4.example.com:9001", "validator4.example.com:0"),
        "[[peers]] #4 address: port must be between 1 and 65535, got 0");
  }

  @Test
  void duplicatePeerId() {
    assertProblem(replace(valid(), "id = 5\n", "id = 4\n"), "[[peers]] #5 id: duplicate peer id 4");
  }

  @Test
  void peerIdAboveTotal() {
    assertProblem(
        replace(valid(), "id = 5\n", "id = 6\n"),
        "[[peers]] #5 id: must be between 1 and total_validators (5), got 6");
  }

  @Test
  void ownIdNotAmongPeers() {
    assertProblem(
        replace(valid(), "id = 3\nnetwork", "id = 7\nnetwork"),
        "[[peers]]: own id 7 ([validator] id) is not among the peers");
  }

  @Test
  void peerMissingFromList() {
    String toml = valid();
    toml = toml.substring(0, toml.lastIndexOf("[[peers]]"));
    assertProblem(toml, "[[peers]]: must list all total_validators (5) validators");
  }

  @Test
  void identityKeyNotOnCurve() {
    // x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p).
    String key = HexFormat.of().formatHex(ValidatorConfig.demoIdentityKey(2).xOnly());
    assertProblem(
        replace(valid(), key, "00".repeat(31) + "05"),
        "[[peers]] #2 identity_key: not a valid BIP340 public key");
  }

  @Test
  void identityKeyWrongLength() {
    String key = HexFormat.of().formatHex(ValidatorConfig.demoIdentityKey(2).xOnly());
    assertProblem(
        replace(valid(), key, "02" + key),
        "[[peers]] #2 identity_key: must be a 32-byte x-only (BIP340) public key");
  }

  @Test
  void certificateFileMissing() {
    assertProblem(
        replace(valid(), "\"peer2.crt\"", "\"nowhere.crt\""),
        "[[peers]] #2 tls_certificate: certificate file");
  }

  @Test
  void badFingerprint() {
    assertProblem(
        replace(valid(), "sha256:" + "b".repeat(64), "sha256:abcd"),
        "[[peers]] #1 tls_certificate: a pinned fingerprint must be sha256:");
  }

  @Test
  void roundLongerThanSession() {
    assertProblem(
        replace(valid(), "round_ms = 1500", "round_ms = 40000"),
        "[timeouts] round_ms: must not exceed session_ms (30000), got 40000");
  }

  @Test
  void feeCapMissing() {
    assertProblem(replace(valid(), "fee_cap_sat = 50000\n", ""), "[policy] fee_cap_sat: missing");
  }

  @Test
  void readLoopbackOnlyDefaultsToTrueAndTakesABoolean() throws IOException {
    assertThat(load(valid()).api().readLoopbackOnly()).isTrue();
    assertThat(load(valid() + "\n[api]\nread_loopback_only = false\n").api().readLoopbackOnly())
        .isFalse();
    assertProblem(
        valid() + "\n[api]\nread_loopback_only = \"no\"\n",
        "[api] read_loopback_only: must be true or false, got");
  }

  @Test
  void metricsPortOutOfRange() {
    assertProblem(
        replace(valid(), "metrics_port = 9090", "metrics_port = 65536"),
        "[monitoring] metrics_port: must be between 1 and 65535, got 65536");
  }

  @Test
  void unknownFieldAndSection() {
    assertProblem(
        replace(valid(), "id = 3\n", "id = 3\nnickname = \"x\"\n"),
        "[validator] nickname: unknown field");
    assertProblem(valid() + "\n[coordinator]\nenabled = true\n", "[coordinator]: unknown section");
  }

  @Test
  void invalidToml() {
    assertProblem("[validator\nid = 1", "config.toml: not valid TOML");
  }

  @Test
  void everyProblemReported() {
    String toml = replace(valid(), "threshold = 4", "threshold = 9");
    toml = replace(toml, "fee_cap_sat = 50000", "fee_cap_sat = -1");
    String t = toml;
    assertThatThrownBy(() -> load(t))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2));
  }

  @Test
  void defaults() {
    ValidatorConfig c = ValidatorConfig.defaults();
    assertThat(c.validator().id()).isEqualTo(1);
    assertThat(c.validator().network()).isEqualTo(Network.REGTEST);
    assertThat(c.threshold().totalValidators()).isEqualTo(15);
    assertThat(c.threshold().threshold()).isEqualTo(10);
    assertThat(c.threshold().ciphersuite()).isSameAs(Ciphersuite.TAPROOT);
    assertThat(c.peers()).hasSize(15).extracting(ValidatorConfig.Peer::id).doesNotHaveDuplicates();
    assertThat(c.self().address()).isEqualTo(c.network().listen());
    assertThat(c.peers().stream().map(ValidatorConfig.Peer::identityKey).distinct()).hasSize(15);
    assertThat(c.policy().feeCap().getSat()).isPositive();
    assertThat(ValidatorConfig.defaults(7).self().id()).isEqualTo(7);
    assertThatThrownBy(() -> ValidatorConfig.defaults(16))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostPortParsing() {
    assertThat(HostPort.parse("[::1]:9001")).isEqualTo(new HostPort("::1", 9001));
    assertThat(HostPort.parse("[::1]:9001").toString()).isEqualTo("[::1]:9001");
    assertThatThrownBy(() -> HostPort.parse("::1:9001"))
        .hasMessageContaining("IPv6 address must be written [address]:port");
    assertThatThrownBy(() -> HostPort.parse("host")).hasMessageContaining("must be host:port");
  }
}
