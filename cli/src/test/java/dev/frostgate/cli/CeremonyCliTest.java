package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.HEX;
import static dev.frostgate.cli.Ceremony.read;
import static dev.frostgate.cli.Ceremony.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.ceremony.CeremonyFile;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole offline ceremony through the CLI, as operators run it: identities and roster, DKG,
 * certificate and test signature, a loan signature, a refresh, a repair and signatures with the
 * refreshed and repaired keys; with a passphrase file and with a PKCS#11 token, 2-of-3 and 3-of-5.
 * No file and no output ever holds a secret in the clear.
 */
class CeremonyCliTest {
  static final String MSG = "6d65737361676520746f207369676e20666f72206c6f616e2030";

  /** Secret file types, and the fields in them that are secret. */
  static final Map<String, List<String>> SECRET_FIELDS =
      Map.of(
          "frostgate/key-package", List.of("signing_share"),
          "frostgate/identity-key", List.of("identity_key"),
          "frostgate/dkg-round1-secret", List.of("coefficients"),
          "frostgate/dkg-round2-secret", List.of("own_share"),
          "frostgate/signing-nonces", List.of("hiding_randomness", "binding_randomness"),
          "frostgate/refresh-secret", List.of("coefficients"),
          "frostgate/repair-secret", List.of("delta"));

  @Test
  void twoOfThreeWithPassphraseFile(@TempDir Path dir) throws IOException {
    fullCeremony(Ceremony.create(dir, 3, 2, Protection.PASSPHRASE));
  }

  @Test
  void threeOfFiveWithPassphraseFile(@TempDir Path dir) throws IOException {
    fullCeremony(Ceremony.create(dir, 5, 3, Protection.PASSPHRASE));
  }

  @Test
  void twoOfThreeWithPkcs11Token(@TempDir Path dir) throws IOException {
    fullCeremony(Ceremony.create(dir, 3, 2, Protection.PKCS11));
  }

  @Test
  void threeOfFiveWithPkcs11Token(@TempDir Path dir) throws IOException {
    fullCeremony(Ceremony.create(dir, 5, 3, Protection.PKCS11));
  }

