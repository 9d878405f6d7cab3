package dev.frostgate.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hd.LoanKeys;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The offline ceremony driven only through the CLI, as operators would run it. */
class CeremonyCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Run ok(String... args) {
    Run r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }

  static Run fails(int code, String... args) {
    Run r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(code);
    return r;
  }

  static ObjectNode read(Path p) throws IOException {
    return (ObjectNode) JSON.readTree(Files.readAllBytes(p));
  }

  static void write(Path p, JsonNode n) throws IOException {
    Files.write(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Changes the last hex digit of a string field. */
  static void flipLastDigit(Path p, String field) throws IOException {
    ObjectNode n = read(p);
    String v = n.get(field).asText();
    char last = v.charAt(v.length() - 1);
    n.put(field, v.substring(0, v.length() - 1) + (last == '0' ? '1' : '0'));
    write(p, n);
  }

  static String s(Path p) {
    return p.toString();
  }

  /** A finished DKG's directory layout. */
  record Dkg(Path dir, int n, int t) {
    Path p(int i) {
      return dir.resolve("p" + i);
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

    Path key(int i) {
      return p(i).resolve("key.json");
    }

    Path pub(int i) {
      return p(i).resolve("public.json");
    }

    Path secret1(int i) {
      return p(i).resolve("round1-secret.json");
    }

    Path secret2(int i) {
      return p(i).resolve("round2-secret.json");
    }
  }

  static Dkg part1And2(Path dir, int n, int t) {
    Dkg d = new Dkg(dir, n, t);
    for (int i = 1; i <= n; i++) {
      ok(
          "dkg",
          "part1",
          "--id",
          "" + i,
          "--participants",
          "" + n,
          "--threshold",
          "" + t,
          "--secret-out",
          s(d.secret1(i)),
          "--package-out",
          s(d.round1(i)));
    }
    for (int i = 1; i <= n; i++) {
      ok(
          "dkg",
          "part2",
          "--secret",
          s(d.secret1(i)),
          "--packages",
          s(d.round1()),
          "--secret-out",
          s(d.secret2(i)),
          "--out-dir",
          s(d.round2()));
    }
    return d;
  }

  static Run part3(Dkg d, int i, String round2) {
    return run(
        "dkg",
        "part3",
        "--secret",
        s(d.secret2(i)),
        "--round1",
        s(d.round1()),
        "--round2",
        round2,
        "--key-out",
        s(d.key(i)),
        "--public-out",
        s(d.pub(i)));
  }

  static Dkg dkg(Path dir, int n, int t) {
    Dkg d = part1And2(dir, n, t);
    for (int i = 1; i <= n; i++) {
      Run r = part3(d, i, s(d.round2()));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("transcript hash").contains("all " + (n - 1) + " shares");
    }
    return d;
  }

  /** Runs a signing session with the given signers; returns the signature file. */
  static Path sign(
      Dkg d, Path dir, List<Integer> signers, Map<Integer, Path> keys, String msg, Integer loan) {
    for (int i : signers) {
      ok(
          "sign",
          "commit",
          "--key",
          s(keys.get(i)),
          "--nonces-out",
          s(dir.resolve("nonces-" + i + ".json")),
          "--commitment-out",
          s(dir.resolve("commitments").resolve("c-" + i + ".json")));
    }
    List<String> pkgArgs =
        new ArrayList<>(
            List.of(
                "sign",
                "package",
                "--commitments",
                s(dir.resolve("commitments")),
                "--message",
                msg,
                "--out",
                s(dir.resolve("package.json"))));
    if (loan != null) {
      pkgArgs.addAll(List.of("--loan", "" + loan));
    }
    ok(pkgArgs.toArray(String[]::new));
    for (int i : signers) {
      ok(
          "sign",
          "share",
          "--key",
          s(keys.get(i)),
          "--nonces",
          s(dir.resolve("nonces-" + i + ".json")),
          "--package",
          s(dir.resolve("package.json")),
          "--out",
          s(dir.resolve("shares").resolve("share-" + i + ".json")));
    }
    Path sig = dir.resolve("signature.json");
    Run r =
        ok(
            "sign",
            "aggregate",
            "--public",
            s(d.pub(1)),
            "--package",
            s(dir.resolve("package.json")),
            "--shares",
            s(dir.resolve("shares")),
            "--out",
            s(sig));
    assertThat(r.out()).contains("BIP340 verify (libsecp256k1): valid");
    return sig;
  }

  static Map<Integer, Path> keys(Dkg d) {
    Map<Integer, Path> m = new TreeMap<>();
    for (int i = 1; i <= d.n(); i++) {
      m.put(i, d.key(i));
    }
    return m;
  }

  static byte[] loanOutputKey(Dkg d, long loan) throws IOException {
    ObjectNode pub = read(d.pub(1));
    ThresholdXpub xpub =
        ThresholdXpub.of(
            Point.fromHex(pub.get("group_key").asText()),
            HEX.parseHex(pub.get("chain_code").asText()),
            Network.REGTEST);
    return xpub.loanOutput(loan).outputKey();
  }

  static void assertValidSignature(Path sigFile, byte[] outputKey, String msg) throws IOException {
    ObjectNode sig = read(sigFile);
    byte[] bytes = HEX.parseHex(sig.get("signature").asText());
    assertThat(bytes).hasSize(64);
    assertThat(sig.get("verifying_key").asText()).isEqualTo(HEX.formatHex(outputKey));
    assertThat(Secp256k1.verifySchnorr(bytes, HEX.parseHex(msg), outputKey)).isTrue();
  }

  static final String MSG = "6d65737361676520746f207369676e20666f72206c6f616e2030";

  @Test
  void fullThreeOfFiveCeremonyAndLoanSignature(@TempDir Path dir) throws IOException {
    Dkg d = dkg(dir.resolve("dkg"), 5, 3);

    // Everyone agrees on the group key and the transcript.
    ObjectNode first = read(d.pub(1));
    for (int i = 2; i <= 5; i++) {
      ObjectNode other = read(d.pub(i));
      assertThat(other).isEqualTo(first);
      ObjectNode key = read(d.key(i));
      assertThat(key.get("group_key")).isEqualTo(first.get("group_key"));
      assertThat(key.get("transcript_hash")).isEqualTo(first.get("transcript_hash"));
      assertThat(key.get("secret").asBoolean()).isTrue();
      assertThat(Files.getPosixFilePermissions(d.key(i)))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    assertThat(first.get("xpub").asText()).startsWith("tpub");
    assertThat(first.get("loan_0_address").asText()).startsWith("bcrt1p");
    ObjectNode r2 = read(d.round2(1, 2));
    assertThat(r2.get("secret").asBoolean()).isTrue();
    assertThat(Files.getPosixFilePermissions(d.round2(1, 2)))
        .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    // 3 signers for loan 0.
    Path session = dir.resolve("session1");
    Path sig = sign(d, session, List.of(1, 3, 5), keys(d), MSG, 0);
    byte[] outputKey = loanOutputKey(d, 0);
    assertValidSignature(sig, outputKey, MSG);
    assertThat(read(sig).get("address").asText()).isEqualTo(first.get("loan_0_address").asText());
    // The same key from LoanKeys over the public key package read back.
    PublicKeyPackage raw =
        PublicKeyPackage.of(
            Ciphersuite.TAPROOT,
            Map.of(
                Identifier.of(1), Point.fromHex(first.get("verifying_shares").get("1").asText())),
            Point.fromHex(first.get("group_key").asText()),
            1);
    ThresholdXpub xpub = ThresholdXpub.parse(first.get("xpub").asText(), Network.REGTEST);
    assertThat(LoanKeys.loanPublicKeyPackage(raw, xpub, 0).verifyingKey().xOnly())
        .isEqualTo(outputKey);

    // A used nonces file is refused.
    Path nonces = session.resolve("nonces-1.json");
    assertThat(read(nonces).get("state").asText()).isEqualTo("used");
    assertThat(read(nonces).has("hiding_randomness")).isFalse();
    Run reuse =
        fails(
            2,
            "sign",
            "share",
            "--key",
            s(d.key(1)),
            "--nonces",
            s(nonces),
            "--package",
            s(session.resolve("package.json")),
            "--out",
            s(session.resolve("again.json")));
    assertThat(reuse.err()).contains(s(nonces)).contains("field state").contains("already used");

    // A tampered share is caught and its signer named.
    Path tampered = session.resolve("shares").resolve("share-3.json");
    flipLastDigit(tampered, "share");
    Run agg =
        fails(
            1,
            "sign",
            "aggregate",
            "--public",
            s(d.pub(2)),
            "--package",
            s(session.resolve("package.json")),
            "--shares",
            s(session.resolve("shares")),
            "--out",
            s(session.resolve("bad.json")));
    assertThat(agg.err()).contains("participant(s) 3 (" + s(tampered) + ")");

    // The group's own Taproot key (no --loan) signs too.
    Path session2 = dir.resolve("session2");
    Path sig2 = sign(d, session2, List.of(2, 3, 4), keys(d), MSG, null);
    assertValidSignature(sig2, HEX.parseHex(first.get("output_key").asText()), MSG);
  }

  @Test
  void badInputNamesFileAndFieldWithExitCodeTwo(@TempDir Path dir) throws IOException {
    Dkg d = part1And2(dir.resolve("a"), 5, 3);
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);

    // Missing file.
    Path missing = dir.resolve("nope.json");
    Run r =
        fails(
            2,
            "dkg",
            "part2",
            "--secret",
            s(missing),
            "--packages",
            s(d.round1()),
            "--secret-out",
            s(bad.resolve("x.json")),
            "--out-dir",
            s(bad));
    assertThat(r.err()).contains(s(missing)).contains("no such file");

    // Missing field, wrong type, wrong ciphersuite, corrupted hex in a round-1 package.
    Map<String, java.util.function.Consumer<ObjectNode>> edits = new TreeMap<>();
    edits.put("proof_of_knowledge", n -> n.remove("proof_of_knowledge"));
    edits.put("threshold", n -> n.put("threshold", "three"));
    edits.put("ciphersuite", n -> n.put("ciphersuite", Ciphersuite.RFC9591.contextString()));
    edits.put(
        "commitment[0]",
        n -> {
          var arr = (com.fasterxml.jackson.databind.node.ArrayNode) n.get("commitment");
          arr.set(0, "zz" + arr.get(0).asText().substring(2));
        });
    for (var e : edits.entrySet()) {
      Path dirty = bad.resolve("r1-" + e.getKey() + ".json");
      ObjectNode n = read(d.round1(2));
      e.getValue().accept(n);
      write(dirty, n);
      String list =
          IntStream.of(3, 4, 5).mapToObj(i -> s(d.round1(i))).collect(Collectors.joining(","));
      Run x =
          fails(
              2,
              "dkg",
              "part2",
              "--secret",
              s(d.secret1(1)),
              "--packages",
              s(dirty) + "," + list,
              "--secret-out",
              s(bad.resolve("x.json")),
              "--out-dir",
              s(bad.resolve("out")));
      assertThat(x.err()).as(e.getKey()).contains(s(dirty)).contains("field " + e.getKey());
    }

    // A round-2 package addressed to someone else.
    Run wrong = part3(d, 1, s(d.round2(2, 3)));
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains(s(d.round2(2, 3))).contains("field receiver");

    // A round-2 package from a different DKG (same parameters).
    Dkg other = part1And2(dir.resolve("b"), 5, 3);
    Path mixed = bad.resolve("mixed");
    Files.createDirectories(mixed);
    for (int from = 2; from <= 5; from++) {
      Files.copy((from == 4 ? other : d).round2(from, 1), mixed.resolve("r-" + from + ".json"));
    }
    Run diff = part3(d, 1, s(mixed));
    assertThat(diff.exit()).isEqualTo(2);
    assertThat(diff.err()).contains(s(mixed.resolve("r-4.json"))).contains("field transcript_hash");

    // Finish both DKGs; a signing package of group b is refused by a key of group a.
    for (int i = 1; i <= 5; i++) {
      assertThat(part3(d, i, s(d.round2())).exit()).isZero();
      assertThat(part3(other, i, s(other.round2())).exit()).isZero();
    }
    Path sb = dir.resolve("sb");
    ok(
        "sign",
        "commit",
        "--key",
        s(other.key(1)),
        "--nonces-out",
        s(sb.resolve("n1.json")),
        "--commitment-out",
        s(sb.resolve("c").resolve("1.json")));
    ok(
        "sign",
        "commit",
        "--key",
        s(other.key(2)),
        "--nonces-out",
        s(sb.resolve("n2.json")),
        "--commitment-out",
        s(sb.resolve("c").resolve("2.json")));
    ok(
        "sign",
        "commit",
        "--key",
        s(other.key(3)),
        "--nonces-out",
        s(sb.resolve("n3.json")),
        "--commitment-out",
        s(sb.resolve("c").resolve("3.json")));
    ok(
        "sign",
        "package",
        "--commitments",
        s(sb.resolve("c")),
        "--message",
        MSG,
        "--out",
        s(sb.resolve("pkg.json")));
    ok(
        "sign",
        "commit",
        "--key",
        s(d.key(1)),
        "--nonces-out",
        s(sb.resolve("na.json")),
        "--commitment-out",
        s(sb.resolve("ca.json")));
    Run foreign =
        fails(
            2,
            "sign",
            "share",
            "--key",
            s(d.key(1)),
            "--nonces",
            s(sb.resolve("na.json")),
            "--package",
            s(sb.resolve("pkg.json")),
            "--out",
            s(sb.resolve("x.json")));
    assertThat(foreign.err()).contains(s(sb.resolve("pkg.json"))).contains("field group_key");
    // Nonces of another participant.
    Run theirs =
        fails(
            2,
            "sign",
            "share",
            "--key",
            s(other.key(2)),
            "--nonces",
            s(sb.resolve("n1.json")),
            "--package",
            s(sb.resolve("pkg.json")),
            "--out",
            s(sb.resolve("x.json")));
    assertThat(theirs.err()).contains(s(sb.resolve("n1.json"))).contains("field identifier");

    // Corrupted hex in a key file; the secret never appears in the message.
    Path key = bad.resolve("key.json");
    ObjectNode k = read(d.key(2));
    String share = k.get("signing_share").asText();
    k.put("signing_share", share.substring(0, 10) + "x" + share.substring(11));
    write(key, k);
    Run hex =
        fails(
            2,
            "sign",
            "commit",
            "--key",
            s(key),
            "--nonces-out",
            s(bad.resolve("n.json")),
            "--commitment-out",
            s(bad.resolve("c.json")));
    assertThat(hex.err()).contains(s(key)).contains("field signing_share");
    assertThat(hex.err())
        .doesNotContain(share.substring(0, 10))
        .doesNotContain(share.substring(11));
    // A share that does not match its verifying share.
    k.put("signing_share", read(d.key(3)).get("signing_share").asText());
    write(key, k);
    Run mismatch =
        fails(
            2,
            "sign",
            "commit",
            "--key",
            s(key),
            "--nonces-out",
            s(bad.resolve("n.json")),
            "--commitment-out",
            s(bad.resolve("c.json")));
    assertThat(mismatch.err()).contains(s(key)).contains("field signing_share");
    assertThat(mismatch.err()).doesNotContain(read(d.key(3)).get("signing_share").asText());
  }

  @Test
  void invalidProofAndInvalidShareNameTheCulprit(@TempDir Path dir) throws IOException {
    Dkg d = new Dkg(dir, 3, 2);
    for (int i = 1; i <= 3; i++) {
      ok(
          "dkg",
          "part1",
          "--id",
          "" + i,
          "--participants",
          "3",
          "--threshold",
          "2",
          "--secret-out",
          s(d.secret1(i)),
          "--package-out",
          s(d.round1(i)));
    }
    Path saved = dir.resolve("pkg-2.saved");
    Files.copy(d.round1(2), saved);
    flipLastDigit(d.round1(2), "proof_of_knowledge");
    Run proof =
        fails(
            1,
            "dkg",
            "part2",
            "--secret",
            s(d.secret1(1)),
            "--packages",
            s(d.round1()),
            "--secret-out",
            s(d.secret2(1)),
            "--out-dir",
            s(d.round2()));
    assertThat(proof.err()).contains("participant(s) 2 (" + s(d.round1(2)) + ")");
    Files.copy(saved, d.round1(2), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    for (int i = 1; i <= 3; i++) {
      ok(
          "dkg",
          "part2",
          "--secret",
          s(d.secret1(i)),
          "--packages",
          s(d.round1()),
          "--secret-out",
          s(d.secret2(i)),
          "--out-dir",
          s(d.round2()));
    }
    flipLastDigit(d.round2(3, 1), "share");
    Path evidence = dir.resolve("evidence.json");
    Run share =
        fails(
            1,
            "dkg",
            "part3",
            "--secret",
            s(d.secret2(1)),
            "--round1",
            s(d.round1()),
            "--round2",
            s(d.round2(2, 1)) + "," + s(d.round2(3, 1)),
            "--key-out",
            s(d.key(1)),
            "--public-out",
            s(d.pub(1)),
            "--evidence-out",
            s(evidence));
    assertThat(share.err()).contains("participant(s) 3 (" + s(d.round2(3, 1)) + ")");
    ObjectNode ev = read(evidence);
    assertThat(ev.get("complaints").get(0).get("accused").asInt()).isEqualTo(3);
    assertThat(ev.get("complaints").get(0).get("complaint_valid").asBoolean()).isTrue();
    assertThat(Files.exists(d.key(1))).isFalse();
  }

  @Test
  void repairRebuildsParticipantTwoWithHelpersOneThreeFourAndItSigns(@TempDir Path dir)
      throws IOException {
    Dkg d = dkg(dir.resolve("dkg"), 5, 3);
    Path deltas = dir.resolve("deltas");
    for (int h : List.of(1, 3, 4)) {
      ok(
          "repair",
          "part1",
          "--key",
          s(d.key(h)),
          "--public",
          s(d.pub(h)),
          "--participant",
          "2",
          "--helpers",
          "1,3,4",
          "--out-dir",
          s(deltas));
    }
    ObjectNode delta = read(deltas.resolve("repair-delta-from-1-to-3.json"));
    assertThat(delta.get("secret").asBoolean()).isTrue();
    Path sigmas = dir.resolve("sigmas");
    for (int h : List.of(1, 3, 4)) {
      ok(
          "repair",
          "part2",
          "--key",
          s(d.key(h)),
          "--public",
          s(d.pub(h)),
          "--deltas",
          s(deltas),
          "--out",
          s(sigmas.resolve("sigma-from-" + h + ".json")));
    }
    Path rebuilt = dir.resolve("key2-rebuilt.json");
    ok(
        "repair",
        "part3",
        "--public",
        s(d.pub(2)),
        "--participant",
        "2",
        "--sigmas",
        s(sigmas),
        "--key-out",
        s(rebuilt));
    assertThat(read(rebuilt)).isEqualTo(read(d.key(2)));

    // A delta addressed to another helper is refused, naming the file and field.
    Run wrong =
        fails(
            2,
            "repair",
            "part2",
            "--key",
            s(d.key(1)),
            "--public",
            s(d.pub(1)),
            "--deltas",
            s(deltas.resolve("repair-delta-from-3-to-4.json")),
            "--out",
            s(dir.resolve("x.json")));
    assertThat(wrong.err()).contains("repair-delta-from-3-to-4.json").contains("field receiver");
    // Too few sigmas.
    Run few =
        fails(
            2,
            "repair",
            "part3",
            "--public",
            s(d.pub(2)),
            "--participant",
            "2",
            "--sigmas",
            s(sigmas.resolve("sigma-from-1.json")),
            "--key-out",
            s(dir.resolve("y.json")));
    assertThat(few.err()).contains("--sigmas").contains("missing");

    Map<Integer, Path> keys = keys(d);
    keys.put(2, rebuilt);
    Path sig = sign(d, dir.resolve("session"), List.of(2, 3, 5), keys, MSG, 7);
    assertValidSignature(sig, loanOutputKey(d, 7), MSG);
  }

  @Test
  void refreshChangesEverySharePreservesTheKeyAndStillSigns(@TempDir Path dir) throws IOException {
    Dkg d = dkg(dir.resolve("dkg"), 5, 3);
    Path commitments = dir.resolve("commitments");
    Path shares = dir.resolve("shares");
    for (int i = 1; i <= 5; i++) {
      ok(
          "refresh",
          "part1",
          "--key",
          s(d.key(i)),
          "--public",
          s(d.pub(i)),
          "--participants",
          "1,2,3,4,5",
          "--secret-out",
          s(d.p(i).resolve("refresh-secret.json")),
          "--commitment-out",
          s(commitments.resolve("c-" + i + ".json")),
          "--out-dir",
          s(shares));
    }
    Map<Integer, Path> newKeys = new TreeMap<>();
    for (int i = 1; i <= 5; i++) {
      newKeys.put(i, d.p(i).resolve("key-refreshed.json"));
      ok(
          "refresh",
          "part2",
          "--secret",
          s(d.p(i).resolve("refresh-secret.json")),
          "--key",
          s(d.key(i)),
          "--public",
          s(d.pub(i)),
          "--commitments",
          s(commitments),
          "--shares",
          s(shares),
          "--key-out",
          s(newKeys.get(i)),
          "--public-out",
          s(d.p(i).resolve("public-refreshed.json")));
    }
    ObjectNode oldPub = read(d.pub(1));
    ObjectNode newPub = read(d.p(1).resolve("public-refreshed.json"));
    for (int i = 2; i <= 5; i++) {
      assertThat(read(d.p(i).resolve("public-refreshed.json"))).isEqualTo(newPub);
      assertThat(read(newKeys.get(i)).get("signing_share"))
          .isNotEqualTo(read(d.key(i)).get("signing_share"));
    }
    assertThat(newPub.get("group_key")).isEqualTo(oldPub.get("group_key"));
    assertThat(newPub.get("xpub")).isEqualTo(oldPub.get("xpub"));
    assertThat(newPub.get("verifying_shares")).isNotEqualTo(oldPub.get("verifying_shares"));

    // Replaying the refresh against the refreshed key is refused (the epoch changed).
    Run replay =
        fails(
            2,
            "refresh",
            "part2",
            "--secret",
            s(d.p(1).resolve("refresh-secret.json")),
            "--key",
            s(newKeys.get(1)),
            "--public",
            s(d.p(1).resolve("public-refreshed.json")),
            "--commitments",
            s(commitments),
            "--shares",
            s(shares),
            "--key-out",
            s(dir.resolve("x.json")),
            "--public-out",
            s(dir.resolve("y.json")));
    assertThat(replay.err()).contains("refresh-secret.json").contains("field epoch");

    // Sign with refreshed keys, verified against the refreshed public key package.
    Files.copy(
        d.p(1).resolve("public-refreshed.json"),
        d.pub(1),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path sig = sign(d, dir.resolve("session"), List.of(1, 4, 5), newKeys, MSG, 0);
    assertValidSignature(sig, loanOutputKey(d, 0), MSG);
  }
}
