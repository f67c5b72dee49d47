import Telemetry
import Tracer
import Wire

/// The traces matching a filter expression in a window, newest first, read through X-Ray's
/// `GetTraceSummaries` (so the list, the check kind and the API agree on what matches).
///
/// The tracer pages in start order, so the scan walks back from the window's end in slices
/// (the last minute, then the two before, then four…), each read oldest first, until it has
/// `keep` matches, `stopAfter` matched, or `pageLimit` pages were read: every call is bounded,
/// and a busy window still shows its newest traces.
struct TraceSummaryScan: Sendable {
  /// The first slice, seconds; each next slice is twice as long.
  static let firstSlice = 60.0

  /// The newest matches kept, newest first.
  private(set) var newest: [TraceListItem] = []
  /// How many traces matched in the pages read.
  private(set) var matched = 0
  /// `false` when the scan stopped before reading the whole window.
  private(set) var complete = true

  /// - Parameters:
  ///   - filter: an X-Ray filter expression (already checked with `FilterParser`), or empty.
  ///   - keep: most matches kept for the list.
  ///   - stopAfter: stop once this many traces matched.
  ///   - pageLimit: most `GetTraceSummaries` pages read in all.
  /// - Throws: `HTTPError` as the tracer answers (400 for a bad expression, 503 when the store
  ///   fails).
  init(
    queries: TraceQueries, start: Double, end: Double, filter: String, keep: Int = 100,
    stopAfter: Int = .max, pageLimit: Int = 20
  ) throws(HTTPError) {
    // Both ends of a slice are inclusive: a trace on a boundary is read twice, counted once.
    var seen = Set<String>()
    var sliceEnd = end
    var length = Self.firstSlice
    var pages = 0
    while true {
      let sliceStart = max(start, sliceEnd - length)
      var slice: [TraceListItem] = []
      var token: String?
      repeat {
        guard pages < pageLimit else {
          complete = false
          break
        }
        pages += 1
        let page = try Self.page(queries, sliceStart, sliceEnd, filter, token)
        slice += page.items.filter { seen.insert($0.id).inserted }
        token = page.next
      } while token != nil && matched + slice.count < stopAfter
      newest += slice.reversed()
      matched += slice.count
      if token != nil { complete = false }
      if !complete || sliceStart <= start { break }
      if newest.count >= keep || matched >= stopAfter {
        complete = false
        break
      }
      sliceEnd = sliceStart
      length *= 2
    }
    newest = Array(newest.prefix(keep))
  }

  /// One `GetTraceSummaries` page: its summaries and its `NextToken`.
  private static func page(
    _ queries: TraceQueries, _ start: Double, _ end: Double, _ filter: String, _ token: String?
  ) throws(HTTPError) -> (items: [TraceListItem], next: String?) {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("StartTime")
    writer.double(start)
    writer.key("EndTime")
    writer.double(end)
    writer.key("FilterExpression")
    writer.string(filter)
    if let token {
      writer.key("NextToken")
      writer.string(token)
    }
    writer.endObject()
    let answer = try queries.traceSummaries(requestBody: writer.bytes)
    let page: JSONValue
    do {
      page = try JSONParser(maximumBytes: 1 << 26, maximumDepth: 16).parse(answer)
    } catch {
      throw HTTPError(.serviceUnavailable, "the tracer's answer could not be read: \(error)")
    }
    let items = (page["TraceSummaries"]?.array ?? []).compactMap(TraceListItem.init)
    return (items, page["NextToken"]?.string)
  }
}
