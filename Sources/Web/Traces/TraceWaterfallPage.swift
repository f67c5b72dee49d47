/// `GET /traces/{id}`: the trace's segments and subsegments on one time axis, nested under
/// their parents. Each bar is a small SVG drawn by the server (offset and width from the start
/// and end times, no inline style); faults, errors and throttles are marked in words and
/// colour; HTTP details, annotations and exceptions open in `<details>`, without JavaScript.
struct TraceWaterfallPage: Sendable {
  /// Width of the bars' coordinate space (the SVG scales to its column).
  static let scale = 1000.0
  /// Deepest indentation drawn; deeper spans stay at this level.
  static let maxIndent = 12

  let waterfall: TraceWaterfall

  var body: String {
    """
    <h1>Trace <code>\(HTML.escape(waterfall.id))</code></h1>
    <p class="trace-nav"><a href="/traces">Trace list</a> · <a href="/traces/map">Service map</a></p>
    <p>Started <time datetime="\(ISOTime.string(waterfall.start))">\(ISOTime.string(waterfall.start))</time>, \
    lasted \(TraceFormat.duration(waterfall.duration)), \(waterfall.spans.count) segments and subsegments.</p>
    \(waterfall.truncated ? #"<p class="traces-more">The trace is cut after \#(TraceWaterfall.maxSpans) entries.</p>"# : "")
    <table class="trace-table waterfall">
    <thead><tr><th>Name</th><th>Timeline (\(axis))</th><th>Offset</th><th>Duration</th><th>Status</th><th>Details</th></tr></thead>
    <tbody>
    \(waterfall.spans.map(row).joined(separator: "\n"))
    </tbody></table>
    """
  }

  /// The axis as words: from 0 to the trace's duration.
  private var axis: String { "0 to \(TraceFormat.duration(waterfall.duration))" }

  private func row(_ span: WaterfallSpan) -> String {
    let total = max(waterfall.duration, 1e-6)
    let offset = span.start - waterfall.start
    let length = (span.end ?? waterfall.end) - span.start
    let x = min(Self.scale, max(0, offset / total * Self.scale))
    let width = min(Self.scale - x, max(2, length / total * Self.scale))
    let state = span.fault ? "fault" : (span.error || span.throttle ? "error" : "ok")
    let marks =
      [
        span.fault ? #"<span class="mark mark-fault">fault</span>"# : nil,
        span.error ? #"<span class="mark mark-error">error</span>"# : nil,
        span.throttle ? #"<span class="mark mark-throttle">throttle</span>"# : nil,
        span.end == nil ? #"<span class="mark">in progress</span>"# : nil,
      ].compactMap { $0 }
    let status = span.http.first { $0.key == "response.status" }?.value
    let kind =
      span.isSegment ? "segment" : (span.namespace.map { "\($0) subsegment" } ?? "subsegment")
    let label =
      "\(span.name) (\(kind)): starts at \(TraceFormat.duration(offset)), lasts \(span.end == nil ? "still running" : TraceFormat.duration(length))"
    return """
      <tr class="span-\(state)\(span.isSegment ? " span-segment" : "")">\
      <td class="depth-\(min(span.depth, Self.maxIndent))"><span class="span-name">\(HTML.escape(span.name))</span> \
      <small>\(HTML.escape(kind))</small></td>\
      <td class="span-bar"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(Self.scale)) 14" \
      preserveAspectRatio="none" role="img" aria-label="\(HTML.escape(label))">\
      <rect x="\(Self.number(x))" y="2" width="\(Self.number(width))" height="10" class="bar bar-\(state)"/></svg></td>\
      <td>\(TraceFormat.duration(offset))</td><td>\(span.end == nil ? "–" : TraceFormat.duration(length))</td>\
      <td>\(HTML.escape(status ?? "–")) \(marks.joined(separator: " "))</td><td>\(details(span))</td></tr>
      """
  }

  private func details(_ span: WaterfallSpan) -> String {
    let groups: [(String, [(key: String, value: String)])] = [
      ("HTTP", span.http), ("Annotations", span.annotations),
      ("Exceptions", span.exceptions.map { ("", $0) }),
    ]
    let sections = groups.filter { !$0.1.isEmpty }.map { title, items in
      let entries = items.map { item in
        item.key.isEmpty
          ? "<li>\(HTML.escape(item.value))</li>"
          : "<li><code>\(HTML.escape(item.key))</code>: \(HTML.escape(item.value))</li>"
      }
      return "<h3>\(title)</h3><ul>\(entries.joined())</ul>"
    }
    guard !sections.isEmpty else { return "" }
    return "<details><summary>Show</summary>\(sections.joined())</details>"
  }

  /// A coordinate with at most two decimals.
  private static func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
