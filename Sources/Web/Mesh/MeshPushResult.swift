/// What one sidecar said to a new mesh document sent to its admin `POST /config`: it took it,
/// refused it (400, with the field it names), or could not be reached. The saved document
/// stays either way; a sidecar that missed it reads the file when it starts again.
struct MeshPushResult: Sendable, Equatable {
  enum Outcome: Sendable, Equatable {
    case applied
    case refused(String)
    case unreachable(String)
  }

  let sidecar: String
  let outcome: Outcome

  /// `applied`, `refused` or `unreachable`.
  var status: String {
    switch outcome {
    case .applied: "applied"
    case .refused: "refused"
    case .unreachable: "unreachable"
    }
  }

  /// The API's shape: `{"sidecar", "status", "message"?}`.
  var json: [String: Any] {
    var object: [String: Any] = ["sidecar": sidecar, "status": status]
    switch outcome {
    case .applied: break
    case .refused(let message), .unreachable(let message): object["message"] = message
    }
    return object
  }

  /// One line for the page: `swan-envoy: applied`, `unicorn-v2-envoy: unreachable (…)`.
  var summary: String {
    switch outcome {
    case .applied: "\(sidecar): applied"
    case .refused(let message), .unreachable(let message): "\(sidecar): \(status) (\(message))"
    }
  }
}
