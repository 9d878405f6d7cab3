package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.Cli.Run;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.node.keystore.EncryptedFileKeyStore;
import dev.frostgate.node.keystore.Pkcs11KeyStore;
import dev.frostgate.testkit.node.SoftHsm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;

/**
 * The offline ceremony driven only through the CLI, as operators run it, with one way of keeping
 * secrets (a passphrase file, a SoftHSM2 token, or --insecure-plaintext). Every participant has its
 * own directory (its machine); shared directories hold what is carried between machines. Every
 * command line and all output are recorded, for the tests that replay or search them.
 */
final class Ceremony {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();
  static final String PASSPHRASE = "correct horse battery staple";
  private static final AtomicInteger LABELS = new AtomicInteger();

  /** How the participants keep their secret files. */
  enum Protection {
    PASSPHRASE,
    PKCS11,
    PLAINTEXT
  }

  final Path dir;
  final int n;
  final int t;
  final Protection protection;
  final List<String> secretArgs;
  final List<List<String>> history = new ArrayList<>();
  final StringBuilder output = new StringBuilder();
  private final String tokenLabel;

  private Ceremony(Path dir, int n, int t, Protection protection) {
    this.dir = dir;
    this.n = n;
    this.t = t;
    this.protection = protection;
    this.tokenLabel = "ceremony-" + LABELS.incrementAndGet();
    this.secretArgs =
        switch (protection) {
          case PASSPHRASE ->
              List.of("--passphrase-file", s(dir.resolve("passphrase")), "--insecure-test-kdf");
          case PKCS11 ->
              List.of(
                  "--pkcs11-library",
                  s(hsm().library),
                  "--pkcs11-pin-env",
                  SoftHsm.PIN_ENV,
                  "--pkcs11-key-label",
                  tokenLabel);
          case PLAINTEXT -> List.of("--insecure-plaintext");
        };
  }

