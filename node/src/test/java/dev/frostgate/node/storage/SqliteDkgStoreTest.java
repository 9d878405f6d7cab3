package dev.frostgate.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.node.engine.dkg.DkgConfig;
import dev.frostgate.node.engine.dkg.DkgEvent;
import dev.frostgate.node.engine.dkg.DkgMessage;
import dev.frostgate.node.engine.dkg.DkgProgress;
import dev.frostgate.node.engine.dkg.DkgResult;
import dev.frostgate.node.engine.dkg.DkgStep;
import dev.frostgate.node.engine.dkg.DkgStore;
import dev.frostgate.node.engine.dkg.RestartNet;
import dev.frostgate.node.engine.dkg.SessionId;
import dev.frostgate.node.keystore.EncryptedFileKeyStore;
import dev.frostgate.node.keystore.KdfParameters;
import dev.frostgate.node.storage.StateStore.KeyMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DKG on real disks: every validator's progress in its own SQLite state file and its secrets in
 * its own passphrase key store; one validator crashes (database and key store closed, session
 * thrown away) after each phase and restarts by reopening them.
 */
class SqliteDkgStoreTest {
  static final KdfParameters FAST = new KdfParameters(256, 1, 1);
  static final Identifier V1 = Identifier.of(1);
  static final Identifier V2 = Identifier.of(2);
  static final Identifier V3 = Identifier.of(3);
  static final Identifier V5 = Identifier.of(5);

  @TempDir Path dir;

  /** Per validator: state file {@code <dir>/<id>/state.db}, key store {@code <dir>/<id>/keys}. */
  final class RealDisks implements RestartNet.Disks {
    final Map<Identifier, StateDatabase> open = new TreeMap<>();
    final Map<Identifier, EncryptedFileKeyStore> keyStores = new TreeMap<>();
    // Every secret handed to a store, to look for it on disk later.
    final List<byte[]> secrets = new ArrayList<>();

    Path home(Identifier id) {
      return dir.resolve(SqliteDkgStore.id(id));
    }

    @Override
    public DkgStore open(DkgConfig config) {
      Identifier id = config.me();
      StateDatabase db = StateDatabase.open(home(id).resolve("state.db"));
      EncryptedFileKeyStore ks =
          new EncryptedFileKeyStore(
              home(id).resolve("keys"), ("pw-" + id).toCharArray(), FAST, new SecureRandom());
      open.put(id, db);
      keyStores.put(id, ks);
      SqliteDkgStore real = new SqliteDkgStore(db, ks, config);
      return new Recording(real, secrets);
    }

    @Override
    public void crash(Identifier id) {
      open.remove(id).close();
      keyStores.remove(id).close();
    }

    void closeAll() {
      open.values().forEach(StateDatabase::close);
      keyStores.values().forEach(EncryptedFileKeyStore::close);
    }
  }

  /** Passes every call on, remembering the secrets it is given. */
  record Recording(SqliteDkgStore real, List<byte[]> secrets) implements DkgStore {
    @Override
    public DkgProgress load() {
      return real.load();
    }

    @Override
    public java.util.Optional<SecretPolynomial> round1Polynomial(SessionId s) {
      return real.round1Polynomial(s);
    }

    @Override
    public KeyPackage keyPackage(SessionId s, dev.frostgate.crypto.ec.Point groupKey) {
      return real.keyPackage(s, groupKey);
    }

    @Override
    public void saveRound1(SessionId s, Round1Package pkg, SecretPolynomial f) {
      f.coefficients().forEach(c -> secrets.add(c.toBytes()));
      real.saveRound1(s, pkg, f);
    }

    @Override
    public void saveVote(DkgMessage.TimeoutVote vote) {
      real.saveVote(vote);
    }

    @Override
    public void saveExclusion(DkgEvent.Excluded exclusion) {
      real.saveExclusion(exclusion);
    }

    @Override
    public void saveCertified(
        SessionId s, dev.frostgate.crypto.frost.dkg.DkgOutput output, byte[] signature) {
      secrets.add(output.rawKeyPackage().signingShare().toBytes());
      real.saveCertified(s, output, signature);
    }

    @Override
    public void saveTestCommitment(
        SessionId s, dev.frostgate.crypto.frost.SigningCommitments commitment) {
      real.saveTestCommitment(s, commitment);
    }

