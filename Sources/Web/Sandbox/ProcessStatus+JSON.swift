import Foundation
import Sandbox

/// One process in the API's sandbox status (see `SandboxStatus+JSON.swift`).
extension ProcessStatus {
  var json: [String: Any] {
    [
      "name": name, "role": role, "pid": pid.map { Int($0) as Any } ?? NSNull(),
      "state": state.rawValue, "health": health.rawValue,
      "cpuPercent": cpuPercent.map { ($0 * 10).rounded() / 10 as Any } ?? NSNull(),
      "rssBytes": rssBytes.map { Int($0) as Any } ?? NSNull(), "restarts": restarts,
      "lastExit": lastExit.map { $0.json as Any } ?? NSNull(),
    ]
  }
}
