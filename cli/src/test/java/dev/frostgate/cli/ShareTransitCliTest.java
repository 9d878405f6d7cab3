package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.HEX;
import static dev.frostgate.cli.Ceremony.read;
import static dev.frostgate.cli.Ceremony.s;
import static dev.frostgate.cli.Ceremony.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.ComplaintFiles;
import dev.frostgate.cli.ceremony.DkgFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SealedShareFiles;
import dev.frostgate.cli.ceremony.SealedShareFiles.SealedShareFile;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.seal.KeyDisclosure;
import dev.frostgate.crypto.seal.SealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret shares in transit: sealed to the recipient's identity key, signed by the dealer; a wrong
 * share becomes evidence anyone can judge with {@code dkg verify-evidence}.
 */
class ShareTransitCliTest {

  /** A 2-of-3 DKG up to part 2 (every round-2 share file written). */
  static Ceremony afterPart2(Path dir) {
    return Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).identities().part1().part2();
  }

  static IdentityFile identity(Ceremony c, int i) {
    try (SecretStore store = c.store()) {
      return CertificateFiles.readIdentity(c.identity(i), store);
    }
  }

  static Roster roster(Ceremony c) {
    return CertificateFiles.readRoster(c.roster());
  }

  @Test
  void aRoundTwoShareOpensOnlyForItsRecipientAndOnlyAsTheDealerSignedIt(@TempDir Path dir)
      throws IOException {
    Ceremony c = afterPart2(dir);
    SealedShareFile share = SealedShareFiles.read(c.round2(2, 1), roster(c));
    IdentityFile one = identity(c, 1);
    IdentityFile three = identity(c, 3);
    share.open(one).destroy();
    assertThatThrownBy(() -> share.open(three))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("does not open");

    // Given to the wrong participant, named as such.
    Run wrong = c.part3(1, s(c.round2(2, 3)));
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains(s(c.round2(2, 3)), "field recipient");

    // Re-addressed by hand: the dealer's signature no longer covers it.
    Path readdressed = dir.resolve("readdressed");
    Files.createDirectories(readdressed);
    ObjectNode f = read(c.round2(2, 3));
    f.put("recipient", 1);
    write(readdressed.resolve("from-2.json"), f);
    Files.copy(c.round2(3, 1), readdressed.resolve("from-3.json"));
    Run forged = c.part3(1, s(readdressed));
    assertThat(forged.exit()).isEqualTo(2);
    assertThat(forged.err())
        .contains("from-2.json", "field dealer_signature", "not from participant 2");
  }

  @Test
  void aShareOfAnotherSessionOrCommitmentIsRefusedNotBlamed(@TempDir Path dir) throws IOException {
    Ceremony c = afterPart2(dir.resolve("a"));
    // The same participants (same identities and roster) run a second DKG: its shares are signed
    // by the right dealers but belong to another transcript.
    Ceremony other = Ceremony.create(dir.resolve("b"), 3, 2, Protection.PASSPHRASE);
    Files.copy(c.roster(), other.roster());
    for (int i = 1; i <= 3; i++) {
      Files.createDirectories(other.p(i));
      Files.copy(c.identity(i), other.identity(i));
    }
    other.part1().part2();
    Path mixed = dir.resolve("mixed");
    Files.createDirectories(mixed);
    Files.copy(c.round2(2, 1), mixed.resolve("from-2.json"));
    Files.copy(other.round2(3, 1), mixed.resolve("from-3.json"));
    Run r = c.part3(1, s(mixed));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("from-3.json", "field session", "another session");
    assertThat(r.err()).doesNotContain("at fault");

    // A participant's identity key that is not the one pinned for it.
    Run notMine =
        c.secretRun(
            "dkg",
            "part2",
            "--secret",
            s(c.secret1(1)),
            "--packages",
            s(c.round1()),
            "--roster",
            s(c.roster()),
            "--identity",
            s(c.identity(2)),
            "--secret-out",
            s(dir.resolve("x.json")),
            "--out-dir",
            s(dir.resolve("x")));
    assertThat(notMine.exit()).isEqualTo(2);
    assertThat(notMine.err()).contains(s(c.identity(2)), "is participant 2, not 1");
  }

  /** Dealer 3 seals a wrong share for participant 1, correctly signed. */
  static void cheat(Ceremony c, int dealer, int victim) throws IOException {
    IdentityFile d = identity(c, dealer);
    SealedShareFile honest = SealedShareFiles.read(c.round2(dealer, victim), roster(c));
    ObjectNode doc = read(c.round1(dealer));
    java.util.List<Point> points = new java.util.ArrayList<>();
    doc.get("commitment").forEach(p -> points.add(Point.fromHex(p.asText())));
    SecretScalar wrong = SecretScalar.random(new java.security.SecureRandom());
    Files.delete(c.round2(dealer, victim));
    SealedShareFiles.write(
        new Outputs(false),
        c.round2(dealer, victim),
        DkgFiles.shareContext(
            Ciphersuite.TAPROOT,
            Hash32.of(honest.context().session()),
            Identifier.of(dealer),
            Identifier.of(victim),
            new VssCommitment(points)),
        roster(c).key(Identifier.of(victim)),
        wrong,
        d,
        Ceremony.JSON.createObjectNode());
    wrong.destroy();
    d.key().destroy();
  }

  @Test
  void aCheatingDealerIsConvictedByEvidenceAnyoneCanCheck(@TempDir Path dir) throws IOException {
    Ceremony c = afterPart2(dir);
    cheat(c, 3, 1);
    Path evidence = dir.resolve("evidence");
    Run r = c.part3(1, s(c.round2()), "--evidence-dir", s(evidence));
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    Path complaint = evidence.resolve("complaint-by-1-against-3.json");
    assertThat(r.err())
        .contains("participant(s) 3 (" + s(c.round2(3, 1)) + ")", s(complaint), "verify-evidence");
    assertThat(Files.exists(c.key(1))).isFalse();
    ObjectNode ev = read(complaint);
    assertThat(ev.get("secret").asBoolean()).isFalse();
    assertThat(ev.has("revealed_share")).isFalse();

    Run verdict = c.ok("dkg", "verify-evidence", "--roster", s(c.roster()), s(complaint));
    assertThat(verdict.out()).startsWith("dealer 3 at fault");
    // The others are unaffected.
    assertThat(c.part3(2, s(c.round2())).exit()).isZero();
  }

  @Test
  void aFalseAccuserIsConvicted(@TempDir Path dir) throws IOException {
    Ceremony c = afterPart2(dir);
    // Participant 1 complains about the correct share dealer 2 sent it.
    Path complaint = dir.resolve("false-complaint.json");
    IdentityFile one = identity(c, 1);
    ComplaintFiles.write(
        new Outputs(false),
        complaint,
        SealedShareFiles.read(c.round2(2, 1), roster(c)),
        commitment(c, 2),
        one);
    Run verdict = c.ok("dkg", "verify-evidence", "--roster", s(c.roster()), s(complaint));
    assertThat(verdict.out()).startsWith("false complaint by 1");
  }

  static List<Point> commitment(Ceremony c, int dealer) throws IOException {
    java.util.List<Point> points = new java.util.ArrayList<>();
    read(c.round1(dealer)).get("commitment").forEach(p -> points.add(Point.fromHex(p.asText())));
    return points;
  }

  @Test
  void evidenceWithAWrongKeyAProofOrSignatureThatFailsProvesNothing(@TempDir Path dir)
      throws IOException {
    Ceremony c = afterPart2(dir);
    cheat(c, 3, 1);
    Path evidence = dir.resolve("evidence");
    assertThat(c.part3(1, s(c.round2()), "--evidence-dir", s(evidence)).exit()).isEqualTo(1);
    Path good = evidence.resolve("complaint-by-1-against-3.json");
    IdentityFile one = identity(c, 1);
    SealedShareFile share = SealedShareFiles.read(c.round2(3, 1), roster(c));

    // A disclosed point that is not the key of this share (re-signed by the accuser).
    KeyDisclosure real =
        KeyDisclosure.decode(HEX.parseHex(read(good).get("key_disclosure").asText()));
    KeyDisclosure wrongKey =
        new KeyDisclosure(
            Point.fromHex(read(c.round1(2)).get("commitment").get(0).asText()), real.proof());
    assertProvesNothing(
        c, resigned(dir, good, share, wrongKey, one), "key_disclosure", "wrong key");

    // The right point with a broken proof.
    byte[] proof = real.proof().toBytes();
    proof[40] ^= 1;
    KeyDisclosure wrongProof =
        new KeyDisclosure(real.sharedPoint(), dev.frostgate.crypto.ec.Dleq.Proof.fromBytes(proof));
    assertProvesNothing(
        c, resigned(dir, good, share, wrongProof, one), "key_disclosure", "wrong proof");

    // The accuser's signature does not verify.
    ObjectNode badSig = read(good);
    badSig.put("accuser_signature", flip(badSig.get("accuser_signature").asText()));
    Path badSigFile = dir.resolve("bad-accuser-signature.json");
    write(badSigFile, badSig);
    assertProvesNothing(c, badSigFile, "accuser_signature", "participant 1");

    // The sealed share is not signed by the dealer.
    ObjectNode badDealer = read(good);
    ObjectNode embedded = (ObjectNode) badDealer.get("sealed_share_file");
    embedded.put("dealer_signature", flip(embedded.get("dealer_signature").asText()));
    Path badDealerFile = dir.resolve("bad-dealer-signature.json");
    write(badDealerFile, badDealer);
    assertProvesNothing(c, badDealerFile, "dealer_signature", "participant 3");

    // A complaint by someone who is not the share's recipient.
    ObjectNode other = read(good);
    other.put("accuser", 2);
    Path otherFile = dir.resolve("not-the-recipient.json");
    write(otherFile, other);
    assertProvesNothing(c, otherFile, "accuser", "not the recipient");
  }

  private static String flip(String hex) {
    char last = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
  }

  /** The complaint with another disclosure, signed again by the accuser. */
  private static Path resigned(
      Path dir, Path good, SealedShareFile share, KeyDisclosure d, IdentityFile accuser)
      throws IOException {
    ObjectNode n = read(good);
    n.put("key_disclosure", HEX.formatHex(d.encode()));
    n.put(
        "accuser_signature",
        HEX.formatHex(
            accuser
                .sign(ComplaintFiles.signedMessage(share, d, share.context().dealerCommitment()))
                .bytes()));
    Path p = dir.resolve("tampered-" + HEX.formatHex(Hashes.sha256(d.encode()), 0, 4) + ".json");
    write(p, n);
    return p;
  }

  private static void assertProvesNothing(Ceremony c, Path file, String... what) {
    Run r = c.fails(1, "dkg", "verify-evidence", "--roster", s(c.roster()), s(file));
    assertThat(r.err()).contains("evidence proves nothing", s(file)).contains(what);
  }

  @Test
  void aCheatingRefreshDealerIsConvictedToo(@TempDir Path dir) throws IOException {
    Ceremony c = Ceremony.create(dir, 3, 2, Protection.PASSPHRASE).dkg();
    Path at = dir.resolve("refresh-x");
    for (int i = 1; i <= 3; i++) {
      assertThat(c.refreshPart1(i, c.keys(), c.pubs(), "1,2,3", at).exit()).isZero();
    }
    // Dealer 2 re-seals a wrong refresh share for participant 3, signed.
    Path file = at.resolve("shares").resolve("refresh-share-from-2-to-3.json");
    SealedShareFile honest = SealedShareFiles.read(file, roster(c));
    IdentityFile two = identity(c, 2);
    SecretScalar wrong = SecretScalar.random(new java.security.SecureRandom());
    ObjectNode readable = read(file);
    Files.delete(file);
    SealedShareFiles.write(
        new Outputs(false),
        file,
        honest.context(),
        roster(c).key(Identifier.of(3)),
        wrong,
        two,
        readable.retain("group_key", "epoch", "participants"));
    Run r = c.refreshPart2(3, c.keys(), c.pubs(), at, "r1");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    Path complaint = c.p(3).resolve("complaint-by-3-against-2.json");
    assertThat(r.err()).contains("participant(s) 2", s(complaint));
    assertThat(c.ok("dkg", "verify-evidence", "--roster", s(c.roster()), s(complaint)).out())
        .startsWith("dealer 2 at fault");
  }
}
