import Labs
import Sandbox

/// What a check may read about one learner on one step; the engine gives real state, tests a
/// fake. Every value comes from the server's own records, never from the browser.
protocol CheckContext {
  /// The step being judged.
  var step: Step { get }
  /// When the learner started the step, Unix seconds.
  var stepStartedAt: Double { get }
  /// The learner's sandbox as the agent reports it now; `nil` when they have none.
  func sandboxStatus() -> SandboxStatus?
  /// The learner's faults, newest first (bounded by ``FaultHistory/listLimit``).
  func faults() throws -> [FaultRecord]
  /// The learner's latest answer to this step's question, `nil` before the first.
  func latestAnswer() throws -> String?
}
