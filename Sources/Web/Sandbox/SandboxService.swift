import Foundation
import Sandbox
import Wire

/// Each learner's own sandbox, `learner-<id>`, on the agent: start, stop and status, and the
/// faults they trigger (see `SandboxService+Faults.swift`). Everything is scoped by learner
/// id, so nobody can name another learner's sandbox. Failures are `HTTPError`s.
final class SandboxService: Sendable {
  let agent: SandboxAgent
  let history: FaultHistory
  let clock: @Sendable () -> Date
  /// Talks to the demo app's control endpoints (loopback, short timeouts).
  let client: HTTPClient
  /// What every learner's sandbox runs.
  let definition = TaskDefinition.demo

  /// Stop a sandbox after this long without activity from its learner (DESIGN.md).
  static let idleTimeoutMillis: UInt64 = 30 * 60 * 1000

  init(agent: SandboxAgent, history: FaultHistory, clock: @escaping @Sendable () -> Date) {
    self.agent = agent
    self.history = history
    self.clock = clock
    var configuration = HTTPClient.Configuration()
    configuration.connectTimeout = .seconds(2)
    configuration.responseTimeout = .seconds(5)
    configuration.maxResponseBody = 64 * 1024
    client = HTTPClient(configuration: configuration)
  }

  static func sandboxID(learnerID: Int64) -> String { "learner-\(learnerID)" }

  /// The learner's sandbox, `nil` when they never started one, with up to `logLines` recent
  /// output lines per process; counts as activity.
  func status(learnerID: Int64, logLines: Int = 0) -> SandboxStatus? {
    let id = Self.sandboxID(learnerID: learnerID)
    agent.touch(sandboxID: id)
    return agent.status(sandboxID: id, logLines: logLines)
  }

  /// Starts the learner's sandbox, or starts again those of its processes that stopped; the
  /// learner's mesh document is written first when they have none (the sidecars read it).
  func start(learnerID: Int64) async throws -> SandboxStatus {
    let id = Self.sandboxID(learnerID: learnerID)
    try ensureMeshDocument(learnerID: learnerID)
    let (agent, definition) = (agent, definition)
    // Starting a sandbox that is still stopping waits for that stop, so off the pool.
    try await BlockingWork.run {
      do { try agent.start(sandboxID: id, definition: definition) } catch {
        throw Self.httpError(error)
      }
    }
    guard let status = status(learnerID: learnerID) else {
      throw HTTPError(.internalServerError, "the sandbox did not start")
    }
    return status
  }

  /// Stops the learner's sandbox (SIGTERM, then SIGKILL after the grace period) and ends
  /// their open faults. 404 when they never started one.
  func stop(learnerID: Int64) async throws {
    let id = Self.sandboxID(learnerID: learnerID)
    guard agent.status(sandboxID: id, logLines: 0) != nil else { throw Self.noSandbox }
    let agent = agent
    try await BlockingWork.run {
      do { try agent.stop(sandboxID: id) } catch { throw Self.httpError(error) }
    }
    try history.endAll(learnerID: learnerID, at: clock().timeIntervalSince1970)
  }

  /// Stops every sandbox and the agent (server shutdown).
  func shutdown() {
    agent.shutdown()
    client.close()
  }

  static let noSandbox = HTTPError(.notFound, "no sandbox; start one with POST /api/v1/sandbox")

  /// Logs an agent failure the learner cannot act on and answers a 500 that reveals nothing.
  private static func logged(_ error: String) -> HTTPError {
    logToStandardError("web: sandbox agent failed: \(error)")
    return HTTPError(.internalServerError, "the sandbox agent failed; try again in a moment")
  }

  /// An agent refusal as the learner should see it.
  static func httpError(_ error: any Error) -> HTTPError {
    guard let error = error as? SandboxError else { return logged("\(error)") }
    return switch error {
    case .unknownSandbox: noSandbox
    case .unknownContainer(let name): HTTPError(.badRequest, "target: no container '\(name)'")
    case .notRunning: HTTPError(.conflict, error.description)
    case .portsExhausted, .userIDsExhausted:
      HTTPError(.serviceUnavailable, "the server has no room for another sandbox right now")
    case .unreachable(let message): HTTPError(.serviceUnavailable, message)
    case .invalidSandboxID, .invalidDefinition, .system:
      logged(error.description)
    }
  }
}
