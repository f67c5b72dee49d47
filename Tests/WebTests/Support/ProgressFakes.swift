import Foundation
import Labs
import Sandbox
import Synchronization

@testable import Web

/// A ``CheckContext`` with fixed state, for evaluator unit tests.
struct FakeCheckContext: CheckContext {
  var step: Step
  var stepStartedAt: Double = 1000
  var status: SandboxStatus?
  var faultList: [FaultRecord] = []
  var answer: String?

  func sandboxStatus() -> SandboxStatus? { status }
  func faults() throws -> [FaultRecord] { faultList }
  func latestAnswer() throws -> String? { answer }
}

/// A sandbox status the test sets by hand, for the engine and its ticker.
final class FakeStatusSource: SandboxStatusSource {
  private let current = Mutex<SandboxStatus?>(nil)

  func set(_ status: SandboxStatus?) { current.withLock { $0 = status } }

  func currentStatus(learnerID: Int64) -> SandboxStatus? { current.withLock { $0 } }
}

enum ProgressSamples {
  /// A running sandbox with one process `swan` in `state`, as the agent reports it.
  static func status(
    state: String = "healthy", health: String = "healthy", restarts: Int = 0,
    exitCode: Int? = nil, exitSignal: Int? = nil
  ) throws -> SandboxStatus {
    let exit: [String: Any]? =
      exitCode == nil && exitSignal == nil
      ? nil
      : [
        "code": exitCode.map { $0 as Any } ?? NSNull(),
        "signal": exitSignal.map { $0 as Any } ?? NSNull(), "reason": "exit", "timeMillis": 0,
      ]
    let process: [String: Any] = [
      "name": "swan", "role": "app", "state": state, "health": health, "restarts": restarts,
      "lastExit": exit ?? NSNull(), "ports": [String: Int](), "recentLogs": [Any](),
      "samples": [Any](),
    ]
    let object: [String: Any] = [
      "id": "learner-1", "phase": "running", "directory": "/tmp", "processes": [process],
    ]
    return try JSONDecoder().decode(
      SandboxStatus.self, from: JSONSerialization.data(withJSONObject: object))
  }

  /// A lab whose steps need a healthy `swan`, a latency fault on swan, and an answer.
  static let lab = """
    ---
    title: Test lab
    summary: A lab for tests.
    minutes: 5
    ---
    Intro.

    ## Start the sandbox

    Start it.

    ```check sandbox
    process: swan
    state: healthy
    ```

    ```hint
    after: 2m
    Look at the sandbox page.
    ```

    ```hint
    when: 1
    Swan is up.
    ```

    ```hint
    Ask and you get this.
    ```

    ## Break it

    ```check fault
    kind: latency
    target: swan
    ```

    ## Answer it

    ```answer
    question: Which signal stops a process for good?
    choices: [SIGTERM, SIGKILL]
    correct: SIGKILL
    ```

    """

  static let labID = "01-test-lab"

  /// Writes ``lab`` (and a lab with an unknown check kind) into `labsFolder`.
  static func writeLabs(into labsFolder: String) throws {
    for (id, text) in [
      (labID, lab), ("02-broken", lab.replacingOccurrences(of: "check fault", with: "check nope")),
    ] {
      try FileManager.default.createDirectory(
        atPath: "\(labsFolder)/\(id)", withIntermediateDirectories: true)
      try text.write(toFile: "\(labsFolder)/\(id)/lab.md", atomically: true, encoding: .utf8)
    }
  }
}
