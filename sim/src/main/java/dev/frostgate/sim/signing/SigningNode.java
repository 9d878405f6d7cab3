package dev.frostgate.sim.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.sim.core.SeedStreams;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.WriteCrash;
import dev.frostgate.sim.core.WriteCrash.SimCrash;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import dev.frostgate.testkit.engine.DealtGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One validator of the signing simulation: its engine (memory, lost on a crash) and its state file,
 * a real SQLite database ({@link SqliteJournal} on {@link StateDatabase}, WAL, {@code
 * synchronous=FULL}) in the run's temporary directory. A crash closes the file without anything
 * else; a restart opens it again, which voids every journal row of earlier boots, exactly as a
 * restarted node does.
 */
final class SigningNode implements SqliteJournal.WritePoints {
  /**
   * What every node of a run shares: the seed, the clock (also the state files' clock, so a seed's
   * databases are deterministic too), the dealt keys, the requests and the chain, and the tally of
   * crashes per journal write point.
   */
  record World(
      long seed,
      SimClock clock,
      DealtGroup group,
      SigningRequests requests,
      Map<String, Long> journalCrashes,
      Optional<LifecycleConfig> lifecycle) {}

  final Identifier id;
  final Path file;
  final SigningFault byzantine;
  private final World world;
  StateDatabase db;
  SqliteJournal journal;

  /**
   * Armed to crash inside the transaction just before its commit (SQLite rolls the writes back) or
   * just after the commit (durable, nothing made or sent), of whichever write the node makes first:
   * a batch of shares or a completion.
   */
  final WriteCrash writeCrash = new WriteCrash();

  SigningEngine validator;
  int incarnation;
  boolean up;
  boolean dead;

  SigningNode(Identifier id, SigningFault byzantine, Path dir, World world) {
    this.id = id;
    this.byzantine = byzantine;
    this.world = world;
    this.file = dir.resolve("validator-" + id.smallValue() + ".db");
  }

  @Override
  public void beforeCommit(SqliteJournal.Write write) {
    crashIfArmed(WriteCrash.Point.BEFORE, write);
  }

  @Override
  public void afterCommit(SqliteJournal.Write write) {
    crashIfArmed(WriteCrash.Point.AFTER, write);
  }

  private void crashIfArmed(WriteCrash.Point point, SqliteJournal.Write write) {
    if (writeCrash.firesAt(point)) {
      world
          .journalCrashes()
          .merge(
              write.name().toLowerCase(Locale.ROOT) + "-" + point.name().toLowerCase(Locale.ROOT),
              1L,
              Long::sum);
      throw new SimCrash();
    }
  }

  /** Opens the state file (a restart: voids the journal rows of earlier boots). */
  SqliteJournal openJournal() {
    if (db == null) {
      if (!Files.exists(file)) {
        StateFiles.copyTemplate(file);
      }
      db = StateDatabase.open(file, world.clock());
      journal = new SqliteJournal(db, SigningSimulation.FEE_CAP, this);
    }
    return journal;
  }

  void closeJournal() {
    if (db != null) {
      db.close();
      db = null;
      journal = null;
    }
  }

  boolean honest() {
    return byzantine == null;
  }

  /** A new process: a fresh engine with its own random stream, on the reopened state file. */
  void start() {
    incarnation++;
    SeededSecureRandom rng = SeedStreams.node(world.seed(), id, incarnation);
    Ports ports =
        new Ports(
            world.clock(),
            () -> rng,
            openJournal(),
            world.requests().source(),
            world.requests().chain());
    validator =
        new SigningEngine(
            new SigningConfig(
                id,
                world.group().rawKeys().get(id),
                world.group().group(),
                SigningSimulation.POLICY,
                SigningSimulation.LEADER_TIMEOUT,
                SigningSimulation.RETRANSMIT,
                world.lifecycle()),
            ports);
    up = true;
  }

  /** The process dies: its engine is gone, the state file closed as it was. */
  void crash() {
    validator = null;
    up = false;
    writeCrash.disarm();
    closeJournal();
  }
}
