/// What segments and subsegments share: an id, a name, a time span, HTTP data, the
/// error/throttle/fault flags and nested subsegments (developer guide, "Segment documents").
public protocol XRayEntity: Sendable {
  var id: SpanID { get }
  var name: String { get }
  var startTime: Double { get }
  /// `nil` while the work is still running: the document then says `"in_progress": true`.
  var endTime: Double? { get }
  var http: XRayHTTP? { get set }
  var error: Bool { get set }
  var fault: Bool { get set }
  var throttle: Bool { get set }
  var subsegments: [Subsegment] { get }
}

extension XRayEntity {
  /// Records a response status in `http` and sets the flags from it as X-Ray defines them:
  /// `error` for 4xx, `throttle` (with `error`) for 429, `fault` for 5xx.
  public mutating func record(status: Int) {
    var http = self.http ?? XRayHTTP()
    http.status = status
    self.http = http
    error = (400..<500).contains(status)
    throttle = status == 429
    fault = (500..<600).contains(status)
  }

  /// Writes the fields every entity has, apart from the subsegments: `name`, `id`, then what
  /// `between` writes, then `start_time`, `end_time` or `in_progress`, `http` and the flags
  /// (each only when set, as the X-Ray SDKs do).
  func writeCommonFields(to writer: inout JSONWriter, between: (inout JSONWriter) -> Void) {
    writer.key("name")
    writer.string(Self.sanitizedName(name))
    writer.key("id")
    writer.string(id.hex)
    between(&writer)
    writer.key("start_time")
    writer.double(startTime)
    if let endTime {
      writer.key("end_time")
      writer.double(endTime)
    } else {
      writer.key("in_progress")
      writer.bool(true)
    }
    http?.write(to: &writer)
    for (key, flag) in [("error", error), ("throttle", throttle), ("fault", fault)] where flag {
      writer.key(key)
      writer.bool(true)
    }
  }

  /// Writes `"subsegments": […]`, or nothing when there are none.
  func writeSubsegments(to writer: inout JSONWriter) {
    guard !subsegments.isEmpty else { return }
    writer.key("subsegments")
    writer.beginArray()
    for subsegment in subsegments { subsegment.write(to: &writer) }
    writer.endArray()
  }

  /// The longest name X-Ray accepts.
  static var maximumNameLength: Int { 200 }

  /// A name X-Ray accepts: Unicode letters, numbers and whitespace plus `_ . : / % & # = + \ - @`,
  /// at most 200 characters (developer guide, "Segment fields: name"). Other characters are
  /// dropped rather than the segment rejected; an empty result becomes `unnamed`.
  static func sanitizedName(_ name: String) -> String {
    let symbols: Set<Character> = ["_", ".", ":", "/", "%", "&", "#", "=", "+", "\\", "-", "@"]
    let kept = name.filter { $0.isLetter || $0.isNumber || $0.isWhitespace || symbols.contains($0) }
    return kept.isEmpty ? "unnamed" : String(kept.prefix(maximumNameLength))
  }
}
