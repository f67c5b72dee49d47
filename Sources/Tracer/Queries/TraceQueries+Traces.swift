import Telemetry
import Wire

extension TraceQueries {
  /// `BatchGetTraces` (`POST /Traces {TraceIds}`) → `{Traces[{Id, Duration, LimitExceeded,
  /// Segments[{Id, Document}]}], UnprocessedTraceIds}`; documents have their separately sent
  /// subsegments nested back in, and ids not stored are listed as unprocessed.
  public func batchGetTraces(requestBody: [UInt8]) throws(HTTPError) -> [UInt8] {
    let request = try Self.requestObject(requestBody)
    guard let list = request["TraceIds"]?.array else {
      throw HTTPError(.badRequest, "TraceIds is required: an array of trace ids")
    }
    guard list.count <= maximumTraceIDs else {
      throw HTTPError(.badRequest, "at most \(maximumTraceIDs) TraceIds per request")
    }
    var writer = JSONWriter()
    var unprocessed: [String] = []
    writer.beginObject()
    writer.key("Traces")
    writer.beginArray()
    for item in list {
      guard let text = item.string else { throw HTTPError(.badRequest, "TraceIds must be strings") }
      guard let id = TraceID(xray: text) ?? TraceID(w3c: text),
        let summary = try? store.traceSummary(id), let records = try? store.records(of: id)
      else {
        unprocessed.append(text)
        continue
      }
      writer.beginObject()
      writer.key("Id")
      writer.string(id.xray)
      writer.key("Duration")
      writer.double(summary.duration)
      writer.key("LimitExceeded")
      writer.bool(false)
      writer.key("Segments")
      writer.beginArray()
      for (segmentID, document) in TraceAssembler.assemble(records) {
        writer.beginObject()
        writer.key("Id")
        writer.string(segmentID)
        writer.key("Document")
        writer.string(document.jsonText)
        writer.endObject()
      }
      writer.endArray()
      writer.endObject()
    }
    writer.endArray()
    writer.key("UnprocessedTraceIds")
    writer.beginArray()
    for id in unprocessed { writer.string(id) }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }
}
