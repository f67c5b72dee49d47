/// What one check of a step says right now (Labs/README.md "check KIND"): it holds, it does not
/// (with the reason the learner sees), or it cannot be judged yet (with what is missing).
enum CheckOutcome: Sendable, Equatable {
  case passed
  case failed(String)
  case pending(String)

  /// The name stored and sent in the API: `passed`, `failed` or `pending`.
  var name: String {
    switch self {
    case .passed: "passed"
    case .failed: "failed"
    case .pending: "pending"
    }
  }

  /// The reason shown to the learner; empty when it holds.
  var reason: String {
    switch self {
    case .passed: ""
    case .failed(let reason), .pending(let reason): reason
    }
  }

  var holds: Bool { self == .passed }
}
