import Telemetry

/// Reads Zipkin v2 JSON (`POST /api/v2/spans`, zipkin-api `zipkin2-api.yaml`): an array of spans
/// `{traceId, id, parentId, name, kind, timestamp (µs), duration (µs), localEndpoint{serviceName},
/// remoteEndpoint{serviceName}, tags}`. A 16-digit trace id is widened to 32 with leading zeros.
enum ZipkinDecoder {
  /// The spans that could be read, and how many could not.
  static func spans(_ body: [UInt8], maximumBytes: Int) throws(SegmentRejection) -> (
    spans: [Span], invalid: Int
  ) {
    let value: JSONValue
    do {
      value = try JSONParser(maximumBytes: maximumBytes).parse(body)
    } catch {
      throw error.reason == .tooLarge
        ? .tooLarge : error.reason == .tooDeep ? .tooDeep : .invalidJSON
    }
    guard let list = value.array else { throw .notAnObject }
    var spans: [Span] = []
    var invalid = 0
    for item in list {
      if let span = span(item) { spans.append(span) } else { invalid += 1 }
    }
    return (spans, invalid)
  }

  private static func span(_ item: JSONValue) -> Span? {
    guard let traceText = item["traceId"]?.string,
      let traceID = TraceID(
        w3c: traceText.count == 16 ? "0000000000000000" + traceText : traceText),
      let id = item["id"]?.string.flatMap({ SpanID(hex: $0) }),
      let timestamp = item["timestamp"]?.double, timestamp > 0
    else { return nil }
    var parentID: SpanID?
    if let parent = item["parentId"] {
      guard let parsed = parent.string.flatMap({ SpanID(hex: $0) }) else { return nil }
      parentID = parsed
    }
    let duration = max(0, item["duration"]?.double ?? 0)
    let kinds: [String: Span.Kind] = [
      "SERVER": .server, "CLIENT": .client, "PRODUCER": .producer, "CONSUMER": .consumer,
    ]
    var tags: [(key: String, value: AnnotationValue)] = []
    var isError = false
    for tag in item["tags"]?.members ?? [] {
      guard let text = tag.value.string else { return nil }
      // OpenTelemetry's Zipkin exporters write `otel.status_code: ERROR` and `error`.
      if tag.key == "error" || (tag.key == "otel.status_code" && text == "ERROR") { isError = true }
      tags.append((tag.key, .string(text)))
    }
    return Span(
      traceID: traceID, id: id, parentID: parentID, name: item["name"]?.string ?? "unnamed",
      kind: item["kind"]?.string.flatMap { kinds[$0] } ?? .internal,
      startTime: timestamp / 1e6, endTime: (timestamp + duration) / 1e6,
      service: item["localEndpoint"]?["serviceName"]?.string ?? "unknown",
      remoteService: item["remoteEndpoint"]?["serviceName"]?.string, attributes: tags,
      isError: isError)
  }
}
