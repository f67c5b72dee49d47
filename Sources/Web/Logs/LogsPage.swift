import LogRouter

/// `GET /logs`: the learner's log search (issue 7 item 3) — a GET form, results newest first
/// with matched terms marked, container and source facets as links, "Older" paging and a live
/// tail. Every logged value is escaped before it is marked or placed (HTML Living Standard
/// §13.1.2); without script the page refreshes itself (`<noscript>`).
struct LogsPage {
  /// Seconds between the `<noscript>` refreshes.
  static let refreshSeconds = 10

  let search: LogSearch
  /// The page of results; `nil` when the learner has no logs yet.
  let result: LogQueryResult?
  /// A problem with the search to show above the form.
  let message: String?

  /// The `id` of a record's element, shared by the page and the tail.
  static func elementID(_ log: StoredLog) -> String { "log-\(log.id)" }

  /// `<noscript>` refresh for `<head>`.
  var head: String {
    #"<noscript><meta http-equiv="refresh" content="\#(Self.refreshSeconds)"></noscript>"#
  }

  var body: String {
    var html = "<h1>Logs</h1>\n"
    if let message { html += Layout.message(message) + "\n" }
    html += form + "\n"
    guard let result else {
      return html
        + #"<p class="logs-empty">No logs yet: start your sandbox and send it some traffic.</p>"#
    }
    html += facets(result) + "\n"
    html += #"<ol class="logs" id="log-lines" data-logs-sse="\#(HTML.escape(tailURL))">"# + "\n"
    for log in result.records {
      html += line(log) + "\n"
    }
    html += "</ol>\n"
    if result.records.isEmpty {
      html += #"<p class="logs-empty">No lines match this search.</p>"# + "\n"
    }
    if let next = result.next {
      html += #"<p><a rel="next" href="\#(HTML.escape(link(next: next)))">Older lines</a></p>"#
    }
    return html
  }

  private var form: String {
    let containers = result.map { Array($0.containers.keys) } ?? []
    let sources = result.map { Array($0.sources.keys) } ?? []
    return """
      <form method="get" action="/logs" class="logs-search">
      <label>Filter <input type="search" name="filter" value="\(HTML.escape(search.filter))" \
      placeholder="ERROR -health or { $.status = 503 }" maxlength="\(LogSearch.maxFilterLength)"></label>
      <label>Container \(select("container", containers, chosen: search.container))</label>
      <label>Source \(select("source", sources, chosen: search.source))</label>
      <label>Time <select name="range">\(rangeOptions)</select></label>
      <button type="submit">Search</button>
      </form>
      """
  }

  private func select(_ name: String, _ values: [String], chosen: String?) -> String {
    var names = Set(values)
    if let chosen { names.insert(chosen) }
    let options = names.sorted().map { value in
      let selected = value == chosen ? " selected" : ""
      return #"<option value="\#(HTML.escape(value))"\#(selected)>\#(HTML.escape(value))</option>"#
    }
    return #"<select name="\#(name)"><option value="">all</option>\#(options.joined())</select>"#
  }

  private var rangeOptions: String {
    LogSearch.ranges.map { preset in
      let selected = preset.name == search.range ? " selected" : ""
      let label = preset.seconds == nil ? "all time" : "last \(preset.name)"
      return #"<option value="\#(preset.name)"\#(selected)>\#(label)</option>"#
    }.joined()
  }

  private func facets(_ result: LogQueryResult) -> String {
    func links(_ counts: [String: Int], _ name: String, chosen: String?) -> String {
      counts.sorted { $0.key < $1.key }.map { value, count in
        let url = name == "container" ? link(container: value) : link(source: value)
        let current = value == chosen ? #" aria-current="true""# : ""
        let label = value.isEmpty ? "(none)" : value
        return #"<a href="\#(HTML.escape(url))"\#(current)>\#(HTML.escape(label)) (\#(count))</a>"#
      }.joined(separator: " ")
    }
    return """
      <p class="logs-facets">Containers: \(links(result.containers, "container", chosen: search.container))</p>
      <p class="logs-facets">Sources: \(links(result.sources, "source", chosen: search.source))</p>
      """
  }

  /// The result's lines as a plain list, without the search form, facets or live tail: what an
  /// instructor sees of a learner's logs.
  var plainLines: String {
    guard let result, !result.records.isEmpty else {
      return #"<p class="logs-empty">No logs yet.</p>"#
    }
    return #"<ol class="logs">"# + "\n" + result.records.map(line).joined(separator: "\n")
      + "\n</ol>"
  }

  private func line(_ log: StoredLog) -> String {
    let time = ISOTime.string(log.time)
    return """
      <li id="\(Self.elementID(log))"><time datetime="\(time)">\(time)</time> \
      <span class="log-container">\(HTML.escape(log.container))</span> \
      <span class="log-source">\(HTML.escape(log.source))</span> \
      <code class="log-text">\(MarkedText(log.message, pattern: search.pattern).html)</code></li>
      """
  }

  /// The page's own search with one facet or the page token changed.
  private func link(container: String? = nil, source: String? = nil, next: String? = nil)
    -> String
  {
    "/logs?" + parameters(container: container, source: source, next: next)
  }

  /// The live tail of this search (filter, container and source; new lines only).
  private var tailURL: String {
    "/logs/events?" + parameters(container: nil, source: nil, next: nil, withRange: false)
  }

  private func parameters(
    container: String?, source: String?, next: String?, withRange: Bool = true
  ) -> String {
    var pairs: [(String, String)] = [("filter", search.filter)]
    if let value = container ?? search.container { pairs.append(("container", value)) }
    if let value = source ?? search.source { pairs.append(("source", value)) }
    if withRange { pairs.append(("range", search.range)) }
    if let next { pairs.append(("next", next)) }
    return pairs.map { "\($0.0)=\(WebApp.queryEncoded($0.1))" }.joined(separator: "&")
  }
}
