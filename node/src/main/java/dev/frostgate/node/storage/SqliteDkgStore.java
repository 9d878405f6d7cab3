package dev.frostgate.node.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.ProofOfKnowledge;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgProgress;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.engine.wire.Decoded;
import dev.frostgate.engine.wire.DkgMessages;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.node.keystore.KeyMetadata;
import dev.frostgate.node.keystore.KeyStore;
import dev.frostgate.node.keystore.KeyStoreException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@link DkgStore} of a validator: public progress in the SQLite state (tables {@code
 * dkg_sessions}, {@code dkg_votes}, {@code dkg_exclusions}, {@code dkg_results} and {@code
 * key_metadata}, migration V2), the round-1 polynomials and the key package through the {@link
 * KeyStore} (encrypted file or PKCS#11). Secrets never reach the database.
 *
 * <p>Write order: a secret goes to the key store first (fsync, atomic rename), then the row that
 * refers to it is committed (synchronous=FULL). A crash in between leaves a key-store file without
 * its row, which is harmless: with no row, nothing of it was sent, and the next attempt overwrites
 * the file. Like the in-memory store, this one refuses a second, different round-1 package or
 * certificate for a session, whatever the caller does.
 *
 * <p>Every value read back is checked (lengths, encodings, that a session row's hash matches its
 * ceremony and participants); a bad one is a {@link StorageException} naming the file, table, row
 * and column.
 *
 * <p>The {@code proof} column of {@code dkg_exclusions} is: count (2), then per proof message its
 * length (4) and its unsigned wire envelope ({@link DkgMessages}: a complaint, timeout votes or an
 * equivocation); session and accused are the row's.
 */
public final class SqliteDkgStore implements DkgStore {
  private static final int ID = 32;
  private static final int SIG = 64;

  private final StateDatabase db;
  private final KeyStore keys;
  private final DkgConfig config;
  private final int validatorId;

  /** Told of every failed read of a key-store secret (a key access anomaly), before it throws. */
  private final Consumer<KeyStoreException.Reason> keyReadFailed;

  /**
   * @param config the DKG's configuration: ceremony, this validator (a small identifier, the
   *     validator id of the key store), ciphersuite, network and threshold
   */
  public SqliteDkgStore(StateDatabase db, KeyStore keys, DkgConfig config) {
    this(db, keys, config, reason -> {});
  }

  /**
   * As {@link #SqliteDkgStore(StateDatabase, KeyStore, DkgConfig)}, telling {@code keyReadFailed}
   * why each read of the key package or a round-1 polynomial failed (the runtime counts them).
   */
  public SqliteDkgStore(
      StateDatabase db,
      KeyStore keys,
      DkgConfig config,
      Consumer<KeyStoreException.Reason> keyReadFailed) {
    this.keyReadFailed = Objects.requireNonNull(keyReadFailed, "keyReadFailed");
    this.db = Objects.requireNonNull(db, "db");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.config = Objects.requireNonNull(config, "config");
    long id = config.me().smallValue();
    if (id < 1 || id > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "the key store needs a validator id 1.." + Integer.MAX_VALUE + ", got " + config.me());
    }
    this.validatorId = (int) id;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public DkgProgress load() {
    return db.inTransaction(
        c -> {
          List<DkgProgress.SessionProgress> sessions = sessions(c);
          return new DkgProgress(exclusions(c), votes(c), sessions, completion(c, sessions));
        });
  }

  @Override
  public Optional<SecretPolynomial> round1Polynomial(DkgSessionId session) {
    try {
      return keys.loadDkgPolynomial(validatorId, config.suite(), session.hash());
    } catch (KeyStoreException e) {
      keyReadFailed.accept(e.reason());
      throw e;
    }
  }

  /**
   * The key package of the group key the state database recorded: a file that holds another group's
   * share, another validator's, or fails to decrypt is refused by the key store (and reported to
   * {@code keyReadFailed}).
   */
  @Override
  public KeyPackage keyPackage(DkgSessionId session, Point groupKey) {
    try {
      return keys.load(validatorId, groupKey, config.suite());
    } catch (KeyStoreException e) {
      keyReadFailed.accept(e.reason());
      throw e;
    }
  }

  private List<DkgProgress.SessionProgress> sessions(Connection c) throws SQLException {
    List<DkgProgress.SessionProgress> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT session_hash, participants, round1_commitment, round1_proof, transcript_hash,"
                + " public_key_package, certificate_signature, test_commitment, round1_view"
                + " FROM dkg_sessions"
                + " WHERE ceremony = ? ORDER BY created_at, rowid")) {
      ps.setString(1, config.ceremony());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] hash = rs.getBytes(1);
          Field f = new Field("dkg_sessions", "session_hash=" + hex(hash));
          DkgSessionId sid =
              new DkgSessionId(config.ceremony(), f.ids("participants", rs.getString(2)));
          if (!Arrays.equals(sid.hash(), hash)) {
            throw f.fail("session_hash", "does not match the ceremony and participants");
          }
          VssCommitment commitment =
              f.decode("round1_commitment", rs.getBytes(3), FrostCodec::decodeVssCommitment);
          ProofOfKnowledge proof =
              f.decode(
                  "round1_proof",
                  rs.getBytes(4),
                  b -> ProofOfKnowledge.deserialize(config.suite(), b));
          if (!proof.verify(config.suite(), config.me(), commitment.constant())) {
            throw f.fail("round1_proof", "does not prove knowledge of the committed constant");
          }
          Round1Package pkg = new Round1Package(config.me(), commitment, proof);
          byte[] transcript = rs.getBytes(5);
          byte[] pkp = rs.getBytes(6);
          byte[] sig = rs.getBytes(7);
          byte[] view = rs.getBytes(9);
          Optional<DkgProgress.Certified> certified = Optional.empty();
          if (transcript != null || pkp != null || sig != null || view != null) {
            if (transcript == null || pkp == null || sig == null || view == null) {
              throw f.fail(
                  "transcript_hash",
                  "transcript_hash, public_key_package, certificate_signature and round1_view are"
                      + " set together");
            }
            certified =
                Optional.of(
                    new DkgProgress.Certified(
                        Hash32.of(f.length("transcript_hash", transcript, 32)),
                        refreshed(
                            c,
                            f.decode(
                                "public_key_package", pkp, FrostCodec::decodePublicKeyPackage)),
                        Hash32.of(f.length("round1_view", view, 32)),
                        Bip340Signature.of(f.length("certificate_signature", sig, SIG))));
          }
          byte[] commit = rs.getBytes(8);
          Optional<SigningCommitments> test =
              commit == null
                  ? Optional.empty()
                  : Optional.of(
                      f.decode("test_commitment", commit, FrostCodec::decodeSigningCommitments));
          if (test.isPresent() && !test.get().identifier().equals(config.me())) {
            throw f.fail("test_commitment", "is not this validator's");
          }
          out.add(new DkgProgress.SessionProgress(sid, pkg, certified, test));
        }
      }
    }
    return out;
  }

  /**
   * The public key package to sign with: the latest refresh this validator adopted ({@code
   * key_refreshes}, written by {@code frostgate node import-key}) of the DKG's package, or the
   * DKG's own. A refresh keeps the group key, threshold and participants; only the verifying shares
   * change, and the stored key package is checked against them at startup.
   */
  private PublicKeyPackage refreshed(Connection c, PublicKeyPackage dkg) throws SQLException {
    Optional<GroupRecord.Refresh> latest = GroupRecord.latestRefresh(c, dkg.verifyingKey());
    if (latest.isEmpty()) {
      return dkg;
    }
    Field f = new Field("key_refreshes", "epoch=" + latest.get().epoch());
    PublicKeyPackage r =
        f.decode(
            "public_key_package",
            latest.get().publicKeyPackage(),
            FrostCodec::decodePublicKeyPackage);
    if (!r.verifyingKey().equals(dkg.verifyingKey())
        || r.minSigners() != dkg.minSigners()
        || !r.verifyingShares().keySet().equals(dkg.verifyingShares().keySet())) {
      throw f.fail(
          "public_key_package",
          "is not a refresh of the DKG's (group key, threshold or participants differ)");
    }
    return r;
  }

  private List<DkgMessage.TimeoutVote> votes(Connection c) throws SQLException {
    List<DkgMessage.TimeoutVote> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT participants, accused, signature FROM dkg_votes WHERE ceremony = ?"
                + " ORDER BY rowid")) {
      ps.setString(1, config.ceremony());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Field f = new Field("dkg_votes", "participants=" + rs.getString(1));
          DkgSessionId sid =
              new DkgSessionId(config.ceremony(), f.ids("participants", rs.getString(1)));
          Identifier accused = f.id("accused", rs.getString(2));
          out.add(
              new DkgMessage.TimeoutVote(
                  sid,
                  config.me(),
                  accused,
                  Bip340Signature.of(f.length("signature", rs.getBytes(3), SIG))));
        }
      }
    }
    return out;
  }

  private List<DkgEvent.Excluded> exclusions(Connection c) throws SQLException {
    List<DkgEvent.Excluded> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, accused, reason, participants, proof FROM dkg_exclusions"
                + " WHERE ceremony = ? ORDER BY seq")) {
      ps.setString(1, config.ceremony());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Field f = new Field("dkg_exclusions", "seq=" + rs.getLong(1));
          Identifier accused = f.id("accused", rs.getString(2));
          DkgEvent.Reason reason;
          try {
            reason = DkgEvent.Reason.valueOf(rs.getString(3));
          } catch (IllegalArgumentException | NullPointerException e) {
            throw f.fail("reason", "unknown reason '" + rs.getString(3) + "'");
          }
          DkgSessionId sid =
              new DkgSessionId(config.ceremony(), f.ids("participants", rs.getString(4)));
          out.add(
              new DkgEvent.Excluded(sid, accused, reason, proof(f, sid, accused, rs.getBytes(5))));
        }
      }
    }
    return out;
  }

  private Optional<DkgProgress.Completion> completion(
      Connection c, List<DkgProgress.SessionProgress> sessions) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.session_hash, r.transcript_hash, r.certificate, r.test_signature,"
                + " k.group_key FROM dkg_results r JOIN key_metadata k ON k.epoch = r.epoch"
                + " WHERE r.ceremony = ?")) {
      ps.setString(1, config.ceremony());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Field f = new Field("dkg_results", "ceremony=" + config.ceremony());
        byte[] hash = rs.getBytes(1);
        DkgSessionId sid =
            sessions.stream()
                .map(DkgProgress.SessionProgress::session)
                .filter(s -> Arrays.equals(s.hash(), hash))
                .findFirst()
                .orElseThrow(() -> f.fail("session_hash", "names no session of this ceremony"));
        Hash32 transcript = Hash32.of(f.length("transcript_hash", rs.getBytes(2), 32));
        Point groupKey =
            new Field("key_metadata", "of " + f.row)
                .decode("group_key", rs.getBytes(5), Point::decode);
        SortedMap<Identifier, Bip340Signature> sigs = new TreeMap<>();
        Reader r = new Reader(f, "certificate", rs.getBytes(3));
        int count = r.u16();
        for (int i = 0; i < count; i++) {
          Identifier id = r.id();
          if (sigs.put(id, Bip340Signature.of(r.bytes(SIG))) != null) {
            throw f.fail("certificate", "signer " + id + " appears twice");
          }
        }
        r.end();
        Signature test = f.decode("test_signature", rs.getBytes(4), FrostCodec::decodeSignature);
        return Optional.of(
            new DkgProgress.Completion(sid, new DkgCertificate(transcript, groupKey, sigs), test));
      }
    }
  }

  private List<DkgMessage> proof(Field f, DkgSessionId sid, Identifier accused, byte[] blob) {
    Reader r = new Reader(f, "proof", blob);
    int count = r.u16();
    if (count == 0) {
      throw f.fail("proof", "is empty");
    }
    List<DkgMessage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = r.u16() << 16 | r.u16();
      Envelope e;
      try {
        e = Envelope.parseFrom(r.bytes(length));
      } catch (InvalidProtocolBufferException ex) {
        throw f.fail("proof", "message " + i + " is not a protobuf envelope");
      }
      switch (DkgMessages.decode(e)) {
        case Decoded.Rejected<DkgMessage> bad ->
            throw f.fail("proof", "message " + i + ": " + bad.reason() + ", " + bad.detail());
        case Decoded.Accepted<DkgMessage> ok -> {
          DkgMessage m = ok.value();
          if (!(m instanceof DkgMessage.Complaint
                  || m instanceof DkgMessage.TimeoutVote
                  || m instanceof DkgMessage.Equivocation)
              || !m.session().equals(sid)) {
            throw f.fail("proof", "message " + i + " is not a proof about session " + sid);
          }
          out.add(m);
        }
      }
    }
    r.end();
    return out;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void saveRound1(DkgSessionId session, Round1Package pkg, SecretPolynomial polynomial) {
    Optional<DkgProgress.SessionProgress> old =
        db.inTransaction(c -> sessions(c)).stream()
            .filter(s -> s.session().equals(session))
            .findFirst();
    if (old.isPresent()) {
      if (!old.get().round1().equals(pkg)) {
        throw new StorageException(
            db.file() + ": refusing a second, different round-1 package for " + session);
      }
      return;
    }
    long now = db.clock().millis();
    keys.storeDkgPolynomial(
        validatorId, config.suite(), session.hash(), polynomial, Instant.ofEpochMilli(now));
    db.inTransaction(
        c ->
            update(
                c,
                "INSERT INTO dkg_sessions (session_hash, ceremony, participants, round1_commitment,"
                    + " round1_proof, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                session.hash(),
                config.ceremony(),
                ids(session.participants()),
                FrostCodec.encode(pkg.commitment()),
                pkg.proof().serialize(config.suite()),
                now,
                now));
  }

  @Override
  public void saveVote(DkgMessage.TimeoutVote vote) {
    if (!vote.voter().equals(config.me())) {
      throw new IllegalArgumentException("only this validator's own votes are saved");
    }
    db.inTransaction(
        c ->
            update(
                c,
                "INSERT INTO dkg_votes VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                config.ceremony(),
                ids(vote.session().participants()),
                id(vote.accused()),
                vote.signature().bytes(),
                db.clock().millis()));
  }

  @Override
  public void saveExclusion(DkgEvent.Excluded x) {
    byte[] proof = encodeProof(x);
    db.inTransaction(
        c ->
            update(
                c,
                "INSERT INTO dkg_exclusions SELECT ?, COALESCE(MAX(seq) + 1, 0), ?, ?, ?, ?, ?"
                    + " FROM dkg_exclusions WHERE ceremony = ? ON CONFLICT DO NOTHING",
                config.ceremony(),
                id(x.accused()),
                x.reason().name(),
                ids(x.session().participants()),
                proof,
                db.clock().millis(),
                config.ceremony()));
  }

  /**
   * The proof messages (complaint, timeout votes or equivocation) in their wire encoding ({@link
   * DkgMessages}), so every kind of proof the engine has is stored, and read back through the same
   * strict decoder as from the network. Forwardable proofs may be relayed by anyone, so the
   * envelope names this validator; it is not signed (each proof carries its own signatures).
   */
  private byte[] encodeProof(DkgEvent.Excluded x) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(x.proof().size() >>> 8);
    b.write(x.proof().size());
    for (DkgMessage m : x.proof()) {
      byte[] e = DkgMessages.envelope(m, validatorId, 0, 0).toByteArray();
      b.write(e.length >>> 24);
      b.write(e.length >>> 16);
      b.write(e.length >>> 8);
      b.write(e.length);
      b.writeBytes(e);
    }
    return b.toByteArray();
  }

  @Override
  public void saveCertified(
      DkgSessionId session, DkgOutput output, Hash32 view, Bip340Signature signature) {
    DkgProgress.SessionProgress s = sessionOrFail(session);
    if (s.certified().isPresent()) {
      DkgProgress.Certified old = s.certified().get();
      if (!old.transcriptHash().equals(output.transcriptHash())
          || !old.groupKey().equals(output.rawKeyPackage().verifyingKey())) {
        throw new StorageException(
            db.file() + ": refusing a second, different certificate for " + session);
      }
      return;
    }
    long now = db.clock().millis();
    // The key package first: the row below is what says this session was certified.
    keys.store(output.rawKeyPackage(), new KeyMetadata(validatorId, Instant.ofEpochMilli(now)));
    db.inTransaction(
        c ->
            update(
                c,
                "UPDATE dkg_sessions SET transcript_hash = ?, public_key_package = ?,"
                    + " certificate_signature = ?, round1_view = ?, updated_at = ?"
                    + " WHERE session_hash = ? AND transcript_hash IS NULL",
                output.transcriptHash().bytes(),
                FrostCodec.encode(output.rawPublicKeyPackage()),
                signature.bytes(),
                view.bytes(),
                now,
                session.hash()));
  }

  @Override
  public void saveTestCommitment(DkgSessionId session, SigningCommitments commitment) {
    int n =
        db.inTransaction(
            c ->
                updateCount(
                    c,
                    "UPDATE dkg_sessions SET test_commitment = ?, updated_at = ?"
                        + " WHERE session_hash = ? AND test_commitment IS NULL",
                    FrostCodec.encode(commitment),
                    db.clock().millis(),
                    session.hash()));
    if (n != 1) {
      throw new StorageException(
          db.file() + ": no session " + session + " without a test commitment to record it in");
    }
  }

  @Override
  public void saveResult(DkgResult r) {
    long now = db.clock().millis();
    Point groupKey = r.rawKeyPackage().verifyingKey();
    if (!keys.exists(validatorId, groupKey)) {
      keys.store(r.rawKeyPackage(), new KeyMetadata(validatorId, Instant.ofEpochMilli(now)));
    }
    List<DkgSessionId> sessions =
        db.inTransaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT 1 FROM dkg_results WHERE ceremony = ?")) {
                ps.setString(1, config.ceremony());
                try (ResultSet rs = ps.executeQuery()) {
                  if (rs.next()) {
                    return sessions(c).stream().map(DkgProgress.SessionProgress::session).toList();
                  }
                }
              }
              long epoch;
              try (PreparedStatement ps =
                      c.prepareStatement("SELECT COALESCE(MAX(epoch) + 1, 0) FROM key_metadata");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                epoch = rs.getLong(1);
              }
              update(
                  c,
                  "INSERT INTO key_metadata VALUES (?, ?, ?, ?, ?, ?, ?)",
                  epoch,
                  groupKey.compressed(),
                  r.xpub().serialize(),
                  config.suite().contextString(),
                  config.threshold(),
                  r.session().size(),
                  now);
              ByteArrayOutputStream cert = new ByteArrayOutputStream();
              int count = r.certificate().signatures().size();
              cert.write(count >>> 8);
              cert.write(count);
              r.certificate()
                  .signatures()
                  .forEach(
                      (id, sig) -> {
                        cert.writeBytes(id.toBytes());
                        cert.writeBytes(sig.bytes());
                      });
              update(
                  c,
                  "INSERT INTO dkg_results VALUES (?, ?, ?, ?, ?, ?, ?)",
                  config.ceremony(),
                  epoch,
                  r.session().hash(),
                  r.transcriptHash().bytes(),
                  cert.toByteArray(),
                  FrostCodec.encode(r.testSignature()),
                  now);
              return sessions(c).stream().map(DkgProgress.SessionProgress::session).toList();
            });
    // The result is durable: the round-1 polynomials are of no further use.
    for (DkgSessionId s : sessions) {
      keys.deleteDkgPolynomial(validatorId, s.hash());
    }
  }

  private DkgProgress.SessionProgress sessionOrFail(DkgSessionId session) {
    return db.inTransaction(c -> sessions(c)).stream()
        .filter(s -> s.session().equals(session))
        .findFirst()
        .orElseThrow(
            () -> new StorageException(db.file() + ": no round 1 recorded for " + session));
  }

  // ---------------------------------------------------------------- helpers

  private static String hex(byte[] b) {
    return b == null ? "null" : HexFormat.of().formatHex(b);
  }

  /**
   * A small identifier as its decimal number, any other as 64 hex digits (also how the DKG
   * simulation on real disks names a validator's directory).
   */
  public static String id(Identifier id) {
    long small = id.smallValue();
    return small > 0 ? Long.toString(small) : HexFormat.of().formatHex(id.toBytes());
  }

  static String ids(List<Identifier> ids) {
    return String.join(",", ids.stream().map(SqliteDkgStore::id).toList());
  }

  private static Void update(Connection c, String sql, Object... params) throws SQLException {
    updateCount(c, sql, params);
    return null;
  }

  private static int updateCount(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Decoder<T> {
    T decode(byte[] b);
  }

  /** Checks on the values of one row, failing with the file, table, row and column. */
  private final class Field {
    final String table;
    final String row;

    Field(String table, String row) {
      this.table = table;
      this.row = row;
    }

    StorageException fail(String column, String problem) {
      return new StorageException(
          db.file() + ": table " + table + ", row " + row + ", column " + column + ": " + problem);
    }

    byte[] length(String column, byte[] b, int n) {
      if (b == null || b.length != n) {
        throw fail(column, "must be " + n + " bytes, got " + (b == null ? "NULL" : b.length));
      }
      return b;
    }

    <T> T decode(String column, byte[] b, Decoder<T> d) {
      if (b == null) {
        throw fail(column, "is NULL");
      }
      try {
        return d.decode(b);
      } catch (RuntimeException e) {
        throw fail(column, e.getMessage());
      }
    }

    Identifier id(String column, String s) {
      try {
        if (s != null
            && !s.isEmpty()
            && s.length() <= 18
            && s.chars().allMatch(Character::isDigit)) {
          long v = Long.parseLong(s);
          if (v > 0) {
            return Identifier.of(v);
          }
        } else if (s != null && s.length() == 64) {
          return Identifier.fromBytes(HexFormat.of().parseHex(s));
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw fail(column, "'" + s + "' is not a validator identifier");
    }

    List<Identifier> ids(String column, String s) {
      if (s == null || s.isEmpty()) {
        throw fail(column, "is empty");
      }
      List<Identifier> out = new ArrayList<>();
      for (String part : s.split(",", -1)) {
        Identifier id = id(column, part);
        if (!out.isEmpty() && out.get(out.size() - 1).compareTo(id) >= 0) {
          throw fail(column, "identifiers must be ascending and distinct");
        }
        if (!config.validators().contains(id)) {
          throw fail(column, id + " is not a configured validator");
        }
        out.add(id);
      }
      return out;
    }
  }

  /** Reads a blob column field by field. */
  private static final class Reader {
    private final Field field;
    private final String column;
    private final ByteBuffer buf;

    Reader(Field field, String column, byte[] b) {
      if (b == null) {
        throw field.fail(column, "is NULL");
      }
      this.field = field;
      this.column = column;
      this.buf = ByteBuffer.wrap(b);
    }

    byte[] bytes(int n) {
      if (buf.remaining() < n) {
        throw field.fail(column, "truncated");
      }
      byte[] out = new byte[n];
      buf.get(out);
      return out;
    }

    int u8() {
      return bytes(1)[0] & 0xFF;
    }

    int u16() {
      byte[] b = bytes(2);
      return (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
    }

    Identifier id() {
      byte[] b = bytes(ID);
      try {
        return Identifier.fromBytes(b);
      } catch (RuntimeException e) {
        throw field.fail(column, "not an identifier: " + e.getMessage());
      }
    }

    void end() {
      if (buf.hasRemaining()) {
        throw field.fail(column, buf.remaining() + " unexpected trailing bytes");
      }
    }
  }

  @Override
  public String toString() {
    return "DKG state in " + db.file() + " and " + keys;
  }
}