    @Override
    public void saveResult(DkgResult result) {
      real.saveResult(result);
    }
  }

  private RealDisks disks;

  private RestartNet run(long seed, Identifier who, Predicate<DkgStep> when) {
    disks = new RealDisks();
    RestartNet net = new RestartNet(seed, 5, 3, disks);
    net.crashAfter(who, when, 200);
    net.run(100_000);
    assertThat(net.crashedAt).as("the crash happened").containsKey(who);
    assertThat(net.incarnation.get(who)).isEqualTo(2);
    return net;
  }

  /** The result on disk of a validator that completed, read back from a fresh open. */
  private void checkStoredResult(RestartNet net, Identifier id, DkgResult r) throws IOException {
    KeyPackage own = net.node(id).result().orElseThrow().rawKeyPackage();
    disks.crash(id);
    try (StateDatabase db = StateDatabase.open(disks.home(id).resolve("state.db"));
        EncryptedFileKeyStore ks =
            new EncryptedFileKeyStore(
                disks.home(id).resolve("keys"),
                ("pw-" + id).toCharArray(),
                FAST,
                new SecureRandom())) {
      KeyMetadata meta = db.store().latestKey().orElseThrow();
      assertThat(meta.groupKey().toArray())
          .isEqualTo(r.rawKeyPackage().verifyingKey().compressed());
      assertThat(meta.thresholdXpub()).isEqualTo(r.xpub().serialize());
      assertThat(meta.threshold()).isEqualTo(3);
      assertThat(meta.total()).isEqualTo(r.session().size());
      SqliteDkgStore store = new SqliteDkgStore(db, ks, net.config(id));
      DkgProgress p = store.load();
      assertThat(p.completion().orElseThrow().certificate()).isEqualTo(r.certificate());
      KeyPackage k = ks.load((int) id.smallValue(), r.rawKeyPackage().verifyingKey());
      assertThat(k.signingShare().sameValue(own.signingShare())).isTrue();
      try (Stream<Path> files = Files.list(disks.home(id).resolve("keys"))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("no polynomial is kept after completion")
            .noneMatch(f -> f.endsWith(".fgdkg"));
      }
    }
  }

