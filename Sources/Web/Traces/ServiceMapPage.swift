import Tracer

/// `GET /traces/map`: the service map as an SVG drawn by the server (nodes and calls with
/// request rate, p50/p99 latency and error and fault shares, coloured by ``TraceHealth``), and
/// the same numbers in tables below, so it reads without JavaScript, colour or sight.
/// Every name is escaped; the picture uses classes and presentation attributes only.
struct ServiceMapPage: Sendable {
  static let nodeWidth = 190
  static let nodeHeight = 64
  static let columnWidth = 440
  static let rowHeight = 110
  static let margin = 20

  let map: ServiceMap
  let window: TraceWindow

  var body: String {
    """
    <h1>Service map</h1>
    <p class="trace-nav"><a href="/traces?minutes=\(window.minutes)">Trace list</a></p>
    <form method="get" action="/traces/map" class="trace-search">
    \(window.select)
    <button type="submit">Show</button>
    </form>
    \(overview)
    """
  }

  /// The picture (or a note that the window is empty) and the tables, without the page's
  /// heading and form: what an instructor sees of a learner's map.
  var overview: String {
    (map.nodes.isEmpty
      ? #"<p class="traces-empty">No traced requests in this window yet.</p>"# : picture)
      + "\n" + tables
  }

  // MARK: picture

  private var picture: String {
    let width =
      max(1, map.columns) * Self.columnWidth - (Self.columnWidth - Self.nodeWidth)
      + 2 * Self.margin
    let height =
      max(1, map.rows) * Self.rowHeight - (Self.rowHeight - Self.nodeHeight)
      + 2 * Self.margin
    let summary =
      "Service map of the last \(window.minutes) min: \(map.nodes.count) nodes, \(map.links.count) calls"
    let hidden = map.omitted > 0 ? "; \(map.omitted) quieter ones are only in the tables" : ""
    return """
      <figure class="service-map">
      <svg xmlns="http://www.w3.org/2000/svg" class="service-map" role="img" \
      aria-labelledby="service-map-title" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)">
      <title id="service-map-title">\(HTML.escape(summary + hidden))</title>
      <defs><marker id="map-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" \
      markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="map-arrow"/></marker></defs>
      \(map.links.compactMap(link).joined(separator: "\n"))
      \(map.nodes.map(node).joined(separator: "\n"))
      </svg>
      <figcaption>Colours: green ok; orange at least \(TraceFormat.percent(TraceHealth.errorThreshold)) \
      errors (4xx); red at least \(TraceFormat.percent(TraceHealth.faultThreshold)) faults (5xx). \
      The same numbers are in the tables below.</figcaption>
      </figure>
      """
  }

  private func origin(of node: ServiceMap.Node) -> (x: Int, y: Int) {
    (
      Self.margin + node.column * Self.columnWidth,
      Self.margin + node.row * Self.rowHeight
    )
  }

  private func node(_ node: ServiceMap.Node) -> String {
    let (x, y) = origin(of: node)
    let lines: [String]
    if let statistics = node.statistics {
      lines = [
        "\(TraceFormat.rate(statistics.totalCount, minutes: window.minutes)) · p50 \(Self.latency(statistics, 0.5))",
        "p99 \(Self.latency(statistics, 0.99)) · 4xx \(TraceFormat.percent(statistics.errorShare)) · 5xx \(TraceFormat.percent(statistics.faultShare))",
      ]
    } else {
      lines = [node.key.isEmpty ? "requests from outside" : "called, not traced"]
    }
    let description =
      "\(node.name): "
      + (node.statistics.map { Self.describe($0, minutes: window.minutes) } ?? lines[0])
    let texts = zip([22, 40, 56], [TraceFormat.short(node.name)] + lines).map { offset, text in
      let cls = offset == 22 ? "map-name" : "map-numbers"
      return
        #"<text x="\#(x + 10)" y="\#(y + offset)" class="\#(cls)">\#(HTML.escape(text))</text>"#
    }
    return """
      <g class="map-node health-\(node.health.rawValue)"><title>\(HTML.escape(description))</title>\
      <rect x="\(x)" y="\(y)" width="\(Self.nodeWidth)" height="\(Self.nodeHeight)" rx="8"/>\
      \(texts.joined())</g>
      """
  }

  private func link(_ link: ServiceMap.Link) -> String? {
    guard let source = map.nodes.first(where: { $0.key == link.source }),
      let target = map.nodes.first(where: { $0.key == link.target })
    else { return nil }
    let (sx, sy) = origin(of: source)
    let (tx, ty) = origin(of: target)
    let (x1, y1) = (sx + Self.nodeWidth, sy + Self.nodeHeight / 2)
    let (x2, y2) = (tx, ty + Self.nodeHeight / 2)
    let (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2)
    let statistics = link.statistics
    let name = "\(source.name) → \(target.name)"
    return """
      <g class="map-link health-\(link.health.rawValue)"><title>\(HTML.escape(name + ": " + Self.describe(statistics, minutes: window.minutes)))</title>\
      <line x1="\(x1)" y1="\(y1)" x2="\(x2)" y2="\(y2)" marker-end="url(#map-arrow)"/>\
      <text x="\(mx)" y="\(my - 6)" text-anchor="middle" class="map-numbers">\
      \(HTML.escape("\(TraceFormat.rate(statistics.totalCount, minutes: window.minutes)) · p50 \(Self.latency(statistics, 0.5)) · p99 \(Self.latency(statistics, 0.99))"))</text>\
      <text x="\(mx)" y="\(my + 10)" text-anchor="middle" class="map-numbers">\
      \(HTML.escape("4xx \(TraceFormat.percent(statistics.errorShare)) · 5xx \(TraceFormat.percent(statistics.faultShare))"))</text></g>
      """
  }

  // MARK: tables

  private var tables: String {
    let services = map.graph.services.sorted { $0.key < $1.key }.map { name, statistics in
      row([name], statistics)
    }
    let calls = map.graph.edges.sorted {
      ($0.key.source, $0.key.target) < ($1.key.source, $1.key.target)
    }
    .map { edge, statistics in
      row([edge.source.isEmpty ? "client" : edge.source, edge.target], statistics)
    }
    let columns =
      "<th>Requests</th><th>Rate</th><th>p50</th><th>p99</th><th>4xx</th><th>5xx</th><th>Health</th>"
    return """
      <h2>Services</h2>
      \(services.isEmpty ? #"<p class="traces-empty">None.</p>"# : "<table class=\"trace-table\"><thead><tr><th>Service</th>\(columns)</tr></thead><tbody>\n\(services.joined(separator: "\n"))\n</tbody></table>")
      <h2>Calls</h2>
      \(calls.isEmpty ? #"<p class="traces-empty">None.</p>"# : "<table class=\"trace-table\"><thead><tr><th>From</th><th>To</th>\(columns)</tr></thead><tbody>\n\(calls.joined(separator: "\n"))\n</tbody></table>")
      """
  }

  private func row(_ names: [String], _ statistics: GraphStatistics) -> String {
    let health = TraceHealth(statistics)
    let cells =
      names.map { "<td>\(HTML.escape($0))</td>" }
      + [
        String(statistics.totalCount),
        TraceFormat.rate(statistics.totalCount, minutes: window.minutes),
        Self.latency(statistics, 0.5), Self.latency(statistics, 0.99),
        TraceFormat.percent(statistics.errorShare), TraceFormat.percent(statistics.faultShare),
      ].map { "<td>\($0)</td>" }
    return "<tr class=\"health-\(health.rawValue)\">\(cells.joined())<td>\(health.label)</td></tr>"
  }

  // MARK: numbers

  /// The `fraction` percentile of the response times (from the histogram), `–` with none.
  static func latency(_ statistics: GraphStatistics, _ fraction: Double) -> String {
    statistics.percentile(fraction).map(TraceFormat.duration) ?? "–"
  }

  /// All the numbers of a node or call in one sentence, for its `<title>`.
  static func describe(_ statistics: GraphStatistics, minutes: Int) -> String {
    "\(statistics.totalCount) requests (\(TraceFormat.rate(statistics.totalCount, minutes: minutes))), "
      + "p50 \(latency(statistics, 0.5)), p99 \(latency(statistics, 0.99)), "
      + "\(TraceFormat.percent(statistics.errorShare)) errors, \(TraceFormat.percent(statistics.faultShare)) faults, "
      + TraceHealth(statistics).label
  }
}
