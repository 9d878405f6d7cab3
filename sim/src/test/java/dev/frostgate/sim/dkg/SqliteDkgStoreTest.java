package dev.frostgate.sim.dkg;

import static dev.frostgate.testkit.engine.DkgCues.completes;
import static dev.frostgate.testkit.engine.DkgCues.sends;
import static dev.frostgate.testkit.engine.DkgCues.sendsWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgProgress;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgStep;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.node.keystore.EncryptedFileKeyStore;
import dev.frostgate.node.keystore.KdfParameters;
import dev.frostgate.node.storage.SqliteDkgStore;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.storage.StateStore.KeyRecord;
import dev.frostgate.node.storage.StorageException;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DKG simulation on real disks: every validator's progress in its own SQLite state file and its
 * secrets in its own passphrase key store. A crash closes both (and throws the session away); a
 * restart reopens them. One validator crashes after each phase; then whole seeds with random
 * crashes run on this path.
 */
class SqliteDkgStoreTest {
  static final KdfParameters FAST = new KdfParameters(256, 1, 1);
  static final Identifier V1 = Identifier.of(1);
  static final Identifier V2 = Identifier.of(2);
  static final Identifier V3 = Identifier.of(3);
  static final Identifier V5 = Identifier.of(5);

  @TempDir Path dir;

  /** Per validator: state file {@code <home>/<id>/state.db}, key store {@code <home>/<id>/keys}. */
  static final class RealDisks implements DkgDisks {
    final Path home;
    final Map<Identifier, StateDatabase> open = new TreeMap<>();
    final Map<Identifier, EncryptedFileKeyStore> keyStores = new TreeMap<>();
    final Map<Identifier, DkgConfig> configs = new TreeMap<>();
    // Every secret handed to a store, to look for it in the database files afterwards.
    final List<byte[]> secrets = new ArrayList<>();

    RealDisks(Path home) {
      this.home = home;
    }

    Path home(Identifier id) {
      return home.resolve(SqliteDkgStore.id(id));
    }

    EncryptedFileKeyStore keyStore(Identifier id) {
      return new EncryptedFileKeyStore(
          home(id).resolve("keys"), ("pw-" + id).toCharArray(), FAST, new SecureRandom());
    }

    @Override
    public DkgStore open(DkgConfig config) {
      Identifier id = config.me();
      configs.put(id, config);
      StateDatabase db = StateDatabase.open(home(id).resolve("state.db"));
      EncryptedFileKeyStore ks = keyStore(id);
      open.put(id, db);
      keyStores.put(id, ks);
      return new Recording(new SqliteDkgStore(db, ks, config), secrets);
    }

    @Override
    public void crash(Identifier id) {
      open.remove(id).close();
      keyStores.remove(id).close();
    }

    void closeAll() {
      open.values().forEach(StateDatabase::close);
      keyStores.values().forEach(EncryptedFileKeyStore::close);
      open.clear();
      keyStores.clear();
    }
  }

  /** Passes every call on, remembering the secrets it is given. */
  record Recording(SqliteDkgStore real, List<byte[]> secrets) implements DkgStore {
    @Override
    public DkgProgress load() {
      return real.load();
    }

    @Override
    public Optional<SecretPolynomial> round1Polynomial(DkgSessionId s) {
      return real.round1Polynomial(s);
    }

    @Override
    public KeyPackage keyPackage(DkgSessionId s, Point groupKey) {
      return real.keyPackage(s, groupKey);
    }

    @Override
    public void saveRound1(DkgSessionId s, Round1Package pkg, SecretPolynomial f) {
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
        DkgSessionId s, DkgOutput output, Hash32 view, Bip340Signature signature) {
      secrets.add(output.rawKeyPackage().signingShare().toBytes());
      real.saveCertified(s, output, view, signature);
    }

    @Override
    public void saveTestCommitment(DkgSessionId s, SigningCommitments commitment) {
      real.saveTestCommitment(s, commitment);
    }