  /** No secret handed to a store appears in any database file (state, WAL, shm). */
  private void noSecretInAnyDatabase() throws IOException {
    assertThat(disks.secrets).isNotEmpty();
    List<String> dumps = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().contains("state.db")).toList()) {
        dumps.add(HexFormat.of().formatHex(Files.readAllBytes(f)));
      }
    }
    assertThat(dumps).hasSizeGreaterThanOrEqualTo(5);
    for (byte[] s : disks.secrets) {
      String hex = HexFormat.of().formatHex(s);
      for (String d : dumps) {
        assertThat(d.contains(hex)).as("a secret in a database file").isFalse();
      }
    }
  }

  @Test
  void crashAfterRound1() throws IOException {
    RestartNet net = run(11, V3, RestartNet.sends(DkgMessage.Round1.class));
    DkgResult r = net.check(Set.of());
    assertThat(r.session().participants()).hasSize(5);
    checkStoredResult(net, V3, r);
    disks.closeAll();
    noSecretInAnyDatabase();
  }

  @Test
  void crashAfterRound2() throws IOException {
    RestartNet net = run(12, V3, RestartNet.sends(DkgMessage.Round2.class));
    DkgResult r = net.check(Set.of());
    assertThat(r.session().participants()).hasSize(5);
    checkStoredResult(net, V1, r);
    disks.closeAll();
  }

  @Test
  void crashAfterCertifying() throws IOException {
    RestartNet net = run(13, V5, RestartNet.sends(DkgMessage.CertificateSignature.class));
    DkgResult r = net.check(Set.of());
    assertThat(r.session().participants()).contains(V5);
    checkStoredResult(net, V5, r);
    disks.closeAll();
    noSecretInAnyDatabase();
  }

  @Test
  void crashWithAnUnansweredTestCommitment() throws IOException {
    RestartNet net =
        run(
            14,
            V1,
            step ->
                RestartNet.sends(DkgMessage.TestCommit.class).test(step)
                    && !RestartNet.sends(DkgMessage.TestShare.class).test(step));
    DkgResult r = net.check(Set.of(V1));
    assertThat(r.session().participants()).doesNotContain(V1);
    assertThat(net.node(V1).isFailed()).isTrue();
    // Its own record says it was excluded, with the votes that did it.
    DkgProgress p = net.stores.get(V1).load();
    assertThat(p.exclusions()).extracting(DkgEvent.Excluded::accused).containsExactly(V1);
    assertThat(p.exclusions().get(0).reason()).isEqualTo(DkgEvent.Reason.TIMEOUT);
    // The others recorded their votes and the exclusion; a restart of one of them resumes there.
    DkgProgress p2 = net.stores.get(V2).load();
    assertThat(p2.votes()).extracting(DkgMessage.TimeoutVote::accused).contains(V1);
    assertThat(p2.exclusions()).hasSize(1);
    checkStoredResult(net, V2, r);
    disks.closeAll();
  }

  @Test
  void crashAfterCompletion() throws IOException {
    RestartNet net =
        run(15, V2, step -> step.events().stream().anyMatch(e -> e instanceof DkgEvent.Completed));
    DkgResult r = net.check(Set.of());
    assertThat(net.node(V2).result().orElseThrow().certificate()).isEqualTo(r.certificate());
    assertThat(
            net.sentBy(V2, DkgMessage.Round1.class).stream()
                .map(s -> s.message().session())
                .distinct())
        .hasSize(1);
    checkStoredResult(net, V2, r);
    disks.closeAll();
  }

  @Test
  void corruptRowsAreReportedWithFileTableRowAndColumn() throws Exception {
    disks = new RealDisks();
    RestartNet net = new RestartNet(16, 5, 3, disks);
    net.ids().forEach(net::start); // round 1 saved everywhere
    Path file = disks.home(V3).resolve("state.db");
    net.crash(V3);
    record Case(String sql, String column, String problem) {}
    List<Case> cases =
        List.of(
            new Case("UPDATE dkg_sessions SET round1_proof = x'0102'", "round1_proof", "64 bytes"),
            new Case(
                "UPDATE dkg_sessions SET participants = '1,2,3,5,4'", "participants", "ascending"),
            new Case(
                "UPDATE dkg_sessions SET participants = '1,2,3,4'",
                "session_hash",
                "does not match"),
            new Case(
                "UPDATE dkg_sessions SET transcript_hash = x'00'", "transcript_hash", "together"));
    // Closed cleanly (the crash closed the database), so the file alone holds the state.
    byte[] good = Files.readAllBytes(file);
    for (Case c : cases) {
      try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = conn.createStatement()) {
        s.execute(c.sql());
      }
      try (StateDatabase db = StateDatabase.open(file);
          EncryptedFileKeyStore ks =
              new EncryptedFileKeyStore(
                  disks.home(V3).resolve("keys"), "pw-3".toCharArray(), FAST, new SecureRandom())) {
        assertThatThrownBy(() -> new SqliteDkgStore(db, ks, net.config(V3)).load())
            .as(c.sql())
            .isInstanceOf(StorageException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("table dkg_sessions, row session_hash=")
            .hasMessageContaining("column " + c.column())
            .hasMessageContaining(c.problem());
      }
      Files.write(file, good);
      Files.deleteIfExists(Path.of(file + "-wal"));
      Files.deleteIfExists(Path.of(file + "-shm"));
    }
    // The good state still loads.
    try (StateDatabase db = StateDatabase.open(file);
        EncryptedFileKeyStore ks =
            new EncryptedFileKeyStore(
                disks.home(V3).resolve("keys"), "pw-3".toCharArray(), FAST, new SecureRandom())) {
      assertThat(new SqliteDkgStore(db, ks, net.config(V3)).load().sessions()).hasSize(1);
    }
    disks.closeAll();
  }

  @Test
  void refusesASecondRound1PackageOrCertificate() {
    disks = new RealDisks();
    RestartNet net = new RestartNet(17, 5, 3, disks);
    net.ids().forEach(net::start);
    SessionId first = new SessionId("restart-17", net.ids());
    SecureRandom r = new SecureRandom();
    SecretPolynomial other = SecretPolynomial.random(SecretScalar.random(r), 3, r);
    Round1Package otherPkg =
        dev.frostgate.crypto.frost.dkg.Dkg.part1FromPolynomial(
                net.config(V3).suite(), V3, 5, other, r)
            .broadcast();
    assertThatThrownBy(() -> net.stores.get(V3).saveRound1(first, otherPkg, other))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("refusing a second, different round-1 package");
    disks.closeAll();
  }
}
