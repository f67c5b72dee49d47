import Store

/// The instructor side of the workshop database (issue #5): event settings beyond name, code and
/// times; the labs each event serves, in order; one-time instructor invites (stored hashed, like
/// every token, DESIGN.md "Security model"); what instructors did to a learner (`activity`, for
/// the timeline); and messages to learners. Times are Unix seconds. The audit log itself is
/// `audit_log` of ``AccountSchema``.
public enum InstructorSchema {
  public static let migrations: [Migration] = [
    Migration(
      version: 4,
      """
      ALTER TABLE events ADD COLUMN capacity INTEGER;
      ALTER TABLE events ADD COLUMN solver_allowed INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE events ADD COLUMN idle_stop_minutes INTEGER NOT NULL DEFAULT 30;
      CREATE TABLE event_labs (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, lab)
      );
      CREATE TABLE instructor_invites (
        token_hash TEXT PRIMARY KEY,
        created_by INTEGER NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
      ) WITHOUT ROWID;
      CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX activity_by_learner ON activity(learner_id, at);
      CREATE TABLE learner_messages (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        sender TEXT NOT NULL,
        text TEXT NOT NULL,
        sent_at REAL NOT NULL,
        seen_at REAL
      );
      CREATE INDEX learner_messages_by_learner ON learner_messages(learner_id, id);
      """)
  ]
}
