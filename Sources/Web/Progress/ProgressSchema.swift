import Store

/// Learner progress through the labs (issue 4, DESIGN.md "Storage"), keyed by lab id and step id
/// (Labs/README.md: renaming a step resets it). Times are Unix seconds. Check results keep the
/// latest per check in `check_results` and, in `check_history`, each change of outcome (bounded
/// by ``ProgressStore/historyLimit`` per check); `answers` keeps the latest answers per step.
public enum ProgressSchema {
  public static let migrations: [Migration] = [
    Migration(
      version: 3,
      """
      CREATE TABLE lab_steps (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        step TEXT NOT NULL,
        started_at REAL,
        completed_at REAL,
        attempts INTEGER NOT NULL DEFAULT 0,
        hints_seen INTEGER NOT NULL DEFAULT 0,
        hints_asked INTEGER NOT NULL DEFAULT 0,
        solved_by_solver INTEGER NOT NULL DEFAULT 0,
        allow_solver INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (learner_id, lab, step)
      );
      CREATE TABLE open_labs (
        learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        opened_at REAL NOT NULL
      );
      CREATE TABLE check_results (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        step TEXT NOT NULL,
        check_index INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL,
        checked_at REAL NOT NULL,
        PRIMARY KEY (learner_id, lab, step, check_index)
      );
      CREATE TABLE check_history (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        step TEXT NOT NULL,
        check_index INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL,
        checked_at REAL NOT NULL
      );
      CREATE INDEX check_history_by_check ON check_history(learner_id, lab, step, check_index, id);
      CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        step TEXT NOT NULL,
        text TEXT NOT NULL,
        correct INTEGER NOT NULL,
        answered_at REAL NOT NULL
      );
      CREATE INDEX answers_by_step ON answers(learner_id, lab, step, id);
      """)
  ]
}
