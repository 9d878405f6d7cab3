package dev.frostgate.node.storage;

import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The group this validator holds a share of, as its state database records it: the latest key
 * generation (epoch), the DKG transcript hash, the public key package (every verifying share) and
 * the threshold xpub. Public facts only; the share itself is in the key store.
 *
 * <p>Read through a read-only connection that takes neither the validator's process lock nor a
 * write lock: an operator exports the public key package of a running validator (the helpers of a
 * repair keep running), and SQLite's WAL mode gives the reader a consistent snapshot.
 *
 * @param epoch the key generation: 0 after the DKG, one more after every refresh
 */
public record GroupRecord(
    long epoch, Hash32 transcriptHash, PublicKeyPackage publicKeyPackage, ThresholdXpub xpub) {
  public GroupRecord {
    Objects.requireNonNull(transcriptHash, "transcriptHash");
    Objects.requireNonNull(publicKeyPackage, "publicKeyPackage");
    Objects.requireNonNull(xpub, "xpub");
  }

  /**
   * Reads the latest group of the state database at {@code stateFile}.
   *
   * @throws StorageException naming the file when it is missing, holds no completed DKG, or a value
   *     does not decode (naming the table and column)
   */
  public static GroupRecord read(Path stateFile) {
    Path abs = stateFile.toAbsolutePath();
    if (!Files.isRegularFile(abs)) {
      throw new StorageException(abs + ": no state database here");
    }
    Properties ro = new Properties();
    ro.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs, ro);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.epoch, r.transcript_hash, s.public_key_package, k.threshold_xpub"
                    + " FROM dkg_results r"
                    + " JOIN dkg_sessions s ON s.session_hash = r.session_hash"
                    + " JOIN key_metadata k ON k.epoch = r.epoch"
                    + " ORDER BY r.epoch DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new StorageException(
            abs + ": no completed DKG (table dkg_results is empty): this validator has no group");
      }
      long epoch = rs.getLong(1);
      byte[] transcript = rs.getBytes(2);
      if (transcript == null || transcript.length != 32) {
        throw new StorageException(
            abs + ": table dkg_results, column transcript_hash: not 32 bytes");
      }
      PublicKeyPackage pkp = decode(abs, "dkg_sessions", rs.getBytes(3));
      ThresholdXpub xpub;
      try {
        xpub = ThresholdXpub.parse(rs.getString(4));
      } catch (RuntimeException e) {
        throw new StorageException(
            abs + ": table key_metadata, column threshold_xpub: " + e.getMessage());
      }
      if (!xpub.groupKey().equals(pkp.verifyingKey())) {
        throw new StorageException(
            abs + ": the threshold xpub's key is not the public key package's group key");
      }
      Optional<Refresh> refresh = latestRefresh(c, pkp.verifyingKey());
      if (refresh.isPresent()) {
        epoch = refresh.get().epoch();
        pkp = decode(abs, "key_refreshes", refresh.get().publicKeyPackage());
      }
      return new GroupRecord(epoch, Hash32.of(transcript), pkp, xpub);
    } catch (SQLException e) {
      throw new StorageException(abs + ": " + e.getMessage(), e);
    }
  }

  /** A refresh this validator adopted: its generation and encoded public key package. */
  record Refresh(long epoch, byte[] publicKeyPackage) {}

  /** The latest refresh of {@code groupKey} in {@code key_refreshes}, if there is one. */
  static Optional<Refresh> latestRefresh(Connection c, Point groupKey) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT epoch, public_key_package FROM key_refreshes WHERE group_key = ?"
                + " ORDER BY epoch DESC LIMIT 1")) {
      ps.setBytes(1, groupKey.compressed());
      try (ResultSet r = ps.executeQuery()) {
        return r.next() ? Optional.of(new Refresh(r.getLong(1), r.getBytes(2))) : Optional.empty();
      }
    }
  }

  private static PublicKeyPackage decode(Path file, String table, byte[] encoded) {
    try {
      return FrostCodec.decodePublicKeyPackage(encoded);
    } catch (RuntimeException e) {
      throw new StorageException(
          file + ": table " + table + ", column public_key_package: " + e.getMessage());
    }
  }

  /**
   * Records that this validator adopted a refresh of its group's shares: from now on it signs and
   * checks shares with {@code refreshed}'s verifying shares (see {@code SqliteDkgStore}). The
   * caller has checked that it is the next refresh of the recorded group and stored the matching
   * key package first.
   */
  public static void recordRefresh(StateDatabase db, long epoch, PublicKeyPackage refreshed) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO key_refreshes VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, epoch);
            ps.setBytes(2, refreshed.verifyingKey().compressed());
            ps.setBytes(3, FrostCodec.encode(refreshed));
            ps.setLong(4, db.clock().millis());
            ps.executeUpdate();
          }
          return null;
        });
  }
}
