package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.read;
import static dev.frostgate.cli.Ceremony.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.ComplaintFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SealedShareFiles;
import dev.frostgate.cli.ceremony.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file damaged by one character (the opening quote of a value lost) is reported by file, line and
 * column only, never with the text around the damage, which may be a secret: JSON parsers quote the
 * offending token. Every kind of file the ceremony reads is damaged once, and read by a command
 * that read it during the ceremony.
 */
class ParseErrorCliTest {
  /** The fields to damage, most secret first; a file without any has its longest value damaged. */
  static final List<String> TARGETS =
      List.of(
          "signing_share",
          "identity_key",
          "own_share",
          "delta",
          "hiding_randomness",
          "coefficients",
          "sealed",
          "sealed_share",
          "key_disclosure");

  static final Set<String> INPUT_OPTIONS =
      Set.of(
          "--secret",
          "--packages",
          "--round1",
          "--round2",
          "--roster",
          "--identity",
          "--key",
          "--public",
          "--nonces",
          "--package",
          "--commitments",
          "--shares",
          "--certificates",
          "--test-signature",
          "--deltas",
          "--sigmas");

  @Test
  void everyKindOfPlaintextFileIsReportedByLineAndColumnOnly(@TempDir Path dir) throws IOException {
    damageEveryKind(Ceremony.create(dir, 3, 2, Protection.PLAINTEXT));
  }

  @Test
  void everyKindOfSealedFileIsReportedByLineAndColumnOnly(@TempDir Path dir) throws IOException {
    damageEveryKind(Ceremony.create(dir, 3, 2, Protection.PASSPHRASE));
  }

  static void damageEveryKind(Ceremony c) throws IOException {
    CeremonyCliTest.fullCeremony(c);
    // A complaint file too, read by verify-evidence.
    Path complaint = c.dir.resolve("complaint.json");
    try (SecretStore store = c.store()) {
      CertificateFiles.IdentityFile one = CertificateFiles.readIdentity(c.identity(1), store);
      ComplaintFiles.write(
          new Outputs(false),
          complaint,
          SealedShareFiles.read(c.round2(2, 1), CertificateFiles.readRoster(c.roster())),
          ShareTransitCliTest.commitment(c, 2),
          one);
    }
    c.ok("dkg", "verify-evidence", "--roster", s(c.roster()), s(complaint));
    // Fresh nonces are read by sign share (which then refuses: they are not this package's).
    c.secretRun(
        "sign",
        "share",
        "--raw-message",
        "--yes",
        "--key",
        s(c.p(2).resolve("key-repaired-a.json")),
        "--nonces",
        s(c.dir.resolve("fresh-nonces.json")),
        "--package",
        s(c.dir.resolve("session-3").resolve("package.json")),
        "--out",
        s(c.dir.resolve("unused-share.json")));

    Map<String, Path> fileOfKind = new LinkedHashMap<>();
    Map<String, List<String>> commandOfKind = new LinkedHashMap<>();
    for (List<String> cmd : new ArrayList<>(c.history)) {
      for (int i = 1; i < cmd.size(); i++) {
        String prev = cmd.get(i - 1);
        boolean positional = !prev.startsWith("-") || prev.equals("--insecure-plaintext");
        if (!INPUT_OPTIONS.contains(prev) && !(positional && cmd.get(i).endsWith(".json"))) {
          continue;
        }
        for (String value : cmd.get(i).split(",")) {
          for (Path f : filesAt(Path.of(value))) {
            String kind = read(f).path("type").asText();
            if (kind.equals("frostgate/signing-nonces") && !f.endsWith("fresh-nonces.json")) {
              continue; // used nonces hold no randomness: damage the fresh ones
            }
            if (!kind.isEmpty() && !fileOfKind.containsKey(kind)) {
              fileOfKind.put(kind, f);
              commandOfKind.put(kind, cmd);
            }
          }
        }
      }
    }
    assertThat(fileOfKind.keySet())
        .containsExactlyInAnyOrder(
            "frostgate/identity-key",
            "frostgate/identity-public",
            "frostgate/identity-roster",
            "frostgate/dkg-round1-secret",
            "frostgate/dkg-round1-package",
            "frostgate/dkg-round2-secret",
            "frostgate/sealed-share",
            "frostgate/key-package",
            "frostgate/public-key-package",
            "frostgate/dkg-certificate-signature",
            "frostgate/signature",
            "frostgate/signing-nonces",
            "frostgate/signing-commitment",
            "frostgate/signing-package",
            "frostgate/signature-share",
            "frostgate/refresh-secret",
            "frostgate/refresh-commitment",
            "frostgate/repair-secret",
            "frostgate/share-complaint");

    for (var e : fileOfKind.entrySet()) {
      Path f = e.getValue();
      String original = Files.readString(f, StandardCharsets.UTF_8);
      String value = damage(f);
      List<String> cmd = new ArrayList<>(commandOfKind.get(e.getKey()));
      Run r = c.run(cmd.toArray(String[]::new));
      if (r.err().contains("already exists")) {
        cmd.add("--force");
        r = c.run(cmd.toArray(String[]::new));
      }
      String what = e.getKey() + " " + f + " read by " + String.join(" ", cmd);
      assertThat(r.exit()).as(what + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err())
          .as(what)
          .contains(s(f) + ": not valid JSON at line ")
          .contains(", column ")
          .doesNotContain(value.substring(0, 12))
          .doesNotContain(value.substring(value.length() - 12));
      Files.writeString(f, original, StandardCharsets.UTF_8);
    }
  }

