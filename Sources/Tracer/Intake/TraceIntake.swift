import Telemetry
import Wire

/// The tracer's HTTP intake: X-Ray `PutTraceSegments` (`POST /TraceSegments`), centralized
/// sampling (`POST /GetSamplingRules`, `POST /SamplingTargets`), Zipkin v2 JSON
/// (`POST /api/v2/spans`), OTLP/HTTP JSON (`POST /v1/traces`) and the counters (`GET /stats`).
/// Everything goes through the same ``SegmentDecoder`` and ``SegmentWriter`` as the daemon's
/// datagrams.
public struct TraceIntake: Sendable {
  public let decoder: SegmentDecoder
  public let writer: SegmentWriter
  public let sampling: SamplingCoordinator
  /// The largest request body accepted.
  public var maximumBody = 4 << 20

  public init(decoder: SegmentDecoder, writer: SegmentWriter, sampling: SamplingCoordinator) {
    self.decoder = decoder
    self.writer = writer
    self.sampling = sampling
  }

  public var routes: [Route] {
    [
      post("/TraceSegments") { intake, body throws(HTTPError) in try intake.putTraceSegments(body)
      },
      post("/GetSamplingRules") { intake, _ throws(HTTPError) in intake.sampling.rulesDocument() },
      post("/SamplingTargets") { intake, body throws(HTTPError) in
        try intake.sampling.targetsDocument(requestBody: body)
      },
      post("/api/v2/spans", status: .accepted) { intake, body throws(HTTPError) in
        try intake.ingest { () throws(SegmentRejection) in
          try ZipkinDecoder.spans(body, maximumBytes: intake.maximumBody)
        }
      },
      post("/v1/traces") { intake, body throws(HTTPError) in
        try intake.ingest { () throws(SegmentRejection) in
          try OTLPDecoder.spans(body, maximumBytes: intake.maximumBody)
        }
      },
      Route(
        .get, "/stats",
        .inline { [writer] _ in
          HTTPResponse(
            status: .ok, headers: ["Content-Type": "application/json"],
            body: .bytes(
              writer.statistics.jsonDocument(
                queued: writer.queued, unattributedCalls: writer.store.unattributedCalls)))
        }),
    ]
  }

  private func post(
    _ path: String, status: HTTPStatus = .ok,
    _ handler: @escaping @Sendable (TraceIntake, [UInt8]) throws(HTTPError) -> [UInt8]
  ) -> Route {
    Route(
      .post, path, bodyLimit: maximumBody,
      .inline { [self] request in
        var response = TraceQueries.respond { () throws(HTTPError) in
          try handler(self, request.body)
        }
        if response.status == .ok { response.status = status }
        return response
      })
  }

  /// `{TraceSegmentDocuments: [string]}` → `{UnprocessedTraceSegments: [{Id, ErrorCode,
  /// Message}]}`: each refused document is listed with the reason it was counted under.
  func putTraceSegments(_ body: [UInt8]) throws(HTTPError) -> [UInt8] {
    let request = try TraceQueries.requestObject(body)
    guard let documents = request["TraceSegmentDocuments"]?.array else {
      throw HTTPError(.badRequest, "TraceSegmentDocuments is required: an array of strings")
    }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("UnprocessedTraceSegments")
    writer.beginArray()
    for document in documents {
      let text = document.string ?? ""
      var failure: String?
      do {
        let record = try decoder.decode(bytes: Array(text.utf8))
        if !self.writer.submit(record) { failure = "dropped_queue_full" }
      } catch {
        self.writer.statistics.reject(error)
        failure = error.rawValue
      }
      guard let failure else { continue }
      writer.beginObject()
      if let id = (try? JSONParser().parse(Array(text.utf8)))?["id"]?.string {
        writer.key("Id")
        writer.string(id)
      }
      writer.key("ErrorCode")
      writer.string(failure)
      writer.key("Message")
      writer.string("segment document refused: \(failure)")
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }

  /// Queues the spans' X-Ray documents; a span that does not map to a valid document is counted
  /// as `invalid_span`. Answers OTLP's `{partialSuccess{rejectedSpans, errorMessage}}` (Zipkin
  /// ignores the body of its 202).
  func ingest(
    _ decode: () throws(SegmentRejection) -> (spans: [Span], invalid: Int)
  ) throws(HTTPError) -> [UInt8] {
    let result: (spans: [Span], invalid: Int)
    do {
      result = try decode()
    } catch {
      writer.statistics.reject(error)
      throw HTTPError(.badRequest, "the body is not a span export: \(error.rawValue)")
    }
    var rejected = result.invalid
    for _ in 0..<result.invalid { writer.statistics.reject(.invalidSpan) }
    for span in result.spans {
      do {
        writer.submit(try decoder.decode(span.xrayDocument, service: span.service))
      } catch {
        writer.statistics.reject(error)
        rejected += 1
      }
    }
    var json = JSONWriter()
    json.beginObject()
    if rejected > 0 {
      json.key("partialSuccess")
      json.beginObject()
      json.key("rejectedSpans")
      json.int(rejected)
      json.key("errorMessage")
      json.string("\(rejected) spans could not be read as traces")
      json.endObject()
    }
    json.endObject()
    return json.bytes
  }
}
