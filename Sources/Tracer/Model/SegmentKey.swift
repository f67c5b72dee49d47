/// The member names the segment decoder reads (X-Ray developer guide, "Segment documents"),
/// matched against a name's UTF-8 bytes so no `String` is made for a name. Any other member is
/// skipped.
enum SegmentKey: CaseIterable {
  case name, id, traceID, parentID, type, namespace, origin, startTime, endTime, inProgress
  case fault, error, throttle, http, annotations, subsegments
  /// In `http`.
  case request, response
  /// In `http.request` and `http.response`.
  case method, url, userAgent, clientIP, status, contentLength

  var text: StaticString {
    switch self {
    case .name: "name"
    case .id: "id"
    case .traceID: "trace_id"
    case .parentID: "parent_id"
    case .type: "type"
    case .namespace: "namespace"
    case .origin: "origin"
    case .startTime: "start_time"
    case .endTime: "end_time"
    case .inProgress: "in_progress"
    case .fault: "fault"
    case .error: "error"
    case .throttle: "throttle"
    case .http: "http"
    case .annotations: "annotations"
    case .subsegments: "subsegments"
    case .request: "request"
    case .response: "response"
    case .method: "method"
    case .url: "url"
    case .userAgent: "user_agent"
    case .clientIP: "client_ip"
    case .status: "status"
    case .contentLength: "content_length"
    }
  }

  /// Each key's name packed into two words (see ``packed(_:)``).
  private static let table: [(low: UInt64, high: UInt64, key: SegmentKey)] = allCases.compactMap {
    key in
    let text = key.text
    guard
      let (low, high) = packed(
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    else { return nil }
    return (low, high, key)
  }

  /// Up to 15 bytes and their count packed into two words, so a name is matched with two
  /// integer comparisons per candidate; `nil` for a longer name (no key is that long).
  private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
    guard bytes.count < 16 else { return nil }
    var low: UInt64 = 0
    var high = UInt64(bytes.count) << 56
    for (index, byte) in bytes.enumerated() {
      if index < 8 {
        low |= UInt64(byte) << (8 * UInt64(index))
      } else {
        high |= UInt64(byte) << (8 * UInt64(index - 8))
      }
    }
    return (low, high)
  }

  /// The key spelled by `bytes`, or `nil` for a member the decoder does not read.
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let (low, high) = Self.packed(bytes) else { return nil }
    for entry in Self.table where entry.low == low && entry.high == high {
      self = entry.key
      return
    }
    return nil
  }
}
