import Foundation
import Sandbox

extension ExitRecord {
  /// `{"code", "signal", "reason", "time"}`, the one not set as `null`.
  var json: [String: Any] {
    [
      "code": code.map { Int($0) as Any } ?? NSNull(),
      "signal": signal.map { Int($0) as Any } ?? NSNull(), "reason": reason,
      "time": ISOTime.string(Double(timeMillis) / 1000),
    ]
  }
}
