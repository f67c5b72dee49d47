import Labs
import Sandbox

/// The real ``CheckContext``: the sandbox status read once for the whole step, the learner's
/// fault history and answers from the database.
struct LearnerCheckContext: CheckContext {
  let key: StepKey
  let step: Step
  let stepStartedAt: Double
  let status: SandboxStatus?
  let store: ProgressStore
  let history: FaultHistory

  func sandboxStatus() -> SandboxStatus? { status }

  func faults() throws -> [FaultRecord] { try history.list(learnerID: key.learnerID) }

  func latestAnswer() throws -> String? { try store.latestAnswer(key) }
}