    @Override
    public void saveResult(DkgResult result) {
      real.saveResult(result);
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  private RealDisks disks;

  private DkgSimulation.Result runWithCrash(
      long seed, Identifier who, Predicate<DkgStep> when, DkgSimulation[] out) {
    disks = new RealDisks(dir);
    DkgSimulation sim =
        DkgSimulation.of(DkgScenario.network(seed, 5, 3, Map.of(), 0, 0, 5), disks)
            .crashAfter(who, when, 200);
    DkgSimulation.Result r = sim.run();
    assertThat(r.violations()).as(r.line()).isEmpty();
    assertThat(sim.incarnation(who)).as("the cued crash happened").isEqualTo(2);
    out[0] = sim;
    return r;
  }

  /** The result on disk of a validator that completed, read back from a fresh open. */
  private void checkStoredResult(DkgSimulation sim, Identifier id) throws IOException {
    DkgResult mine = sim.session(id).result().orElseThrow();
    disks.crash(id);
    try (StateDatabase db = StateDatabase.open(disks.home(id).resolve("state.db"));
        EncryptedFileKeyStore ks = disks.keyStore(id)) {
      KeyRecord meta = db.store().latestKey().orElseThrow();
      assertThat(meta.groupKey().toArray())
          .isEqualTo(mine.rawKeyPackage().verifyingKey().compressed());
      assertThat(meta.thresholdXpub()).isEqualTo(mine.xpub().serialize());
      assertThat(meta.threshold()).isEqualTo(3);
      assertThat(meta.total()).isEqualTo(mine.session().size());
      DkgProgress p = new SqliteDkgStore(db, ks, disks.configs.get(id)).load();
      assertThat(p.completion().orElseThrow().certificate()).isEqualTo(mine.certificate());
      KeyPackage k = ks.load((int) id.smallValue(), mine.rawKeyPackage().verifyingKey());
      assertThat(k.signingShare().sameValue(mine.rawKeyPackage().signingShare())).isTrue();
      try (Stream<Path> files = Files.list(disks.home(id).resolve("keys"))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("no polynomial is kept after completion")
            .noneMatch(f -> f.endsWith(".fgdkg"));
      }
    }
  }

  /** No secret handed to a store appears in any database file (state, WAL). */
  private void noSecretInAnyDatabase() throws IOException {
    disks.closeAll();
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
      assertThat(dumps).as("a secret in a database file").noneMatch(d -> d.contains(hex));
    }
  }

  @Test
  void crashAfterRound1() throws IOException {
    DkgSimulation[] sim = new DkgSimulation[1];
    DkgSimulation.Result r = runWithCrash(11, V3, sends(DkgMessage.Round1.class), sim);
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    checkStoredResult(sim[0], V3);
    noSecretInAnyDatabase();
  }

  @Test
  void crashAfterRound2() throws IOException {
    DkgSimulation[] sim = new DkgSimulation[1];
    DkgSimulation.Result r = runWithCrash(12, V3, sends(DkgMessage.Round2.class), sim);
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    checkStoredResult(sim[0], V3);
    disks.closeAll();
  }

  @Test
  void crashAfterCertifying() throws IOException {
    DkgSimulation[] sim = new DkgSimulation[1];
    DkgSimulation.Result r =
        runWithCrash(13, V5, sends(DkgMessage.CertificateSignature.class), sim);
    assertThat(r.result().orElseThrow().session().participants()).contains(V5);
    checkStoredResult(sim[0], V5);
    noSecretInAnyDatabase();
  }

  @Test
  void crashWithAnUnansweredTestCommitment() throws IOException {
    DkgSimulation[] sim = new DkgSimulation[1];
    DkgSimulation.Result r =
        runWithCrash(
            14, V1, sendsWithout(DkgMessage.TestCommit.class, DkgMessage.TestShare.class), sim);
    assertThat(r.impaired()).containsExactly(V1);
    assertThat(r.result().orElseThrow().session().participants()).doesNotContain(V1);
    assertThat(sim[0].session(V1).isFailed()).isTrue();
    // Its own record says it was excluded, with the votes that did it.
    DkgProgress p = sim[0].store(V1).load();
    assertThat(p.exclusions()).extracting(DkgEvent.Excluded::accused).containsExactly(V1);
    assertThat(p.exclusions().get(0).reason()).isEqualTo(DkgEvent.Reason.TIMEOUT);
    // The others recorded their votes and the exclusion.
    DkgProgress p2 = sim[0].store(V2).load();
    assertThat(p2.votes()).extracting(DkgMessage.TimeoutVote::accused).contains(V1);
    assertThat(p2.exclusions()).hasSize(1);
    checkStoredResult(sim[0], V2);
    disks.closeAll();
  }

