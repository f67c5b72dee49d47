import Foundation
import Wire

extension WebApp {
  /// Records something a learner did that no other table keeps, for their timeline (issue #5
  /// item 3) — the hook for the learner's own sandbox start and stop (`kind` such as
  /// `sandbox.started`, `detail` the sentence shown). Failures are logged, never thrown: the
  /// learner's action has happened either way.
  func recordLearnerActivity(learnerID: Int64, kind: String, detail: String) {
    let now = configuration.clock().timeIntervalSince1970
    do {
      try database.write { connection in
        try ActivityLog.record(
          connection, learnerID: learnerID, kind: String(kind.prefix(64)), detail: detail, at: now)
      }
    } catch {
      logToStandardError("web: activity of learner \(learnerID) not recorded: \(error)")
    }
  }
}
