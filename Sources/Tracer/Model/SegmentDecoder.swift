import Telemetry

/// Turns a segment document into a ``SegmentRecord`` by X-Ray's segment document rules
/// (developer guide, "Segment documents"): required `name`, `id`, `trace_id`, `start_time`, and
/// `end_time` or `in_progress: true`; a subsegment sent alone also has `type: "subsegment"` and
/// `parent_id`. Anything else is a ``SegmentRejection``.
public struct SegmentDecoder: Sendable {
  /// Oldest start time accepted, relative to now: X-Ray keeps traces for 30 days.
  public var maximumAge: Double = 30 * 86_400
  /// How far in the future a start time may be (clock skew between hosts).
  public var maximumSkew: Double = 3_600
  /// The longest an entity may last (`end_time - start_time`).
  public var maximumDuration: Double = 86_400
  /// The clock, in epoch seconds.
  public var now: @Sendable () -> Double

  public init(now: @escaping @Sendable () -> Double) {
    self.now = now
  }

  /// Parses and validates a document given as bytes (at most 64 kB, depth 32).
  public func decode(bytes: some Collection<UInt8>) throws(SegmentRejection) -> SegmentRecord {
    let value: JSONValue
    do {
      value = try JSONParser().parse(bytes)
    } catch {
      switch error.reason {
      case .tooLarge: throw .tooLarge
      case .tooDeep: throw .tooDeep
      default: throw .invalidJSON
      }
    }
    return try decode(value, text: String(decoding: bytes, as: UTF8.self))
  }

  /// Validates a parsed document; `text` is stored as the document (re-written when `nil`).
  public func decode(_ value: JSONValue, text: String? = nil, service: String? = nil)
    throws(SegmentRejection) -> SegmentRecord
  {
    guard value.members != nil else { throw .notAnObject }
    guard let traceText = value["trace_id"]?.string, let traceID = TraceID(xray: traceText) else {
      throw .invalidTraceID
    }
    guard let idText = value["id"]?.string, let id = SpanID(hex: idText) else { throw .invalidID }
    let isSubsegment = value["type"]?.string == "subsegment"
    var parentID: SpanID?
    if let parent = value["parent_id"] {
      guard let parentText = parent.string, let parsed = SpanID(hex: parentText) else {
        throw .invalidParentID
      }
      parentID = parsed
    } else if isSubsegment {
      throw .invalidParentID
    }
    let name = try Self.name(value)
    let (startTime, endTime) = try times(value)
    let http = try Self.http(value)
    var record = SegmentRecord(
      traceID: traceID, id: id, parentID: parentID, name: name,
      service: isSubsegment ? service : name, isSubsegment: isSubsegment,
      startTime: startTime, endTime: endTime, origin: value["origin"]?.string, http: http,
      fault: try Self.flag(value, "fault"), error: try Self.flag(value, "error"),
      throttle: try Self.flag(value, "throttle"), annotations: try Self.annotations(value),
      remoteCalls: [], nestedIDs: [], document: text ?? value.jsonText)
    if isSubsegment, value["namespace"]?.string == "remote", let endTime {
      record.remoteCalls.append(Self.call(name, startTime, endTime, http, record))
    }
    try collectSubsegments(of: value, into: &record)
    return record
  }

  private static func call(
    _ name: String, _ start: Double, _ end: Double, _ http: XRayHTTP, _ flags: SegmentRecord
  ) -> RemoteCall {
    RemoteCall(
      target: name, startTime: start, endTime: end, fault: flags.fault, error: flags.error,
      throttle: flags.throttle, status: http.status)
  }

  /// Walks nested `subsegments` (depth is bounded by the parser), validating each and noting
  /// remote calls and ids.
  private func collectSubsegments(of value: JSONValue, into record: inout SegmentRecord)
    throws(SegmentRejection)
  {
    guard let list = value["subsegments"] else { return }
    guard let subsegments = list.array else { throw .invalidSubsegment }
    for subsegment in subsegments {
      guard subsegment.members != nil, let idText = subsegment["id"]?.string,
        let id = SpanID(hex: idText)?.value
      else { throw .invalidSubsegment }
      let name: String
      let times: (Double, Double?)
      let http: XRayHTTP
      let flags: (fault: Bool, error: Bool, throttle: Bool)
      do {
        name = try Self.name(subsegment)
        times = try self.times(subsegment)
        http = try Self.http(subsegment)
        flags = (
          try Self.flag(subsegment, "fault"), try Self.flag(subsegment, "error"),
          try Self.flag(subsegment, "throttle")
        )
      } catch {
        throw .invalidSubsegment
      }
      record.nestedIDs.append(id)
      if subsegment["namespace"]?.string == "remote", let end = times.1 {
        record.remoteCalls.append(
          RemoteCall(
            target: name, startTime: times.0, endTime: end, fault: flags.fault,
            error: flags.error, throttle: flags.throttle, status: http.status))
      }
      try collectSubsegments(of: subsegment, into: &record)
    }
  }

