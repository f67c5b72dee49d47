import Telemetry

/// Reads OTLP/HTTP JSON trace exports (`POST /v1/traces`, opentelemetry-proto
/// `ExportTraceServiceRequest` in its JSON mapping): `resourceSpans[].resource.attributes`
/// (`service.name`), `scopeSpans[].spans[]` with hex `traceId`/`spanId`/`parentSpanId`, `kind`,
/// `startTimeUnixNano`/`endTimeUnixNano` (decimal strings or numbers), `attributes` and
/// `status.code` (2 = error).
enum OTLPDecoder {
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
    guard value.members != nil else { throw .notAnObject }
    var spans: [Span] = []
    var invalid = 0
    for resourceSpans in value["resourceSpans"]?.array ?? [] {
      let resource = attributes(resourceSpans["resource"]?["attributes"])
      let service = resource.first { $0.key == "service.name" }?.value.text ?? "unknown_service"
      for scopeSpans in resourceSpans["scopeSpans"]?.array ?? [] {
        for item in scopeSpans["spans"]?.array ?? [] {
          if let span = span(item, service: service) { spans.append(span) } else { invalid += 1 }
        }
      }
    }
    return (spans, invalid)
  }

  private static func span(_ item: JSONValue, service: String) -> Span? {
    guard let traceID = item["traceId"]?.string.flatMap({ TraceID(w3c: $0.lowercased()) }),
      let id = item["spanId"]?.string.flatMap({ SpanID(hex: $0) }),
      let start = nanoseconds(item["startTimeUnixNano"]), start > 0,
      let end = nanoseconds(item["endTimeUnixNano"])
    else { return nil }
    var parentID: SpanID?
    if let parentText = item["parentSpanId"]?.string, !parentText.isEmpty {
      guard let parsed = SpanID(hex: parentText) else { return nil }
      parentID = parsed
    }
    return Span(
      traceID: traceID, id: id, parentID: parentID, name: item["name"]?.string ?? "unnamed",
      kind: item["kind"]?.int.flatMap(Span.Kind.init(rawValue:)) ?? .unspecified,
      startTime: start / 1e9, endTime: end / 1e9, service: service, remoteService: nil,
      attributes: attributes(item["attributes"]), isError: item["status"]?["code"]?.int == 2)
  }

  /// A `fixed64` in the JSON mapping: a decimal string, or a number.
  private static func nanoseconds(_ value: JSONValue?) -> Double? {
    if let text = value?.string { return UInt64(text).map { Double($0) } }
    return value?.double
  }

  /// `[{key, value: {stringValue|intValue|doubleValue|boolValue}}]`; other value kinds (arrays,
  /// maps, bytes) are left out.
  private static func attributes(_ value: JSONValue?) -> [(key: String, value: AnnotationValue)] {
    var result: [(key: String, value: AnnotationValue)] = []
    for attribute in value?.array ?? [] {
      guard let key = attribute["key"]?.string, let any = attribute["value"] else { continue }
      if let text = any["stringValue"]?.string {
        result.append((key, .string(text)))
      } else if let number = any["intValue"] {
        // int64 values are decimal strings in the JSON mapping.
        if let whole = number.string.flatMap({ Int($0) }) ?? number.int {
          result.append((key, .int(whole)))
        }
      } else if let number = any["doubleValue"]?.double {
        result.append((key, .double(number)))
      } else if let flag = any["boolValue"]?.bool {
        result.append((key, .bool(flag)))
      }
    }
    return result
  }
}
