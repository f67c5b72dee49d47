import Store

/// The fault history of the learners' sandboxes (DESIGN.md "Storage": every fault a learner
/// triggers, with its time). Times are Unix seconds; `params` is the JSON object sent.
public enum SandboxSchema {
  public static let migrations: [Migration] = [
    Migration(
      version: 2,
      """
      CREATE TABLE faults (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        params TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL
      );
      CREATE INDEX faults_by_learner ON faults(learner_id, started_at);
      """)
  ]
}
