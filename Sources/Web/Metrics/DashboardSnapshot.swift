import Wire

/// What one dashboard render asks the learner's agent: the charts' series and the alarms. A
/// sandbox or agent that is not there leaves both empty and says why, so the page still shows
/// the time axis and the learner's faults.
struct DashboardSnapshot: Sendable {
  var data = DashboardData()
  /// `nil` when the agent could not be asked.
  var alarms: [AlarmRow]?
  /// Why the agent could not be asked.
  var problem: String?

  /// Blocks on loopback requests (at most the client's deadlines): run it off the pool.
  /// - Parameters:
  ///   - locate: finds the learner's agent, or throws the 409/503 that says why not.
  ///   - withHistory: also reads each alarm's latest transitions (the page; the live refresh
  ///     only updates states).
  static func take(
    locate: () throws -> MetricsAgentClient, range: DashboardRange, withHistory: Bool
  ) -> DashboardSnapshot {
    var snapshot = DashboardSnapshot()
    do {
      let agent = try locate()
      snapshot.data = try DashboardData.fetch(from: agent, range: range)
      snapshot.alarms = try AlarmRow.fetch(from: agent, withHistory: withHistory)
    } catch let error as HTTPError {
      snapshot.problem = error.message
    } catch {
      snapshot.problem = "the metrics agent failed: \(error)"
    }
    return snapshot
  }
}
