import Sandbox

/// Where checks read a learner's live sandbox status: the agent in the server, a fake in tests.
protocol SandboxStatusSource: Sendable {
  /// The learner's sandbox now, `nil` when they have none. Reading it is not learner activity.
  func currentStatus(learnerID: Int64) -> SandboxStatus?
}
