import Labs
import LogRouter
import Mesh
import Sandbox
import Tracer

/// The real ``CheckContext``: the sandbox status read once for the whole step, the learner's
/// fault history and answers from the database, and the sandbox's log store.
struct LearnerCheckContext: CheckContext {
  let key: StepKey
  let step: Step
  let stepStartedAt: Double
  let status: SandboxStatus?
  let store: ProgressStore
  let history: FaultHistory
  /// Where the learner's logs are found; `nil` when sandboxes are off.
  var logSource: (any LogStoreSource)? = nil
  /// Where the learner's traces are found; `nil` when sandboxes are off.
  var traceSource: (any TraceStoreSource)? = nil
  /// Where the learner's mesh document is found; `nil` when sandboxes are off.
  var meshSource: (any MeshDocumentSource)? = nil

  func sandboxStatus() -> SandboxStatus? { status }

  func faults() throws -> [FaultRecord] { try history.list(learnerID: key.learnerID) }

  func latestAnswer() throws -> String? { try store.latestAnswer(key) }

  func logs() throws -> LogStore? { try logSource?.logStore(learnerID: key.learnerID) }

  func traces() throws -> TraceStore? { try traceSource?.traceStore(learnerID: key.learnerID) }

  func meshDocument() throws -> MeshDocument? {
    try meshSource?.meshDocument(learnerID: key.learnerID)
  }
}
