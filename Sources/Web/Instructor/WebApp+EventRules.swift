import Labs

extension WebApp {
  /// The labs learner `learnerID` is offered, in their event's order (issue #5 item 1: "which
  /// labs and in which order"); every served lab for an unknown learner or an event that
  /// lists none. For the learner's lab list and API.
  func labs(forLearner learnerID: Int64) throws -> [Lab] {
    guard let event = try eventStore.event(ofLearner: learnerID) else { return progress.labs }
    return labs(of: event)
  }

  /// Whether the learner's event lets instructors allow the solver (issue #5 item 1); `false`
  /// for an unknown learner. For every path that allows the solver.
  func solverAllowed(forLearner learnerID: Int64) throws -> Bool {
    try eventStore.event(ofLearner: learnerID)?.solverAllowed ?? false
  }

  /// Gives the learner's running sandbox their event's idle-stop time (issue #5 item 1); the
  /// agent's default stays for a learner without an event. Call after every start.
  func applyIdleStop(_ service: SandboxService, learnerID: Int64) throws {
    guard let event = try eventStore.event(ofLearner: learnerID) else { return }
    service.agent.setIdleTimeout(
      sandboxID: SandboxService.sandboxID(learnerID: learnerID),
      millis: UInt64(event.idleStopMinutes) * 60_000)
  }
}
