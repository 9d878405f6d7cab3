package dev.frostgate.node.cli;

import static dev.frostgate.node.cli.CeremonyCliTest.fails;
import static dev.frostgate.node.cli.CeremonyCliTest.keys;
import static dev.frostgate.node.cli.CeremonyCliTest.ok;
import static dev.frostgate.node.cli.CeremonyCliTest.read;
import static dev.frostgate.node.cli.CeremonyCliTest.s;
import static dev.frostgate.node.cli.CeremonyCliTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of an offline DKG: certificate by all, test signature by t, then acceptance. */
class DkgAcceptanceCliTest {

  @Test
  void everyoneCertifiesTSignTheTestMessageAndTheKeyIsAccepted(@TempDir Path dir)
      throws IOException {
    CeremonyCliTest.Dkg d = CeremonyCliTest.dkg(dir.resolve("dkg"), 5, 3);
    Path certs = dir.resolve("certs");
    Files.createDirectories(certs);
    ObjectNode roster = CeremonyFileTestSupport.roster();
    for (int i = 1; i <= 5; i++) {
      Path id = dir.resolve("identity-" + i + ".json");
      CeremonyCliTest.Run r = ok("identity", "new", "--out", s(id));
      roster.with("identities").put("" + i, read(id).get("public_key").asText());
      assertThat(r.out()).contains("identity public key");
      ok(
          "dkg",
          "certify",
          "--key",
          s(d.key(i)),
          "--identity",
          s(id),
          "--out",
          s(certs.resolve("cert-" + i + ".json")));
    }
    Path rosterFile = dir.resolve("roster.json");
    write(rosterFile, roster);
    String testMessage = read(d.pub(1)).get("transcript_hash").asText();
    String message =
        java.util.HexFormat.of()
            .formatHex(
                dev.frostgate.crypto.frost.dkg.DkgAcceptance.testMessage(
                    java.util.HexFormat.of().parseHex(testMessage)));
    Path sig =
        CeremonyCliTest.sign(d, dir.resolve("test-sig"), List.of(2, 4, 5), keys(d), message, null);

    CeremonyCliTest.Run accepted =
        ok(
            "dkg",
            "accept",
            "--public",
            s(d.pub(1)),
            "--certificates",
            s(certs),
            "--identities",
            s(rosterFile),
            "--test-signature",
            s(sig),
            "--out",
            s(dir.resolve("accepted.json")));
    assertThat(accepted.out()).contains("5 of 5 participants signed").contains("ACCEPTED");
    assertThat(read(dir.resolve("accepted.json")).get("accepted").asBoolean()).isTrue();

    // A missing certificate signature: not accepted, and the missing participant is named.
    Files.delete(certs.resolve("cert-4.json"));
    CeremonyCliTest.Run missing =
        fails(
            1,
            "dkg",
            "accept",
            "--public",
            s(d.pub(1)),
            "--certificates",
            s(certs),
            "--identities",
            s(rosterFile),
            "--test-signature",
            s(sig),
            "--out",
            s(dir.resolve("a2.json")));
    assertThat(missing.err()).contains("[4]");

    // A signature over another message is not a test signature.
    Path other =
        CeremonyCliTest.sign(d, dir.resolve("other-sig"), List.of(1, 2, 3), keys(d), "00", null);
    ok(
        "dkg",
        "certify",
        "--key",
        s(d.key(4)),
        "--identity",
        s(dir.resolve("identity-4.json")),
        "--out",
        s(certs.resolve("cert-4.json")));
    CeremonyCliTest.Run wrong =
        fails(
            2,
            "dkg",
            "accept",
            "--public",
            s(d.pub(1)),
            "--certificates",
            s(certs),
            "--test-signature",
            s(other),
            "--out",
            s(dir.resolve("a3.json")));
    assertThat(wrong.err()).contains("field message").contains("test message");

    // An identity that is not the pinned one is refused.
    roster.with("identities").put("3", roster.get("identities").get("1").asText());
    write(rosterFile, roster);
    CeremonyCliTest.Run impostor =
        fails(
            1,
            "dkg",
            "accept",
            "--public",
            s(d.pub(1)),
            "--certificates",
            s(certs),
            "--identities",
            s(rosterFile),
            "--test-signature",
            s(sig),
            "--out",
            s(dir.resolve("a4.json")));
    assertThat(impostor.err()).contains("cert-3.json").contains("pinned identity of participant 3");
  }
}