  @Test
  void twoOfThreeInsecurePlaintextKeepsTransitFilesEncrypted(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PLAINTEXT);
    fullCeremony(c);
    ObjectNode key = read(c.key(1));
    assertThat(key.get("insecure_plaintext").asBoolean()).isTrue();
    assertThat(key.get("warning").asText()).startsWith("INSECURE");
    assertThat(key.has("signing_share")).isTrue();
  }

  static void fullCeremony(Ceremony c) throws IOException {
    int n = c.n;
    int t = c.t;
    c.dkg();

    // Everyone agrees on the group key and the transcript; secret files are sealed, mode 0600.
    ObjectNode first = read(c.pub(1));
    assertThat(first.get("epoch").asInt()).isZero();
    for (int i = 1; i <= n; i++) {
      assertThat(read(c.pub(i))).isEqualTo(first);
      ObjectNode key = read(c.key(i));
      assertThat(key.get("group_key")).isEqualTo(first.get("group_key"));
      assertThat(key.get("secret").asBoolean()).isTrue();
      assertThat(key.has("signing_share")).isEqualTo(c.protection == Protection.PLAINTEXT);
      assertThat(key.has("sealed")).isEqualTo(c.protection != Protection.PLAINTEXT);
      assertThat(key.get("warning").asText()).contains("Long-lived").doesNotContain("destroy");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.key(i))))
          .isEqualTo("rw-------");
    }
    assertThat(read(c.round2(1, 2)).get("secret").asBoolean()).isFalse();
    assertThat(read(c.round2(1, 2)).has("sealed_share")).isTrue();

    assertThat(c.accept().out()).contains(n + " of " + n + " participants signed", "ACCEPTED");

    // t signers for loan 0.
    List<Integer> firstT = IntStream.rangeClosed(1, t).boxed().toList();
    Path sig = c.sign(c.dir.resolve("session-1"), firstT, c.keys(), c.pub(1), MSG, 0);
    assertValidSignature(sig, depositOutputKey(c.pub(1), 0), MSG);

    // Everyone refreshes; the last t sign with the refreshed keys.
    List<Integer> all = IntStream.rangeClosed(1, n).boxed().toList();
    Ceremony.Refreshed r = c.refresh(all, c.keys(), c.pubs(), "r1");
    ObjectNode refreshed = read(r.pubs().get(1));
    assertThat(refreshed.get("epoch").asInt()).isEqualTo(1);
    assertThat(refreshed.get("group_key")).isEqualTo(first.get("group_key"));
    assertThat(refreshed.get("verifying_shares")).isNotEqualTo(first.get("verifying_shares"));
    for (int i = 2; i <= n; i++) {
      assertThat(read(r.pubs().get(i))).isEqualTo(refreshed);
    }
    List<Integer> lastT = IntStream.rangeClosed(n - t + 1, n).boxed().toList();
    Path sig2 = c.sign(c.dir.resolve("session-2"), lastT, r.keys(), r.pubs().get(1), MSG, 3);
    assertValidSignature(sig2, depositOutputKey(c.pub(1), 3), MSG);

    // Participant 2 loses its refreshed key; max(2, t) others rebuild it; it signs again.
    List<Integer> helpers = new ArrayList<>(all);
    helpers.remove(Integer.valueOf(2));
    helpers = helpers.subList(0, Math.max(2, t));
    Path rebuilt = c.repair(2, helpers, r.keys(), r.pubs().get(1), "a");
    assertThat(read(rebuilt).get("epoch").asInt()).isEqualTo(1);
    Map<Integer, Path> keys = new TreeMap<>(r.keys());
    keys.put(2, rebuilt);
    List<Integer> withTwo = new ArrayList<>(List.of(2));
    withTwo.addAll(lastT.subList(lastT.size() - (t - 1), lastT.size()));
    Path sig3 = c.sign(c.dir.resolve("session-3"), withTwo, keys, r.pubs().get(1), MSG, null);
    assertValidSignature(sig3, HEX.parseHex(refreshed.get("output_key").asText()), MSG);

    // One more commitment, so that a fresh (unused) nonces file is among the files too.
    c.secretOk(
        "sign",
        "commit",
        "--key",
        s(keys.get(2)),
        "--nonces-out",
        s(c.dir.resolve("fresh-nonces.json")),
        "--commitment-out",
        s(c.dir.resolve("fresh-commitment.json")));

    assertNoSecretInTheClear(c);
  }

  /**
   * Collects every secret the ceremony made (shares, polynomials, identity keys, nonce randomness,
   * and the round-2 and refresh shares those polynomials give), opening the secret files with the
   * participants' store, then searches every file and all output for them. Only the owner's own
   * secret file may hold a secret, and only in the clear with --insecure-plaintext.
   */
  static void assertNoSecretInTheClear(Ceremony c) throws IOException {
    Set<String> secrets = new TreeSet<>();
    Map<Path, Set<String>> own = new TreeMap<>();
    try (SecretStore store = c.store()) {
      for (Path f : c.files()) {
        if (!f.toString().endsWith(".json")) {
          continue; // the passphrase file
        }
        String type = read(f).path("type").asText();
        List<String> fields = SECRET_FIELDS.get(type);
        if (fields == null || read(f).path("state").asText().equals("used")) {
          continue;
        }
        ObjectNode doc = CeremonyFile.readSecret(f, type, store).node();
        Set<String> mine = new TreeSet<>();
        for (String field : fields) {
          JsonNode v = doc.get(field);
          if (v.isArray()) {
            v.forEach(x -> mine.add(x.asText()));
          } else {
            mine.add(v.asText());
          }
        }
        if (fields.contains("coefficients")) {
          mine.addAll(sharesDealt(doc, type));
        }
        secrets.addAll(mine);
        own.put(f, mine);
      }
    }
    assertThat(secrets).hasSizeGreaterThan(5 * c.n);
    for (Path f : c.files()) {
      String text = Files.readString(f, StandardCharsets.ISO_8859_1).toLowerCase();
      for (String secret : secrets) {
        if (c.protection == Protection.PLAINTEXT
            && own.getOrDefault(f, Set.of()).contains(secret)) {
          continue;
        }
        assertThat(text).as("%s holds a secret in the clear", f).doesNotContain(secret);
      }
    }
    String output = c.output.toString().toLowerCase();
    for (String secret : secrets) {
      assertThat(output).as("command output").doesNotContain(secret);
    }
  }

  /** The shares a DKG or refresh polynomial deals to the other participants. */
  private static List<String> sharesDealt(ObjectNode doc, String type) {
    List<SecretScalar> cs = new ArrayList<>();
    doc.get("coefficients").forEach(x -> cs.add(SecretScalar.fromBytes(HEX.parseHex(x.asText()))));
    SecretPolynomial f = SecretPolynomial.of(cs);
    List<String> out = new ArrayList<>();
    int n =
        doc.has("participants") && doc.get("participants").isInt()
            ? doc.get("participants").asInt()
            : doc.get("participants").size() + 1;
    for (int j = 1; j <= n + 1; j++) {
      SecretScalar v = f.evaluate(Identifier.of(j));
      SecretScalar share =
          type.equals("frostgate/refresh-secret") ? v.multiply(Identifier.of(j).value()) : v;
      out.add(share.reveal().toHex());
    }
    f.destroy();
    return out;
  }

  static byte[] depositOutputKey(Path pubFile, long loan) throws IOException {
    ObjectNode pub = read(pubFile);
    ThresholdXpub xpub =
        ThresholdXpub.of(
            Point.fromHex(pub.get("group_key").asText()),
            HEX.parseHex(pub.get("chain_code").asText()),
            Network.REGTEST);
    return xpub.depositOutput(loan).outputKey();
  }

  static void assertValidSignature(Path sigFile, byte[] outputKey, String msg) throws IOException {
    ObjectNode sig = read(sigFile);
    byte[] bytes = HEX.parseHex(sig.get("signature").asText());
    assertThat(bytes).hasSize(64);
    assertThat(sig.get("verifying_key").asText()).isEqualTo(HEX.formatHex(outputKey));
    assertThat(Secp256k1.verifySchnorr(bytes, HEX.parseHex(msg), outputKey)).isTrue();
  }
}
