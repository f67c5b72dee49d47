import Tracer

/// `GET /traces`: the filter-expression box (a GET form), and the matching traces of the
/// window newest first, each linking to its waterfall. A bad expression is shown with the
/// parser's message and a caret under the position it names.
struct TraceListPage: Sendable {
  let filter: String
  let window: TraceWindow
  /// The parser's complaint about `filter`, if any.
  let problem: FilterExpressionError?
  let scan: TraceSummaryScan?

  var body: String {
    """
    <h1>Traces</h1>
    <p class="trace-nav"><a href="/traces/map?minutes=\(window.minutes)">Service map</a></p>
    <form method="get" action="/traces" class="trace-search">
    <label>Filter expression <input type="search" name="filter" value="\(HTML.escape(filter))" \
    maxlength="\(WebApp.maxTraceFilterLength)" placeholder="responsetime &gt; 1 AND service(&quot;unicorn&quot;) { fault }" \
    spellcheck="false" autocomplete="off"></label>
    \(window.select)
    <button type="submit">Search</button>
    </form>
    \(problem.map(Self.problemBlock(filter)) ?? "")
    \(scan.map(results) ?? "")
    """
  }

  /// The message, and the expression with a caret under the character the parser stopped at.
  static func problemBlock(_ filter: String) -> (FilterExpressionError) -> String {
    { problem in
      let caret = String(repeating: " ", count: max(0, min(problem.position, filter.count))) + "^"
      return """
        <div class="filter-error" role="alert"><p>\(HTML.escape(problem.message)) at position \(problem.position):</p>
        <pre>\(HTML.escape(filter))
        \(caret)</pre></div>
        """
    }
  }

  private func results(_ scan: TraceSummaryScan) -> String {
    guard !scan.newest.isEmpty else {
      return #"<p class="traces-empty">No traces match in this window.</p>"#
    }
    let more =
      scan.complete && scan.matched <= scan.newest.count
      ? ""
      : "<p class=\"traces-more\">Only the newest \(scan.newest.count) are shown; narrow the window or the expression.</p>"
    return """
      <table class="trace-table trace-list">
      <thead><tr><th>Trace</th><th>Started</th><th>Duration</th><th>Status</th><th>Request</th>\
      <th>Services</th><th>Marks</th></tr></thead>
      <tbody>
      \(scan.newest.map(Self.row).joined(separator: "\n"))
      </tbody></table>
      \(more)
      """
  }

  private static func row(_ item: TraceListItem) -> String {
    var marks: [String] = []
    if item.hasFault { marks.append(#"<span class="mark mark-fault">fault</span>"#) }
    if item.hasError { marks.append(#"<span class="mark mark-error">error</span>"#) }
    if item.hasThrottle { marks.append(#"<span class="mark mark-throttle">throttle</span>"#) }
    if item.isPartial { marks.append(#"<span class="mark">in progress</span>"#) }
    let request = [item.httpMethod, item.httpURL].compactMap { $0 }.joined(separator: " ")
    let health = item.hasFault ? "faults" : (item.hasError || item.hasThrottle ? "errors" : "ok")
    return """
      <tr class="health-\(health)"><td><a href="/traces/\(HTML.escape(item.id))"><code>\(HTML.escape(item.id))</code></a></td>\
      <td><time datetime="\(ISOTime.string(item.startTime))">\(ISOTime.string(item.startTime))</time></td>\
      <td>\(TraceFormat.duration(item.duration))</td><td>\(item.httpStatus.map(String.init) ?? "–")</td>\
      <td class="trace-request">\(HTML.escape(request))</td>\
      <td>\(HTML.escape(item.services.joined(separator: ", ")))</td><td>\(marks.joined(separator: " "))</td></tr>
      """
  }
}