  @Test
  void crashAfterCompletion() throws IOException {
    DkgSimulation[] sim = new DkgSimulation[1];
    DkgSimulation.Result r = runWithCrash(15, V2, completes(), sim);
    assertThat(sim[0].session(V2).result().orElseThrow().certificate())
        .isEqualTo(r.result().orElseThrow().certificate());
    checkStoredResult(sim[0], V2);
    disks.closeAll();
  }

  @Test
  void seedsWithRandomCrashesOnRealDisks() throws IOException {
    int ran = 0;
    long crashes = 0;
    for (long seed = 1; ran < 4; seed++) {
      DkgScenario s = DkgScenario.of(seed, 5, 3);
      if (!s.faults().contains(DkgFault.CRASH_RESTART)
          || !s.faults().contains(DkgFault.CRASH_AT_WRITE)) {
        continue;
      }
      disks = new RealDisks(dir.resolve("seed-" + seed));
      DkgSimulation.Result r = DkgSimulation.of(s, disks).run();
      assertThat(r.violations()).as(r.line()).isEmpty();
      crashes += r.crashes();
      disks.closeAll();
      ran++;
    }
    assertThat(crashes).as("crashes on the real path").isPositive();
  }

  @Test
  void corruptRowsAreReportedWithFileTableRowAndColumn() throws Exception {
    DkgSimulation[] sim = new DkgSimulation[1];
    runWithCrash(16, V1, sends(DkgMessage.Round1.class), sim);
    disks.closeAll();
    Path file = disks.home(V3).resolve("state.db");
    DkgConfig config = disks.configs.get(V3);
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
                "UPDATE dkg_sessions SET participants = '1,2,3,4,9'",
                "participants",
                "not a configured validator"),
            new Case(
                "UPDATE dkg_sessions SET certificate_signature = NULL",
                "transcript_hash",
                "set together"),
            new Case(
                "UPDATE dkg_sessions SET transcript_hash = x'00'", "transcript_hash", "32 bytes"),
            new Case("UPDATE dkg_sessions SET round1_view = x'00'", "round1_view", "32 bytes"),
            new Case(
                "UPDATE dkg_sessions SET public_key_package = x'4647'",
                "public_key_package",
                "PublicKeyPackage"));
    // Closed cleanly, so the file alone holds the state.
    byte[] good = Files.readAllBytes(file);
    for (Case c : cases) {
      try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = conn.createStatement()) {
        s.execute(c.sql());
      }
      try (StateDatabase db = StateDatabase.open(file);
          EncryptedFileKeyStore ks = disks.keyStore(V3)) {
        assertThatThrownBy(() -> new SqliteDkgStore(db, ks, config).load())
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
    try (StateDatabase db = StateDatabase.open(file);
        EncryptedFileKeyStore ks = disks.keyStore(V3)) {
      assertThat(new SqliteDkgStore(db, ks, config).load().completion()).isPresent();
    }
  }

  @Test
  void refusesASecondRound1PackageOrCertificate() {
    DkgSimulation[] sim = new DkgSimulation[1];
    runWithCrash(17, V1, sends(DkgMessage.Round1.class), sim);
    disks.closeAll();
    DkgConfig config = disks.configs.get(V3);
    try (StateDatabase db = StateDatabase.open(disks.home(V3).resolve("state.db"));
        EncryptedFileKeyStore ks = disks.keyStore(V3)) {
      SqliteDkgStore store = new SqliteDkgStore(db, ks, config);
      DkgProgress.SessionProgress s = store.load().sessions().get(0);
      SecureRandom r = new SecureRandom();
      SecretPolynomial other = SecretPolynomial.random(SecretScalar.random(r), 3, r);
      Round1Package otherPkg = Dkg.part1FromPolynomial(config.suite(), V3, 5, other, r).broadcast();
      assertThatThrownBy(() -> store.saveRound1(s.session(), otherPkg, other))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("refusing a second, different round-1 package");
      // The same package again is fine (a retry after a crash between the two writes).
      store.saveRound1(s.session(), s.round1(), other);
      DkgResult mine = sim[0].session(V3).result().orElseThrow();
      DkgOutput different =
          new DkgOutput(mine.rawKeyPackage(), mine.rawPublicKeyPackage(), Hash32.of(new byte[32]));
      assertThatThrownBy(
              () ->
                  store.saveCertified(
                      s.session(),
                      different,
                      Hash32.of(new byte[32]),
                      Bip340Signature.of(new byte[64])))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("refusing a second, different certificate");
    }
  }
}