  static Ceremony create(Path dir, int n, int t, Protection protection) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Ceremony(dir, n, t, protection);
  }

  private static SoftHsm hsm() {
    try {
      return SoftHsm.get();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The test's own view of the participants' secret files (to check what they hold). */
  SecretStore store() {
    return switch (protection) {
      case PASSPHRASE ->
          SecretStore.sealedBy(
              new EncryptedFileKeyStore(
                  dir, PASSPHRASE.toCharArray(), SecretOptions.TEST_KDF, new SecureRandom()),
              "test");
      case PKCS11 ->
          SecretStore.sealedBy(
              Pkcs11KeyStore.open(
                  hsm().config(tokenLabel, dir),
                  SoftHsm.USER_PIN.toCharArray(),
                  new SecureRandom()),
              "test");
      case PLAINTEXT -> SecretStore.insecurePlaintext();
    };
  }

  // ---- running commands ----

  Run run(String... args) {
    history.add(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    output.append(out).append(err);
    return new Run(exit, out.toString(), err.toString());
  }

  Run ok(String... args) {
    Run r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  Run fails(int code, String... args) {
    Run r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(code);
    return r;
  }

  /** The arguments with this ceremony's secret-store options appended. */
  String[] withSecrets(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(secretArgs);
    return all.toArray(String[]::new);
  }

  Run secretRun(String... args) {
    return run(withSecrets(args));
  }

  Run secretOk(String... args) {
    return ok(withSecrets(args));
  }

  Run secretFails(int code, String... args) {
    return fails(code, withSecrets(args));
  }

  static String s(Path p) {
    return p.toString();
  }

  // ---- layout ----

  Path p(int i) {
    return dir.resolve("p" + i);
  }

  Path identity(int i) {
    return p(i).resolve("identity.json");
  }

  Path publicIdentity(int i) {
    return dir.resolve("identities").resolve("identity-" + i + ".json");
  }

  Path roster() {
    return dir.resolve("roster.json");
  }

  Path round1() {
    return dir.resolve("round1");
  }

  Path round1(int i) {
    return round1().resolve("pkg-" + i + ".json");
  }

  Path round2() {
    return dir.resolve("round2");
  }

  Path round2(int from, int to) {
    return round2().resolve("round2-from-" + from + "-to-" + to + ".json");
  }

  Path secret1(int i) {
    return p(i).resolve("round1-secret.json");
  }

  Path secret2(int i) {
    return p(i).resolve("round2-secret.json");
  }

  Path key(int i) {
    return p(i).resolve("key.json");
  }

  Path pub(int i) {
    return p(i).resolve("public.json");
  }

  Path certs() {
    return dir.resolve("certs");
  }

  Map<Integer, Path> keys() {
    Map<Integer, Path> m = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      m.put(i, key(i));
    }
    return m;
  }

  // ---- steps ----

  Ceremony identities() {
    List<String> roster = new ArrayList<>(List.of("identity", "roster", "--out", s(roster())));
    for (int i = 1; i <= n; i++) {
      secretOk(
          "identity",
          "new",
          "--id",
          "" + i,
          "--out",
          s(identity(i)),
          "--public-out",
          s(publicIdentity(i)));
      roster.add(s(publicIdentity(i)));
    }
    ok(roster.toArray(String[]::new));
    return this;
  }

  Ceremony part1() {
    for (int i = 1; i <= n; i++) {
      secretOk(
          "dkg",
          "part1",
          "--id",
          "" + i,
          "--participants",
          "" + n,
          "--threshold",
          "" + t,
          "--secret-out",
          s(secret1(i)),
          "--package-out",
          s(round1(i)));
    }
    return this;
  }

  Run part2(int i) {
    return secretRun(
        "dkg",
        "part2",
        "--secret",
        s(secret1(i)),
        "--packages",
        s(round1()),
        "--roster",
        s(roster()),
        "--identity",
        s(identity(i)),
        "--secret-out",
        s(secret2(i)),
        "--out-dir",
        s(round2()));
  }

  Ceremony part2() {
    for (int i = 1; i <= n; i++) {
      Run r = part2(i);
      assertThat(r.exit()).as(r.err()).isZero();
    }
    return this;
  }

  Run part3(int i, String round2, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dkg",
                "part3",
                "--secret",
                s(secret2(i)),
                "--round1",
                s(round1()),
                "--round2",
                round2,
                "--roster",
                s(roster()),
                "--identity",
                s(identity(i)),
                "--key-out",
                s(key(i)),
                "--public-out",
                s(pub(i))));
    args.addAll(List.of(extra));
    return secretRun(args.toArray(String[]::new));
  }

  /** Identities, roster and the three DKG parts for everyone. */
  Ceremony dkg() {
    identities().part1().part2();
    for (int i = 1; i <= n; i++) {
      Run r = part3(i, s(round2()));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("all " + (n - 1) + " shares verified");
    }
    return this;
  }

  /** Everyone certifies, the first t make the test signature, and the key is accepted. */
  Run accept() throws IOException {
    for (int i = 1; i <= n; i++) {
      secretOk(
          "dkg",
          "certify",
          "--key",
          s(key(i)),
          "--identity",
          s(identity(i)),
          "--out",
          s(certs().resolve("cert-" + i + ".json")));
    }
    Path sig =
        sign(
            dir.resolve("test-signature"),
            IntStream.rangeClosed(1, t).boxed().toList(),
            keys(),
            pub(1),
            testMessage(),
            null);
    return ok(
        "dkg",
        "accept",
        "--public",
        s(pub(1)),
        "--certificates",
        s(certs()),
        "--roster",
        s(roster()),
        "--test-signature",
        s(sig),
        "--out",
        s(dir.resolve("accepted.json")));
  }

  String testMessage() throws IOException {
    return HEX.formatHex(
        DkgAcceptance.testMessage(Hash32.fromHex(read(pub(1)).get("transcript_hash").asText())));
  }

  /** A signing session with the given signers and keys; returns the signature file. */
  Path sign(
      Path session,
      List<Integer> signers,
      Map<Integer, Path> keys,
      Path pub,
      String msg,
      Integer loan) {
    for (int i : signers) {
      secretOk(
          "sign",
          "commit",
          "--key",
          s(keys.get(i)),
          "--nonces-out",
          s(session.resolve("nonces-" + i + ".json")),
          "--commitment-out",
          s(session.resolve("commitments").resolve("c-" + i + ".json")));
    }
    List<String> pkgArgs =
        new ArrayList<>(
            List.of(
                "sign",
                "package",
                "--public",
                s(pub),
                "--commitments",
                s(session.resolve("commitments")),
                "--message",
                msg,
                "--out",
                s(session.resolve("package.json"))));
    if (loan != null) {
      pkgArgs.addAll(List.of("--loan", "" + loan));
    }
    ok(pkgArgs.toArray(String[]::new));
    for (int i : signers) {
      secretOk(
          "sign",
          "share",
          "--raw-message",
          "--yes",
          "--key",
          s(keys.get(i)),
          "--nonces",
          s(session.resolve("nonces-" + i + ".json")),
          "--package",
          s(session.resolve("package.json")),
          "--out",
          s(session.resolve("shares").resolve("share-" + i + ".json")));
    }
    Path sig = session.resolve("signature.json");
    Run r =
        ok(
            "sign",
            "aggregate",
            "--public",
            s(pub),
            "--package",
            s(session.resolve("package.json")),
            "--shares",
            s(session.resolve("shares")),
            "--out",
            s(sig));
    assertThat(r.out()).contains("verify").contains("valid");
    return sig;
  }

  /** The refreshed key and public key package of every participant. */
  record Refreshed(Map<Integer, Path> keys, Map<Integer, Path> pubs) {}

  Run refreshPart1(int i, Map<Integer, Path> keys, Map<Integer, Path> pubs, String ids, Path at) {
    return secretRun(
        "refresh",
        "part1",
        "--key",
        s(keys.get(i)),
        "--public",
        s(pubs.get(i)),
        "--participants",
        ids,
        "--roster",
        s(roster()),
        "--identity",
        s(identity(i)),
        "--secret-out",
        s(p(i).resolve(at.getFileName() + "-secret.json")),
        "--commitment-out",
        s(at.resolve("commitments").resolve("c-" + i + ".json")),
        "--out-dir",
        s(at.resolve("shares")));
  }

  Run refreshPart2(int i, Map<Integer, Path> keys, Map<Integer, Path> pubs, Path at, String tag) {
    return secretRun(
        "refresh",
        "part2",
        "--secret",
        s(p(i).resolve(at.getFileName() + "-secret.json")),
        "--key",
        s(keys.get(i)),
        "--public",
        s(pubs.get(i)),
        "--commitments",
        s(at.resolve("commitments")),
        "--shares",
        s(at.resolve("shares")),
        "--roster",
        s(roster()),
        "--identity",
        s(identity(i)),
        "--key-out",
        s(p(i).resolve("key-" + tag + ".json")),
        "--public-out",
        s(p(i).resolve("public-" + tag + ".json")));
  }

  /** A refresh by {@code ids}; the new files are tagged {@code tag}. */
  Refreshed refresh(
      List<Integer> ids, Map<Integer, Path> keys, Map<Integer, Path> pubs, String tag) {
    Path at = dir.resolve("refresh-" + tag);
    String list = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    for (int i : ids) {
      Run r = refreshPart1(i, keys, pubs, list, at);
      assertThat(r.exit()).as(r.err()).isZero();
    }
    Map<Integer, Path> newKeys = new TreeMap<>();
    Map<Integer, Path> newPubs = new TreeMap<>();
    for (int i : ids) {
      Run r = refreshPart2(i, keys, pubs, at, tag);
      assertThat(r.exit()).as(r.err()).isZero();
      newKeys.put(i, p(i).resolve("key-" + tag + ".json"));
      newPubs.put(i, p(i).resolve("public-" + tag + ".json"));
    }
    return new Refreshed(newKeys, newPubs);
  }

  Map<Integer, Path> pubs() {
    Map<Integer, Path> m = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      m.put(i, pub(i));
    }
    return m;
  }

  /** Rebuilds participant {@code r}'s key package with {@code helpers}; returns it. */
  Path repair(int r, List<Integer> helpers, Map<Integer, Path> keys, Path pub, String tag) {
    Path at = dir.resolve("repair-" + tag);
    String list = helpers.stream().map(String::valueOf).collect(Collectors.joining(","));
    for (int h : helpers) {
      secretOk(
          "repair",
          "part1",
          "--key",
          s(keys.get(h)),
          "--public",
          s(pub),
          "--participant",
          "" + r,
          "--helpers",
          list,
          "--roster",
          s(roster()),
          "--identity",
          s(identity(h)),
          "--secret-out",
          s(p(h).resolve("repair-" + tag + "-delta.json")),
          "--out-dir",
          s(at.resolve("deltas")));
    }
    for (int h : helpers) {
      secretOk(
          "repair",
          "part2",
          "--key",
          s(keys.get(h)),
          "--public",
          s(pub),
          "--secret",
          s(p(h).resolve("repair-" + tag + "-delta.json")),
          "--deltas",
          s(at.resolve("deltas")),
          "--roster",
          s(roster()),
          "--identity",
          s(identity(h)),
          "--out",
          s(at.resolve("sigmas").resolve("sigma-from-" + h + ".json")));
    }
    Path rebuilt = p(r).resolve("key-repaired-" + tag + ".json");
    secretOk(
        "repair",
        "part3",
        "--public",
        s(pub),
        "--participant",
        "" + r,
        "--sigmas",
        s(at.resolve("sigmas")),
        "--roster",
        s(roster()),
        "--identity",
        s(identity(r)),
        "--key-out",
        s(rebuilt));
    return rebuilt;
  }

  // ---- files ----

  static ObjectNode read(Path p) throws IOException {
    return (ObjectNode) JSON.readTree(Files.readAllBytes(p));
  }

  static void write(Path p, JsonNode n) throws IOException {
    Files.write(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Every regular file under the ceremony directory, sorted. */
  List<Path> files() throws IOException {
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static String list(int... ids) {
    return Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }
}
