import Labs
import Sandbox

/// `check sandbox` (Labs/README.md): one process of the learner's live sandbox has the wanted
/// `state`, `health`, `restarts-at-least`, `last-exit-code` or `last-exit-signal`.
struct SandboxCheckEvaluator: CheckEvaluator {
  var kind: CheckKind { .sandbox }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    guard let name = check[field: "process"] else { return .failed("the check names no process") }
    guard let status = context.sandboxStatus() else {
      return .pending("start your sandbox first")
    }
    guard let process = status.process(name) else {
      return .failed("your sandbox has no process '\(name)'")
    }
    if let wanted = check[field: "state"] {
      return process.state.rawValue == wanted
        ? .passed : .failed("\(name) is \(process.state.rawValue), not \(wanted)")
    }
    if let wanted = check[field: "health"] {
      return process.health.rawValue == wanted
        ? .passed : .failed("\(name)'s health is \(process.health.rawValue), not \(wanted)")
    }
    if let text = check[field: "restarts-at-least"], let wanted = Int(text) {
      return process.restarts >= wanted
        ? .passed : .failed("\(name) restarted \(process.restarts) times, fewer than \(wanted)")
    }
    if let text = check[field: "last-exit-code"], let wanted = Int32(text) {
      guard let exit = process.lastExit else { return .pending("\(name) has not exited yet") }
      return exit.code == wanted
        ? .passed : .failed("\(name) last ended with \(exit.reason), not exit code \(wanted)")
    }
    if let wanted = check[field: "last-exit-signal"] {
      guard let exit = process.lastExit else { return .pending("\(name) has not exited yet") }
      return exit.signal != nil && exit.signal == ProcessSignal(rawValue: wanted)?.number
        ? .passed : .failed("\(name) last ended with \(exit.reason), not by \(wanted)")
    }
    return .failed("the check says nothing to compare")
  }
}
