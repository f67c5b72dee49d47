import Foundation
import Store

/// One fault a learner triggered, as stored in `faults` (see ``SandboxSchema``).
struct FaultRecord: Sendable, Equatable {
  let id: Int64
  let kind: String
  let target: String
  /// The parameters as the JSON object text that was applied.
  let params: String
  /// Unix seconds.
  let startedAt: Double
  let endedAt: Double?

  var isOpen: Bool { endedAt == nil }

  init(id: Int64, kind: String, target: String, params: String, startedAt: Double, endedAt: Double?)
  {
    self.id = id
    self.kind = kind
    self.target = target
    self.params = params
    self.startedAt = startedAt
    self.endedAt = endedAt
  }

  /// Reads a row of `SELECT id, kind, target, params, started_at, ended_at FROM faults`.
  init?(row: Row) {
    guard let id = row.int64("id"), let kind = row.string("kind"),
      let target = row.string("target"), let params = row.string("params"),
      let startedAt = row.double("started_at")
    else { return nil }
    self.init(
      id: id, kind: kind, target: target, params: params, startedAt: startedAt,
      endedAt: row.double("ended_at"))
  }

  /// The API's shape: `{"id", "kind", "target", "params", "startedAt", "endedAt"}`, times in
  /// ISO 8601 (RFC 3339 §5.6) UTC, `endedAt` `null` while open.
  var json: [String: Any] {
    let parameters =
      (try? JSONSerialization.jsonObject(with: Data(params.utf8))) ?? [String: Any]()
    return [
      "id": Int(id), "kind": kind, "target": target, "params": parameters,
      "startedAt": ISOTime.string(startedAt),
      "endedAt": endedAt.map { ISOTime.string($0) as Any } ?? NSNull(),
    ]
  }
}
