/// Why the agent refused or failed an operation.
public enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Sandbox ids are 1–64 characters of `a-z`, `0-9`, `-`, `_`.
  case invalidSandboxID(String)
  case unknownSandbox(String)
  case unknownContainer(String)
  case invalidDefinition(TaskDefinitionError)
  case portsExhausted
  case userIDsExhausted
  /// The container is not running, so the fault cannot apply.
  case notRunning(String)
  /// Sandbox users cannot reach the sandbox root or the executable (see `SandboxAgent.accessProblem`).
  case unreachable(String)
  case system(String)

  public var description: String {
    switch self {
    case .invalidSandboxID(let id): "invalid sandbox id '\(id)'"
    case .unknownSandbox(let id): "no sandbox '\(id)'"
    case .unknownContainer(let name): "no container '\(name)'"
    case .invalidDefinition(let error): "invalid task definition: \(error)"
    case .portsExhausted: "no free ports left in the sandbox port range"
    case .userIDsExhausted: "no free user ids left for sandboxes"
    case .notRunning(let name): "container '\(name)' is not running"
    case .unreachable(let message), .system(let message): message
    }
  }
}
