import Telemetry
import Tracer
import Wire

/// A trace laid out for the waterfall: every segment and subsegment in tree order (children
/// under their parent, by start time) with its depth, and the trace's time span.
struct TraceWaterfall: Sendable {
  /// Most spans drawn; a bigger trace is cut (and says so).
  static let maxSpans = 2000

  let id: String
  private(set) var spans: [WaterfallSpan] = []
  private(set) var truncated = false
  /// Earliest start, Unix seconds.
  private(set) var start = 0.0
  /// Latest end (or start, for spans still in progress).
  private(set) var end = 0.0

  var duration: Double { max(0, end - start) }

  /// The trace `id` from the learner's own store through X-Ray's `BatchGetTraces`; `nil` when
  /// the store does not hold it (or `id` is not a trace id).
  init?(id: String, queries: TraceQueries) throws(HTTPError) {
    guard id.utf8.count <= 64, let traceID = TraceID(xray: id) else { return nil }
    self.id = traceID.xray
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("TraceIds")
    writer.beginArray()
    writer.string(traceID.xray)
    writer.endArray()
    writer.endObject()
    let answer = try queries.batchGetTraces(requestBody: writer.bytes)
    let parser = JSONParser(maximumBytes: 1 << 26, maximumDepth: 128)
    guard let trace = (try? parser.parse(answer))?["Traces"]?.array?.first,
      let segments = trace["Segments"]?.array
    else { return nil }
    let documents = segments.compactMap { segment in
      segment["Document"]?.string.flatMap { try? parser.parse(Array($0.utf8)) }
    }
    arrange(documents.flatMap { WaterfallSpan.all(in: $0) })
  }

  /// Orders `found` as a tree: roots are spans whose parent is not in the trace.
  private mutating func arrange(_ found: [WaterfallSpan]) {
    guard !found.isEmpty else { return }
    let ids = Set(found.map(\.id))
    let children = Dictionary(grouping: found) { span in
      span.parentID.flatMap { ids.contains($0) ? $0 : nil } ?? ""
    }.mapValues { $0.sorted { ($0.start, $0.id) < ($1.start, $1.id) } }
    var seen = Set<String>()
    var stack = (children[""] ?? []).reversed().map { ($0, 0) }
    while let (span, depth) = stack.popLast() {
      guard seen.insert(span.id).inserted else { continue }
      guard spans.count < Self.maxSpans else {
        truncated = true
        break
      }
      var placed = span
      placed.depth = depth
      spans.append(placed)
      stack += (children[span.id] ?? []).reversed().map { ($0, depth + 1) }
    }
    start = spans.map(\.start).min() ?? 0
    end = spans.map { $0.end ?? $0.start }.max() ?? start
  }
}
