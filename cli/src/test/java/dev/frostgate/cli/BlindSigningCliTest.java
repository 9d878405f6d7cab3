package dev.frostgate.cli;

import static dev.frostgate.cli.Ceremony.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.cli.Ceremony.Protection;
import dev.frostgate.cli.Cli.Run;
import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SigningFiles;
import dev.frostgate.cli.ceremony.SigningFiles.MessageKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No blind signing: a signer signs a transaction only from its PSBT, after recomputing and showing
 * what it does, and refuses a package whose messages or keys are not the transaction's.
 */
class BlindSigningCliTest {
  static final HexFormat HEX = HexFormat.of();
  static final long PAID = 120_000;

  @TempDir static Path dir;
  static Ceremony c;
  static ThresholdXpub xpub;
  static UnsignedSpend spend;
  static String recipient;

  @BeforeAll
  static void setUp() throws IOException {
    c = Ceremony.create(dir.resolve("group"), 2, 2, Protection.PLAINTEXT);
    c.dkg();
    xpub = KeyFiles.readPublic(c.pub(1)).xpub();
    recipient =
        TaprootOutput.of(Point.mulGenerator(Scalar.fromBytes(HEX.parseHex("07".repeat(32)))))
            .address(xpub.network());
    spend =
        SpendBuilder.build(
            new SpendRecipe(
                List.of(
                    SpendInput.of(
                        new TxId("11".repeat(32)), 0, new Satoshi(100_000), Branch.DEPOSIT, 3),
                    SpendInput.of(
                        new TxId("22".repeat(32)), 1, new Satoshi(80_000), Branch.DEPOSIT, 5)),
                List.of(SpendOutput.toAddress(recipient, new Satoshi(PAID))),
                FeeRate.satPerVb(2),
                ChangePolicy.toIndex(0),
                new Satoshi(50_000)),
            xpub);
  }

  /** Commitments of participants 1 and 2 in {@code at}, {@code count} nonce pairs each. */
  static Path commit(String name, int count) throws IOException {
    Path at = dir.resolve(name);
    Files.createDirectories(at);
    Files.writeString(at.resolve("spend.psbt"), SpendPsbt.toBase64(SpendPsbt.export(spend)));
    for (int i = 1; i <= 2; i++) {
      c.secretOk(
          "sign",
          "commit",
          "--count",
          "" + count,
          "--key",
          s(c.key(i)),
          "--nonces-out",
          s(at.resolve("nonces-" + i + ".json")),
          "--commitment-out",
          s(at.resolve("commitments").resolve("c-" + i + ".json")));
    }
    return at;
  }

