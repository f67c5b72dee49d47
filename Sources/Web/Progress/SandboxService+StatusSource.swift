import Sandbox

extension SandboxService: SandboxStatusSource {
  /// Asks the agent without touching the sandbox, so background re-checks never keep an idle
  /// sandbox alive.
  func currentStatus(learnerID: Int64) -> SandboxStatus? {
    agent.status(sandboxID: Self.sandboxID(learnerID: learnerID), logLines: 0)
  }
}
