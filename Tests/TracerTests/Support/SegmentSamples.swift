import Foundation
import Telemetry

@testable import Tracer

/// Segment documents for tests, built as text so each test shows exactly what is sent.
enum SegmentSamples {
  static let now = 1_800_000_000.0
  static let traceID = "1-6b49d200-0123456789abcdef01234567"
  static let decoder = SegmentDecoder(now: { now })

  /// A segment document with the given fields; `extra` is appended inside the object.
  static func segment(
    name: String = "swan", id: String = "0000000000000001", traceID: String = traceID,
    start: Double = now, end: Double? = now + 0.25, extra: String = ""
  ) -> String {
    let ending = end.map { "\"end_time\": \($0)" } ?? "\"in_progress\": true"
    return """
      {"name": "\(name)", "id": "\(id)", "trace_id": "\(traceID)", "start_time": \(start), \(ending)\(extra)}
      """
  }

  /// A remote subsegment sent on its own under `parent`.
  static func remoteSubsegment(
    target: String = "unicorn", id: String, parent: String, start: Double = now + 0.01,
    end: Double = now + 0.2, extra: String = ""
  ) -> String {
    """
    {"name": "\(target)", "id": "\(id)", "trace_id": "\(traceID)", "parent_id": "\(parent)", \
    "type": "subsegment", "namespace": "remote", "start_time": \(start), "end_time": \(end)\(extra)}
    """
  }

  static func record(_ text: String) throws -> SegmentRecord {
    try decoder.decode(bytes: Array(text.utf8))
  }
}
