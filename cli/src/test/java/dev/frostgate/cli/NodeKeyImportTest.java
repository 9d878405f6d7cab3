package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.storage.GroupRecord;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code node import-key}: a key package goes into a validator's key store only if it is that
 * validator's share of the group its state records, and only while the validator is stopped.
 */
class NodeKeyImportTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Hash32 TRANSCRIPT = Hash32.of(new byte[32]);
  private final SecretScalar secret = SecretScalar.random(RANDOM);
  private final TrustedDealer.Output dealt =
      TrustedDealer.split(Ciphersuite.TAPROOT, secret, Identifier.range(4), 3, RANDOM);
  private final GroupRecord group =
      new GroupRecord(
          0,
          TRANSCRIPT,
          dealt.publicKeys(),
          ThresholdXpub.of(dealt.publicKeys().verifyingKey(), new byte[32], Network.REGTEST));

  private KeyPackage key(TrustedDealer.Output from, int id) {
    return from.shares().get(Identifier.of(id)).toKeyPackage();
  }

  @Test
  void acceptsTheValidatorsOwnShareAtTheRecordedEpoch() {
    assertThat(NodeKeyCommands.importProblem(key(dealt, 4), 0, group, 4)).isEmpty();
  }

  @Test
  void refusesAnotherParticipantsShare() {
    assertThat(NodeKeyCommands.importProblem(key(dealt, 2), 0, group, 4))
        .hasValueSatisfying(p -> assertThat(p).contains("participant 2", "not validator 4"));
  }

  @Test
  void refusesAShareOfAnotherGroup() {
    TrustedDealer.Output other = TrustedDealer.generate(Ciphersuite.TAPROOT, 4, 3, RANDOM);
    assertThat(NodeKeyCommands.importProblem(key(other, 4), 0, group, 4))
        .hasValueSatisfying(p -> assertThat(p).contains("is not this validator's group"));
  }

  @Test
  void refusesAKeyOfAnotherRefreshGeneration() {
    assertThat(NodeKeyCommands.importProblem(key(dealt, 4), 1, group, 4))
        .hasValueSatisfying(p -> assertThat(p).contains("is from refresh 1", "the DKG"));
  }

  @Test
  void refusesAShareOfTheSameKeyDealtDifferently() {
    // Same group key, other sharing polynomial: the verifying share differs from the recorded one.
    assertThat(NodeKeyCommands.importProblem(key(resplit(), 4), 0, group, 4))
        .hasValueSatisfying(p -> assertThat(p).contains("verifying share", "validator 4"));
  }

  @Test
  void refusesAnotherThreshold() {
    KeyPackage k = key(dealt, 4);
    KeyPackage twoOf =
        new KeyPackage(
            k.suite(), k.identifier(), k.signingShare(), k.verifyingShare(), k.verifyingKey(), 2);
    assertThat(NodeKeyCommands.importProblem(twoOf, 0, group, 4))
        .hasValueSatisfying(p -> assertThat(p).contains("threshold 2", "group's 3"));
  }

  @Test
  void acceptsTheNextRefreshOfTheRecordedGroup() {
    assertThat(NodeKeyCommands.refreshProblem(group, resplit().publicKeys(), 1, TRANSCRIPT))
        .isEmpty();
  }

  @Test
  void refusesARefreshOfAnotherGroup() {
    TrustedDealer.Output other = TrustedDealer.generate(Ciphersuite.TAPROOT, 4, 3, RANDOM);
    assertThat(NodeKeyCommands.refreshProblem(group, other.publicKeys(), 1, TRANSCRIPT))
        .hasValueSatisfying(p -> assertThat(p).contains("is not this validator's group"));
  }

  @Test
  void refusesARefreshThatIsNotTheNextOne() {
    assertThat(NodeKeyCommands.refreshProblem(group, resplit().publicKeys(), 0, TRANSCRIPT))
        .hasValueSatisfying(p -> assertThat(p).contains("next refresh", "refresh 1"));
    assertThat(NodeKeyCommands.refreshProblem(group, resplit().publicKeys(), 2, TRANSCRIPT))
        .hasValueSatisfying(p -> assertThat(p).contains("is from refresh 2"));
  }

  @Test
  void refusesARefreshOfAnotherTranscript() {
    assertThat(
            NodeKeyCommands.refreshProblem(
                group, resplit().publicKeys(), 1, Hash32.fromHex("01".repeat(32))))
        .hasValueSatisfying(p -> assertThat(p).contains("transcript_hash"));
  }

  @Test
  void refusesARefreshWithOtherParticipantsOrThreshold() {
    TrustedDealer.Output fewer =
        TrustedDealer.split(Ciphersuite.TAPROOT, secret, Identifier.range(3), 3, RANDOM);
    assertThat(NodeKeyCommands.refreshProblem(group, fewer.publicKeys(), 1, TRANSCRIPT))
        .hasValueSatisfying(p -> assertThat(p).contains("participants differ"));
    TrustedDealer.Output twoOf =
        TrustedDealer.split(Ciphersuite.TAPROOT, secret, Identifier.range(4), 2, RANDOM);
    assertThat(NodeKeyCommands.refreshProblem(group, twoOf.publicKeys(), 1, TRANSCRIPT))
        .hasValueSatisfying(p -> assertThat(p).contains("threshold or participants differ"));
  }

  private TrustedDealer.Output resplit() {
    return TrustedDealer.split(Ciphersuite.TAPROOT, secret, Identifier.range(4), 3, RANDOM);
  }

  @Test
  void refusesWhileTheValidatorRuns(@TempDir Path dir) throws Exception {
    Path cookie = Files.writeString(dir.resolve("cookie"), "__cookie__:x");
    Devnet net =
        Devnet.create(
            dir.resolve("net"),
            2,
            2,
            URI.create("http://127.0.0.1:1"),
            cookie,
            "drill-passphrase",
            "0123456789abcdef0123");
    Path config = net.config(1);
    // The config names the passphrase's variable; this JVM's environment has PATH, not that one.
    Files.writeString(
        config, Files.readString(config).replace("\"" + Devnet.PASSPHRASE_ENV + "\"", "\"PATH\""));
    // A running validator holds its state database open (and locked).
    try (StateDatabase running = StateDatabase.open(net.home(1).resolve("state.db"))) {
      assertThat(running.file()).exists();
      Cli.Run r =
          Cli.fails(
              2,
              "node",
              "import-key",
              "--config",
              config.toString(),
              "--key",
              dir.resolve("key.json").toString(),
              "--passphrase-file",
              net.dir.resolve("passphrase").toString());
      assertThat(r.err()).contains("already in use", "stop the validator before importing a key");
    }
  }
}
