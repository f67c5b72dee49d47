import Labs
import LogRouter
import Mesh
import Sandbox
import Tracer

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
  /// The learner's log store; `nil` while they have no logs.
  func logs() throws -> LogStore?
  /// The learner's trace store; `nil` while they have no traces.
  func traces() throws -> TraceStore?
  /// The learner's current mesh document; `nil` when mesh state is not available.
  func meshDocument() throws -> MeshDocument?
}

extension CheckContext {
  /// A context without a sandbox's telemetry has no logs.
  func logs() throws -> LogStore? { nil }

  /// A context without a sandbox's telemetry has no traces.
  func traces() throws -> TraceStore? { nil }

  /// A context without a sandbox has no mesh document.
  func meshDocument() throws -> MeshDocument? { nil }
}