  /** The JSON files a command argument names: the file, or the *.json files of a directory. */
  private static List<Path> filesAt(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (var s = Files.list(p)) {
        return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      }
    }
    return Files.isRegularFile(p) && p.toString().endsWith(".json") ? List.of(p) : List.of();
  }

  /**
   * Removes the opening quote of the most secret value in the file (see {@link #TARGETS}), or of
   * its longest string value; returns that value.
   */
  static String damage(Path f) throws IOException {
    String text = Files.readString(f, StandardCharsets.UTF_8);
    int at = -1;
    for (String field : TARGETS) {
      int i = text.indexOf("\"" + field + "\" : ");
      if (i >= 0) {
        at = text.indexOf('"', i + field.length() + 5);
        break;
      }
    }
    if (at < 0) {
      int best = 0;
      for (int i = text.indexOf(" : \""); i >= 0; i = text.indexOf(" : \"", i + 1)) {
        String name = text.substring(text.lastIndexOf('"', i - 2) + 1, i - 1);
        int end = text.indexOf('"', i + 4);
        if (end - i > best && !Set.of("warning", "note", "protection").contains(name)) {
          best = end - i;
          at = i + 3;
        }
      }
    }
    int end = text.indexOf('"', at + 1);
    String value = text.substring(at + 1, end);
    assertThat(value.length()).as("value damaged in %s", f).isGreaterThanOrEqualTo(32);
    Files.writeString(f, text.substring(0, at) + text.substring(at + 1), StandardCharsets.UTF_8);
    return value;
  }

  @Test
  void vectorAndJournalFilesAreReportedByPositionOnlyToo(@TempDir Path dir) throws IOException {
    String token = "f8cba3035f90aa1111222233334444555566667777888899990000aaaabbbbcc";
    Path vector = dir.resolve("vector.json");
    Files.writeString(vector, "{\n  \"config\" : " + token + "\n}\n");
    Cli.Run v = Cli.fails(2, "conformance", s(vector));
    assertThat(v.err()).contains(s(vector), "line 2, column").doesNotContain("f8cba303");

    Path journal = dir.resolve("journal.json");
    Files.writeString(journal, "{\n  \"format\" : " + token + "\n}\n");
    Cli.Run j =
        Cli.run(
            "journal",
            "import",
            "--db",
            s(dir.resolve("x.db")),
            "--validator",
            "1",
            "--in",
            s(journal));
    assertThat(j.exit()).isNotZero();
    assertThat(j.err()).contains("line 2, column").doesNotContain("f8cba303");
  }

  @Test
  void theDamageDetectorFindsAKeyPackagesShare(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("k.json");
    Files.writeString(
        f, "{\n  \"type\" : \"x\",\n  \"signing_share\" : \"" + "ab".repeat(32) + "\"\n}");
    assertThat(damage(f)).isEqualTo("ab".repeat(32));
    assertThat(Files.readString(f)).contains("\"signing_share\" : abab");
    assertThat(new TreeSet<>(INPUT_OPTIONS)).contains("--key");
  }
}
