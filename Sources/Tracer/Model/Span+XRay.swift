import Telemetry

extension Span {
  /// The X-Ray document for this span, as AWS maps OpenTelemetry spans: a root span or a server
  /// or consumer span becomes a segment named after its service; a client or producer span
  /// becomes a remote subsegment (named after the called service) sent on its own; any other
  /// span a local subsegment. HTTP attributes (semantic conventions, old and new names) fill
  /// the `http` block and the flags: 4xx error, 429 throttle, 5xx fault; an error status with no
  /// HTTP status is a fault. Attributes go to `metadata.default`.
  public var xrayDocument: JSONValue {
    let isSegment = parentID == nil || kind == .server || kind == .consumer
    let isRemote = kind == .client || kind == .producer
    var members: [(key: String, value: JSONValue)] = [
      ("name", .string(Self.xrayName(isSegment ? service : isRemote ? calledService : name))),
      ("id", .string(id.hex)),
      ("trace_id", .string(traceID.xray)),
      ("start_time", Self.numberValue(startTime)),
      ("end_time", Self.numberValue(max(startTime, endTime))),
    ]
    if let parentID { members.append(("parent_id", .string(parentID.hex))) }
    if !isSegment {
      members.append(("type", .string("subsegment")))
      if isRemote { members.append(("namespace", .string("remote"))) }
    }
    let status = attribute("http.response.status_code", "http.status_code").flatMap(Self.integer)
    var request: [(key: String, value: JSONValue)] = []
    if let method = attribute("http.request.method", "http.method")?.text {
      request.append(("method", .string(method)))
    }
    if let url = attribute("url.full", "http.url", "http.target", "url.path", "http.path")?.text {
      request.append(("url", .string(url)))
    }
    if !request.isEmpty || status != nil {
      var http: [(key: String, value: JSONValue)] = []
      if !request.isEmpty { http.append(("request", .object(request))) }
      if let status, (100...599).contains(status) {
        http.append(("response", .object([("status", Self.numberValue(Double(status)))])))
      }
      members.append(("http", .object(http)))
    }
    let code = status ?? 0
    let fault = (500...599).contains(code) || (isError && status == nil)
    let error = (400...499).contains(code)
    for (key, flag) in [("fault", fault), ("error", error), ("throttle", code == 429)] where flag {
      members.append((key, .bool(true)))
    }
    if !attributes.isEmpty {
      let values = attributes.map { ($0.key, Self.json($0.value)) }
      members.append(("metadata", .object([("default", .object(values))])))
    }
    return .object(members)
  }

  /// The called service: Zipkin's remote endpoint, else `peer.service`, `server.address`,
  /// `net.peer.name`, else the span's name.
  private var calledService: String {
    remoteService ?? attribute("peer.service", "server.address", "net.peer.name")?.text ?? name
  }

  private func attribute(_ keys: String...) -> AnnotationValue? {
    for key in keys {
      if let found = attributes.first(where: { $0.key == key }) { return found.value }
    }
    return nil
  }

  private static func integer(_ value: AnnotationValue) -> Int? {
    switch value {
    case .int(let number): number
    case .double(let number): number.isFinite && abs(number) < 1e9 ? Int(number) : nil
    case .string(let text): Int(text)
    case .bool: nil
    }
  }

  /// A name X-Ray accepts: disallowed characters dropped, at most 200 characters, never empty.
  static func xrayName(_ name: String) -> String {
    let kept = String(
      name.filter(SegmentDecoder.isNameCharacter).prefix(SegmentDecoder.maximumNameLength))
    return kept.isEmpty ? "unnamed" : kept
  }

  private static func numberValue(_ value: Double) -> JSONValue { .number(value, text: "\(value)") }

  private static func json(_ value: AnnotationValue) -> JSONValue {
    switch value {
    case .string(let text): .string(text)
    case .int(let number): .number(Double(number), text: "\(number)")
    case .double(let number): number.isFinite ? numberValue(number) : .null
    case .bool(let flag): .bool(flag)
    }
  }
}
