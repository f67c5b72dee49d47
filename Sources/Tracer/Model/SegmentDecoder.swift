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

  /// X-Ray's limits (``JSONParser/init(maximumBytes:maximumDepth:)``), for the copy of a
  /// non-contiguous input and for the reading alike.
  private static let parser = JSONParser()

  /// Parses and validates a document given as bytes (at most 64 kB, depth 32), reading its
  /// members straight into the record: members the rules do not read are skipped, though
  /// still checked as JSON. `service` names the segment of a subsegment sent alone, when the
  /// sender knew it.
  public func decode(bytes: some Collection<UInt8>, service: String? = nil)
    throws(SegmentRejection) -> SegmentRecord
  {
    try Self.parser.withBuffer(bytes) { buffer throws(SegmentRejection) in
      try decode(buffer: buffer, service: service)
    }
  }

  /// Reads the fields and applies the rules while `buffer` is held: the fields' plain strings
  /// are views into it (``JSONString``), so only what the record keeps becomes a `String`.
  private func decode(buffer: UnsafeBufferPointer<UInt8>, service: String?)
    throws(SegmentRejection) -> SegmentRecord
  {
    let fields: SegmentFields?
    do {
      fields = try Self.parser.read(buffer: buffer) { reader throws(JSONParseError) in
        guard try reader.peek() == UInt8(ascii: "{") else {
          try reader.skipValue(depth: 1)
          return nil
        }
        return try SegmentFields(reading: &reader, depth: 1)
      }
    } catch {
      switch error.reason {
      case .tooLarge: throw .tooLarge
      case .tooDeep: throw .tooDeep
      default: throw .invalidJSON
      }
    }
    guard let fields else { throw .notAnObject }
    return try record(fields, text: String(decoding: buffer, as: UTF8.self), service: service)
  }

  /// Validates a document built in memory (OpenTelemetry spans mapped to X-Ray), as its text.
  public func decode(_ value: JSONValue, service: String? = nil) throws(SegmentRejection)
    -> SegmentRecord
  {
    try decode(bytes: Array(value.jsonText.utf8), service: service)
  }

  /// The rules, in the order their rejections are reported.
  private func record(_ fields: SegmentFields, text: String, service: String?)
    throws(SegmentRejection) -> SegmentRecord
  {
    guard let traceID = fields.traceID?.string?.withUTF8({ TraceID(xray: $0) }) else {
      throw .invalidTraceID
    }
    guard let id = Self.spanID(fields.id) else { throw .invalidID }
    let isSubsegment = fields.type?.isString("subsegment") ?? false
    var parentID: SpanID?
    if let parent = fields.parentID {
      guard let parsed = Self.spanID(parent) else { throw .invalidParentID }
      parentID = parsed
    } else if isSubsegment {
      throw .invalidParentID
    }
    let now = now()
    let name = try Self.name(fields.name)
    let (startTime, endTime) = try times(fields, now: now)
    let http = try Self.http(fields.http)
    var record = SegmentRecord(
      traceID: traceID, id: id, parentID: parentID, name: name,
      service: isSubsegment ? service : name, isSubsegment: isSubsegment,
      startTime: startTime, endTime: endTime, origin: fields.origin?.string?.text, http: http,
      fault: try Self.flag(fields.fault), error: try Self.flag(fields.error),
      throttle: try Self.flag(fields.throttle),
      annotations: try Self.annotations(fields.annotations), remoteCalls: [], nestedIDs: [],
      document: text)
    if isSubsegment, fields.namespace?.isString("remote") ?? false, let endTime {
      record.remoteCalls.append(
        RemoteCall(
          id: id.value, target: name, startTime: startTime, endTime: endTime, fault: record.fault,
          error: record.error, throttle: record.throttle, status: http.status))
    }
    try collectSubsegments(fields.subsegments, into: &record, now: now)
    return record
  }

  /// Walks nested `subsegments` (depth is bounded by the parser), validating each and noting
  /// remote calls and ids.
  private func collectSubsegments(
    _ list: SegmentFields.SubsegmentList?, into record: inout SegmentRecord, now: Double
  ) throws(SegmentRejection) {
    guard let list else { return }
    guard list.isArray else { throw .invalidSubsegment }
    if record.nestedIDs.isEmpty {
      // One allocation each for a usual document's subsegments and calls.
      record.nestedIDs.reserveCapacity(2 * SegmentFields.SubsegmentList.usualCount)
      record.remoteCalls.reserveCapacity(SegmentFields.SubsegmentList.usualCount)
    }
    // Each element is lent to `collect`, not copied.
    try list.elements.withUnsafeBufferPointer { elements throws(SegmentRejection) in
      for index in elements.indices { try collect(elements[index], into: &record, now: now) }
    }
  }

  private func collect(_ subsegment: SegmentFields, into record: inout SegmentRecord, now: Double)
    throws(SegmentRejection)
  {
    guard subsegment.isObject, let id = Self.spanID(subsegment.id)?.value else {
      throw .invalidSubsegment
    }
    let name: String
    let times: (Double, Double?)
    let status: Int?
    let flags: (fault: Bool, error: Bool, throttle: Bool)
    do {
      name = try Self.name(subsegment.name)
      times = try self.times(subsegment, now: now)
      status = try Self.status(subsegment.http)
      flags = (
        try Self.flag(subsegment.fault), try Self.flag(subsegment.error),
        try Self.flag(subsegment.throttle)
      )
    } catch {
      throw .invalidSubsegment
    }
    record.nestedIDs.append(id)
    if subsegment.namespace?.isString("remote") ?? false, let end = times.1 {
      record.remoteCalls.append(
        RemoteCall(
          id: id, target: name, startTime: times.0, endTime: end, fault: flags.fault,
          error: flags.error, throttle: flags.throttle, status: status))
    }
    try collectSubsegments(subsegment.subsegments, into: &record, now: now)
  }

  /// A string member read as 16 hex digits, straight from its bytes; `nil` when absent, not a
  /// string or not an id.
  private static func spanID(_ value: JSONScalar?) -> SpanID? {
    value?.string?.withUTF8 { SpanID(hex: $0) }
  }

  /// The longest name X-Ray accepts (developer guide, "Segment fields: name").
  static let maximumNameLength = 200

  /// `name`: 1–200 characters, Unicode letters, numbers and whitespace plus
  /// `_ . : / % & # = + \ - @` (developer guide, "Segment fields: name").
  static func name(_ value: JSONScalar?) throws(SegmentRejection) -> String {
    guard let name = value?.string?.text, !name.isEmpty else { throw .invalidName }
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

  /// `start_time` (no older than `maximumAge`, no further ahead than `maximumSkew` from `now`)
  /// and then `end_time` (not before the start, not longer than `maximumDuration`) or
  /// `in_progress: true`.
  private func times(_ fields: SegmentFields, now: Double) throws(SegmentRejection)
    -> (Double, Double?)
  {
    guard let start = fields.startTime?.double, start >= now - maximumAge,
      start <= now + maximumSkew
    else { throw .invalidStartTime }
    if let endValue = fields.endTime {
      guard let end = endValue.double, end >= start, end - start <= maximumDuration else {
        throw .invalidEndTime
      }
      return (start, end)
    }
    guard fields.inProgress?.bool == true else { throw .invalidEndTime }
    return (start, nil)
  }

  /// `error`, `throttle`, `fault`: booleans when present.
  private static func flag(_ value: JSONScalar?) throws(SegmentRejection) -> Bool {
    guard let value else { return false }
    guard let result = value.bool else { throw .invalidFlag }
    return result
  }

  /// `http.request{method, url, user_agent, client_ip}`, `http.response{status, content_length}`,
  /// checked by ``status(_:)``.
  static func http(_ block: SegmentFields.HTTPFields?) throws(SegmentRejection) -> XRayHTTP {
    var http = XRayHTTP(status: try status(block))
    if let request = block?.request {
      http.method = request.method?.string?.text
      http.url = request.url?.string?.text
      http.userAgent = request.userAgent?.string?.text
      http.clientIP = request.clientIP?.string?.text
    }
    http.contentLength = block?.response?.contentLength?.int
    return http
  }

  /// An `http` block's checks: an object, its `request` and `response` objects, a status a
  /// whole number 100–599. Returns only the status, all a nested subsegment's remote call keeps,
  /// so the block's strings are not made for it.
  private static func status(_ block: SegmentFields.HTTPFields?) throws(SegmentRejection) -> Int? {
    guard let block else { return nil }
    guard block.isObject, block.request?.isObject != false, block.response?.isObject != false
    else { throw .invalidHTTP }
    guard let status = block.response?.status else { return nil }
    guard let code = status.int, (100...599).contains(code) else { throw .invalidHTTP }
    return code
  }

  /// `annotations`: keys of ASCII letters, digits and `_`, values strings, numbers or booleans
  /// (developer guide, "Segment fields: annotations").
  static func annotations(_ block: SegmentFields.AnnotationFields?) throws(SegmentRejection)
    -> [(key: String, value: AnnotationValue)]
  {
    guard let block else { return [] }
    guard block.isObject, block.count <= 50 else { throw .invalidAnnotation }
    var result: [(key: String, value: AnnotationValue)] = []
    result.reserveCapacity(block.members.count)
    for member in block.members {
      guard isAnnotationKey(member.key) else { throw .invalidAnnotation }
      switch member.value {
      case .string(let text): result.append((member.key, .string(text.text)))
      case .bool(let flag): result.append((member.key, .bool(flag)))
      case .number(let number):
        result.append((member.key, member.value.int.map(AnnotationValue.int) ?? .double(number)))
      case .other: throw .invalidAnnotation
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