  /// The longest name X-Ray accepts (developer guide, "Segment fields: name").
  static let maximumNameLength = 200

  /// `name`: 1–200 characters, Unicode letters, numbers and whitespace plus
  /// `_ . : / % & # = + \ - @` (developer guide, "Segment fields: name").
  static func name(_ value: JSONValue) throws(SegmentRejection) -> String {
    guard let name = value["name"]?.string, !name.isEmpty else { throw .invalidName }
    // Most names are short ASCII: checked byte by byte, without Unicode property lookups.
    if name.utf8.count <= maximumNameLength, name.utf8.allSatisfy(isASCIINameByte) { return name }
    guard name.count <= maximumNameLength, name.allSatisfy({ isNameCharacter($0) }) else {
      throw .invalidName
    }
    return name
  }

  private static func isASCIINameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "_"),
      UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "="), UInt8(ascii: "+"),
      UInt8(ascii: "\\"), UInt8(ascii: "-"), UInt8(ascii: "@"):
      true
    default: false
    }
  }

  static func isNameCharacter(_ character: Character) -> Bool {
    if character.isLetter || character.isNumber || character.isWhitespace { return true }
    return "_.:/%&#=+\\-@".contains(character)
  }

  /// `start_time` (no older than `maximumAge`, no further ahead than `maximumSkew`) and then
  /// `end_time` (not before the start, not longer than `maximumDuration`) or `in_progress: true`.
  private func times(_ value: JSONValue) throws(SegmentRejection) -> (Double, Double?) {
    let now = now()
    guard let start = value["start_time"]?.double, start >= now - maximumAge,
      start <= now + maximumSkew
    else { throw .invalidStartTime }
    if let endValue = value["end_time"] {
      guard let end = endValue.double, end >= start, end - start <= maximumDuration else {
        throw .invalidEndTime
      }
      return (start, end)
    }
    guard value["in_progress"]?.bool == true else { throw .invalidEndTime }
    return (start, nil)
  }

  /// `error`, `throttle`, `fault`: booleans when present.
  private static func flag(_ value: JSONValue, _ key: String) throws(SegmentRejection) -> Bool {
    guard let flag = value[key] else { return false }
    guard let result = flag.bool else { throw .invalidFlag }
    return result
  }

  /// `http.request{method, url, user_agent, client_ip}`, `http.response{status, content_length}`;
  /// a status must be a whole number 100–599.
  static func http(_ value: JSONValue) throws(SegmentRejection) -> XRayHTTP {
    var http = XRayHTTP()
    guard let block = value["http"] else { return http }
    guard block.members != nil else { throw .invalidHTTP }
    if let request = block["request"] {
      guard request.members != nil else { throw .invalidHTTP }
      http.method = request["method"]?.string
      http.url = request["url"]?.string
      http.userAgent = request["user_agent"]?.string
      http.clientIP = request["client_ip"]?.string
    }
    if let response = block["response"] {
      guard response.members != nil else { throw .invalidHTTP }
      if let status = response["status"] {
        guard let code = status.int, (100...599).contains(code) else { throw .invalidHTTP }
        http.status = code
      }
      http.contentLength = response["content_length"]?.int
    }
    return http
  }

  /// `annotations`: keys of ASCII letters, digits and `_`, values strings, numbers or booleans
  /// (developer guide, "Segment fields: annotations").
  static func annotations(_ value: JSONValue) throws(SegmentRejection)
    -> [(key: String, value: AnnotationValue)]
  {
    guard let block = value["annotations"] else { return [] }
    guard let members = block.members, members.count <= 50 else { throw .invalidAnnotation }
    var result: [(key: String, value: AnnotationValue)] = []
    for member in members {
      guard isAnnotationKey(member.key) else { throw .invalidAnnotation }
      switch member.value {
      case .string(let text): result.append((member.key, .string(text)))
      case .bool(let flag): result.append((member.key, .bool(flag)))
      case .number(let number, _):
        result.append((member.key, member.value.int.map(AnnotationValue.int) ?? .double(number)))
      default: throw .invalidAnnotation
      }
    }
    return result
  }

  static func isAnnotationKey(_ key: String) -> Bool {
    (1...500).contains(key.utf8.count)
      && key.utf8.allSatisfy { byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
      }
  }
}
