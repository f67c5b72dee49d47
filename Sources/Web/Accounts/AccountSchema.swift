import Store

/// The tables behind accounts and sessions. Times are Unix seconds (`REAL`); tokens are kept
/// only as SHA-256 hex digests (DESIGN.md "Security model").
public enum AccountSchema {
  public static let migrations: [Migration] = [
    Migration(
      version: 1,
      """
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        join_code TEXT NOT NULL UNIQUE,
        opens_at REAL,
        closes_at REAL,
        created_at REAL NOT NULL
      );
      CREATE TABLE learners (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        display_name TEXT NOT NULL,
        rejoin_token_hash TEXT NOT NULL UNIQUE,
        created_at REAL NOT NULL
      );
      CREATE INDEX learners_by_event ON learners(event_id);
      CREATE TABLE instructors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        created_at REAL NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('learner', 'instructor')),
        owner_id INTEGER NOT NULL,
        csrf_token TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_expiry ON sessions(expires_at);
      CREATE TABLE bootstrap_tokens (
        token_hash TEXT PRIMARY KEY,
        created_at REAL NOT NULL,
        used_at REAL
      ) WITHOUT ROWID;
      CREATE TABLE signin_failures (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        address TEXT NOT NULL,
        at REAL NOT NULL
      );
      CREATE INDEX signin_failures_by_account ON signin_failures(account, at);
      CREATE INDEX signin_failures_by_address ON signin_failures(address, at);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
      );
      """)
  ]
}
