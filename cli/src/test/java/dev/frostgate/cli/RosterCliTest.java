package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.HEX;
import static dev.frostgate.cli.Ceremony.read;
import static dev.frostgate.cli.Ceremony.s;
import static dev.frostgate.cli.Ceremony.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.hash.Hash32;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identities: the roster is built from public identity files (each proven by its key), pins one key
 * per participant and no key twice; accepting a DKG needs it; a certificate signed with another
 * participant's key, a duplicate key or a bad signature is named.
 */
class RosterCliTest {

  @Test
  void theRosterIsBuiltFromPublicIdentityFilesAndRefusesAKeyTwice(@TempDir Path dir)
      throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).identities();
    ObjectNode roster = read(c.roster());
    assertThat(roster.get("secret").asBoolean()).isFalse();
    assertThat(roster.get("identities").size()).isEqualTo(3);
    for (int i = 1; i <= 3; i++) {
      assertThat(roster.get("identities").get("" + i).asText())
          .isEqualTo(read(c.publicIdentity(i)).get("public_key").asText());
      assertThat(read(c.publicIdentity(i)).has("identity_key")).isFalse();
    }
    // Participant 1's key presented as participant 3's too (with a valid proof: it has the key).
    Path twin = dir.resolve("twin.json");
    try (SecretStore store = c.store()) {
      IdentityFile one = CertificateFiles.readIdentity(c.identity(1), store);
      CertificateFiles.writePublicIdentity(
          new Outputs(false),
          twin,
          new IdentityFile(Identifier.of(3), one.key(), one.publicKey(), "x"));
    }
    Run dup =
        c.fails(
            2,
            "identity",
            "roster",
            "--out",
            s(dir.resolve("r2.json")),
            s(c.publicIdentity(1)),
            s(c.publicIdentity(2)),
            s(twin));
    assertThat(dup.err()).contains(s(twin), "the same identity key as " + s(c.publicIdentity(1)));
    // A public identity file whose key was swapped: its proof no longer holds.
    ObjectNode swapped = read(c.publicIdentity(3));
    swapped.put("public_key", read(c.publicIdentity(2)).get("public_key").asText());
    Path swappedFile = dir.resolve("swapped.json");
    write(swappedFile, swapped);
    Run proof =
        c.fails(2, "identity", "roster", "--out", s(dir.resolve("r3.json")), s(swappedFile));
    assertThat(proof.err()).contains(s(swappedFile), "field proof_of_possession");
    // A roster edited to pin one key twice is refused wherever it is read.
    ObjectNode edited = read(c.roster());
    ((ObjectNode) edited.get("identities")).put("3", edited.get("identities").get("1").asText());
    edited.remove("roster_hash");
    write(c.roster(), edited);
    c.part1();
    Run part2 = c.part2(1);
    assertThat(part2.exit()).isEqualTo(2);
    assertThat(part2.err())
        .contains(s(c.roster()), "identities.3", "identity key of participant 1 too");
  }

  @Test
  void acceptNeedsTheRosterAndRefusesDuplicateOrForeignIdentities(@TempDir Path dir)
      throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    Run accepted = c.accept();
    assertThat(accepted.out()).contains("3 of 3 participants signed", "ACCEPTED");
    Path sig = dir.resolve("test-signature").resolve("signature.json");
    String[] accept = {
      "dkg",
      "accept",
      "--public",
      s(c.pub(1)),
      "--certificates",
      s(c.certs()),
      "--roster",
      s(c.roster()),
      "--test-signature",
      s(sig),
      "--out",
      s(dir.resolve("again.json"))
    };

    // Without a roster: refused.
    Run none =
        c.fails(
            2,
            "dkg",
            "accept",
            "--public",
            s(c.pub(1)),
            "--certificates",
            s(c.certs()),
            "--test-signature",
            s(sig),
            "--out",
            s(dir.resolve("x.json")));
    assertThat(none.err()).contains("missing required option --roster");

    // Participant 3's certificate made with participant 1's identity key: a duplicate key.
    Path cert3 = c.certs().resolve("cert-3.json");
    byte[] original = Files.readAllBytes(cert3);
    ObjectNode forged = read(cert3);
    try (SecretStore store = c.store()) {
      IdentityFile one = CertificateFiles.readIdentity(c.identity(1), store);
      ObjectNode pub = read(c.pub(1));
      forged.put("identity_public_key", one.publicKey().toString());
      forged.put(
          "signature",
          HEX.formatHex(
              one.sign(
                      DkgCertificate.message(
                          Hash32.fromHex(pub.get("transcript_hash").asText()),
                          Point.fromHex(pub.get("group_key").asText())))
                  .bytes()));
    }
    write(cert3, forged);
    Run dup = c.fails(1, accept);
    assertThat(dup.err())
        .contains(s(cert3), "the same identity key as participant 1")
        .doesNotContain("ACCEPTED");

    // A key not pinned for that participant.
    ObjectNode foreign = read(cert3);
    foreign.put("identity_public_key", read(c.pub(1)).get("output_key").asText());
    write(cert3, foreign);
    Run impostor = c.fails(1, accept);
    assertThat(impostor.err()).contains("cert-3.json", "pinned identity of participant 3");

    // A bad signature names its file.
    ObjectNode bad = read(c.certs().resolve("cert-2.json"));
    String sigHex = bad.get("signature").asText();
    bad.put("signature", sigHex.substring(0, 127) + (sigHex.charAt(127) == '0' ? '1' : '0'));
    write(c.certs().resolve("cert-2.json"), bad);
    Files.write(cert3, original);
    Run badSig = c.fails(1, accept);
    assertThat(badSig.err()).contains("cert-2.json", "field signature");

    // A missing certificate names the participant.
    Files.delete(c.certs().resolve("cert-2.json"));
    Run missing = c.fails(1, accept);
    assertThat(missing.err()).contains("no certificate signature from participant(s) [2]");
  }
}
