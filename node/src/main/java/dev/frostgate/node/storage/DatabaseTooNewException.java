package dev.frostgate.node.storage;

/** The database was written by a newer Frostgate: this code must not open it. */
public final class DatabaseTooNewException extends StorageException {
  private static final long serialVersionUID = 1L;

  public DatabaseTooNewException(String file, int databaseVersion, int codeVersion) {
    super(
        file
            + ": schema version "
            + databaseVersion
            + " is newer than this Frostgate supports ("
            + codeVersion
            + "); upgrade Frostgate instead of downgrading the database");
  }
}