  static String[] share(Path at, int i, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sign",
                "share",
                "--key",
                s(c.key(i)),
                "--nonces",
                s(at.resolve("nonces-" + i + ".json")),
                "--package",
                s(at.resolve("package.json")),
                "--out",
                s(at.resolve("shares").resolve("share-" + i + ".json"))));
    args.addAll(List.of(extra));
    return c.withSecrets(args.toArray(String[]::new));
  }

  /** What a malicious coordinator writes: a well-formed package with the given content. */
  static void coordinatorWrites(Path at, List<byte[]> messages, List<MessageKey> keys)
      throws IOException {
    List<SigningFiles.CommitmentFile> cs = new ArrayList<>();
    try (var files = Files.list(at.resolve("commitments"))) {
      files.sorted().forEach(f -> cs.add(SigningFiles.readCommitment(f)));
    }
    List<SigningPackage> pkgs = new ArrayList<>();
    for (int m = 0; m < messages.size(); m++) {
      List<SigningCommitments> forM = new ArrayList<>();
      for (var f : cs) {
        forM.add(f.commitments().get(m));
      }
      pkgs.add(SigningPackage.of(forM, messages.get(m)));
    }
    KeyFiles.PublicFile pub = KeyFiles.readPublic(c.pub(1));
    SigningFiles.writePackage(
        new Outputs(false),
        at.resolve("package.json"),
        pub.raw().suite(),
        pub.raw().verifyingKey(),
        pub.epoch(),
        keys,
        pkgs,
        Optional.of(SpendPsbt.serialize(SpendPsbt.export(spend))));
  }

  static List<MessageKey> honestKeys() {
    return spend.inputKeys().stream().map(k -> new MessageKey(Optional.of(k))).toList();
  }

  /** No share, no ledger entry, the nonces file still fresh: the nonces were not used. */
  static void noNonceUsed(Path at, int i) throws IOException {
    assertThat(at.resolve("shares").resolve("share-" + i + ".json")).doesNotExist();
    assertThat(Files.readString(at.resolve("nonces-" + i + ".json"))).contains("\"fresh\"");
    try (var files = Files.list(c.p(i))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        String commitment =
            Ceremony.read(at.resolve("commitments").resolve("c-" + i + ".json"))
                .get("commitments")
                .get(0)
                .get("hiding")
                .asText();
        assertThat(Files.readString(f)).doesNotContain(commitment);
      }
    }
  }

  @Test
  void aTransactionIsShownThenSignedAggregatedAndValidated() throws IOException {
    Path at = commit("honest", 2);
    Run pkg =
        c.ok(
            "sign",
            "package",
            "--public",
            s(c.pub(1)),
            "--commitments",
            s(at.resolve("commitments")),
            "--psbt",
            s(at.resolve("spend.psbt")),
            "--out",
            s(at.resolve("package.json")));
    assertThat(pkg.out()).contains("transaction " + spend.txid());
    long change = spend.change().getSat();
    for (int i = 1; i <= 2; i++) {
      Run r = c.ok(share(at, i, "--yes"));
      String out = r.out();
      assertThat(out)
          .contains("transaction " + spend.txid() + " (2 inputs, 2 outputs")
          .containsPattern(
              "input  0  1{64}:0  100000 sat  from bcrt1p[a-z0-9]+ \\(m/0/3, the group's\\)")
          .containsPattern(
              "input  1  2{64}:1  80000 sat  from bcrt1p[a-z0-9]+ \\(m/0/5, the group's\\)")
          .contains("output 0  " + PAID + " sat  to " + recipient)
          .contains(
              "output 1  "
                  + change
                  + " sat  to "
                  + xpub.changeAddress(0)
                  + "  CHANGE (m/1/0, back to the group)")
          .contains("fee     " + spend.fee().getSat() + " sat (")
          .contains(PAID + " sat leave the group, " + change + " sat change");
      // The summary comes before the share.
      assertThat(out.indexOf("fee ")).isLessThan(out.indexOf("participant " + i + " signed"));
    }
    Run agg =
        c.ok(
            "sign",
            "aggregate",
            "--public",
            s(c.pub(1)),
            "--package",
            s(at.resolve("package.json")),
            "--shares",
            s(at.resolve("shares")),
            "--out",
            s(at.resolve("signature.json")));
    assertThat(agg.out()).contains("signed, finalized and validated");
    Transaction tx =
        Transaction.read(Ceremony.read(at.resolve("signature.json")).get("transaction").asText());
    assertThat(tx.txid).isEqualTo(spend.txid());
    assertThat(tx.txIn.get(0).witness.stack.get(0).size()).isEqualTo(64);
  }

  @Test
  void aPackageWhoseMessageIsNotThePsbtsSighashIsRefusedBeforeAnyNonceIsUsed() throws IOException {
    Path at = commit("substituted", 2);
    List<byte[]> messages = new ArrayList<>(spend.sigHashes());
    messages.set(1, HEX.parseHex("ee".repeat(32)));
    coordinatorWrites(at, messages, honestKeys());
    Run r = c.fails(1, share(at, 1, "--yes"));
    assertThat(r.err())
        .contains(
            "field messages[1].message: is not the BIP341 sighash of input 1 of the transaction")
        .contains("refusing to sign");
    noNonceUsed(at, 1);

    // Messages in another order: refused as well.
    Files.delete(at.resolve("package.json"));
    coordinatorWrites(at, spend.sigHashes().reversed(), honestKeys());
    c.fails(1, share(at, 1, "--yes"));
    noNonceUsed(at, 1);

    // The honest package signs with the same, still unused, nonces.
    Files.delete(at.resolve("package.json"));
    coordinatorWrites(at, spend.sigHashes(), honestKeys());
    c.ok(share(at, 1, "--yes"));
  }

  @Test
  void aPsbtWhoseInputKeyIsNotTheOneThePackageTweaksForIsRefused() throws IOException {
    Path at = commit("wrong-key", 2);
    List<MessageKey> keys = new ArrayList<>(honestKeys());
    keys.set(0, new MessageKey(Optional.of(InputKey.of(xpub, Branch.DEPOSIT, 4))));
    coordinatorWrites(at, spend.sigHashes(), keys);
    Run r = c.fails(1, share(at, 1, "--yes"));
    assertThat(r.err())
        .contains("field messages[0].key: the package signs input 0 with the key m/0/4")
        .contains("but the coin it spends pays to m/0/3");
    noNonceUsed(at, 1);
  }

  @Test
  void aRawMessageNeedsRawMessageAndIsShownFirst() throws IOException {
    Path at = commit("raw", 1);
    String msg = "ab".repeat(32);
    c.ok(
        "sign",
        "package",
        "--public",
        s(c.pub(1)),
        "--commitments",
        s(at.resolve("commitments")),
        "--message",
        msg,
        "--loan",
        "7",
        "--out",
        s(at.resolve("package.json")));
    Run blind = c.fails(2, share(at, 1, "--yes"));
    assertThat(blind.err()).contains("holds no transaction", "refusing to sign blind");
    noNonceUsed(at, 1);
    Run r = c.ok(share(at, 1, "--yes", "--raw-message"));
    assertThat(r.out())
        .contains("raw message " + msg + " (32 bytes)")
        .contains("key         loan 7 (m/0/7, " + xpub.depositAddress(7) + ")");
    assertThat(r.out().indexOf("raw message")).isLessThan(r.out().indexOf("signed"));

    // --raw-message does not stand in for reviewing a transaction.
    Path tx = commit("raw-on-tx", 2);
    coordinatorWrites(tx, spend.sigHashes(), honestKeys());
    Run wrong = c.fails(2, share(tx, 1, "--yes", "--raw-message"));
    assertThat(wrong.err()).contains("holds a transaction (PSBT): review it instead");
  }

  @Test
  void withoutYesAndWithoutATerminalNothingIsSigned() throws IOException {
    Path at = commit("no-terminal", 2);
    coordinatorWrites(at, spend.sigHashes(), honestKeys());
    Run r = c.fails(2, share(at, 1));
    assertThat(r.out()).contains("fee     " + spend.fee().getSat() + " sat");
    assertThat(r.err()).contains("no terminal to confirm on", "pass --yes");
    noNonceUsed(at, 1);
  }
}
