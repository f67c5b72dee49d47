import Foundation
import Sandbox

extension SandboxStatus {
  /// The API's shape: `{"id", "phase", "allHealthy", "processes": [{"name", "role", "pid",
  /// "state", "health", "cpuPercent", "rssBytes", "restarts", "lastExit"}]}`, absent values
  /// as `null`; ports, folders and logs stay private to the server.
  var json: [String: Any] {
    [
      "id": id, "phase": phase.rawValue, "allHealthy": allHealthy,
      "processes": processes.map(\.json),
    ]
  }
}
