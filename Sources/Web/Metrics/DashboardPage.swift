import Metrics

/// `GET /dashboard`: the learner's metrics (issue 9 items 3–4) — a GET form picking the time
/// range, the server-drawn charts with the learner's faults shaded, and the alarms with their
/// state, latest transitions, a delete button each and a form to create one (CSRF-checked;
/// problems shown beside their field). With script, `/static/dashboard.js` swaps in fresh
/// charts and alarm states from ``eventsURL``; without it, a reload shows the same. Every
/// value is escaped (HTML Living Standard §13.1.2).
struct DashboardPage {
  let range: DashboardRange
  let charts: DashboardCharts
  /// `nil` when the agent could not be asked (``message`` says why).
  let alarms: [AlarmRow]?
  let form: AlarmForm
  let csrf: String
  let message: String?

  /// The page's own stylesheet and script (no inline style or script: the CSP forbids them).
  static let head = """
    <link rel="stylesheet" href="/static/dashboard.css">
    <script src="/static/dashboard.js" defer></script>

    """

  var eventsURL: String { "/dashboard/events?range=\(range.preset.name)" }

  var body: String {
    var html = "<h1>Metrics</h1>\n"
    if let message { html += Layout.message(message) + "\n" }
    html += rangeForm + "\n"
    let (from, to) = (ISOTime.string(Double(range.start)), ISOTime.string(Double(range.end)))
    html += """
      <p class="dashboard-window">From <time datetime="\(from)">\(from)</time> to \
      <time datetime="\(to)">\(to)</time>; shaded: your faults. \
      Scrape it yourself: <a href="/api/v1/metrics/prometheus">Prometheus text</a> \
      (with your token as a bearer token).</p>
      <div id="dashboard" data-dashboard-sse="\(HTML.escape(eventsURL))">

      """
    for section in charts.sections {
      html += "<section class=\"dashboard-section\"><h2>\(HTML.escape(section.title))</h2>\n"
      html += "<div class=\"dashboard-charts\">\n"
      html += section.charts.map(Self.figure).joined(separator: "\n")
      html += "\n</div></section>\n"
    }
    return html + "</div>\n" + alarmSection
  }

  /// One chart as the page holds it; the live refresh replaces the SVG inside.
  static func figure(_ chart: DashboardCharts.Chart) -> String {
    "<figure class=\"dashboard-chart\" id=\"\(HTML.escape(chart.id))\">\(chart.chart.svg())</figure>"
  }

  private var rangeForm: String {
    let options = DashboardRange.presets.map { preset in
      let selected = preset == range.preset ? " selected" : ""
      return
        "<option value=\"\(HTML.escape(preset.name))\"\(selected)>\(HTML.escape(preset.label))</option>"
    }.joined()
    return """
      <form method="get" action="/dashboard" class="dashboard-range">\
      <label>Time range <select name="range">\(options)</select></label> \
      <button type="submit">Show</button></form>
      """
  }

  private var alarmSection: String {
    var html = "<section class=\"alarms\" id=\"alarms\"><h2>Alarms</h2>\n"
    if let alarms {
      html += alarms.isEmpty ? "<p>No alarms yet.</p>\n" : alarmTable(alarms)
    }
    return html + "<h3>Create an alarm</h3>\n" + alarmForm + "</section>\n"
  }

  private func alarmTable(_ alarms: [AlarmRow]) -> String {
    var html = """
      <table class="alarm-list"><thead><tr><th>Name</th><th>Condition</th><th>State</th>\
      <th>Latest transitions</th><th></th></tr></thead>
      <tbody>

      """
    for alarm in alarms {
      let transitions = alarm.transitions.map { transition in
        let time = ISOTime.string(transition.time)
        return """
          <li><time datetime="\(time)">\(time)</time> \(HTML.escape(transition.summary))\
          \(transition.reason.isEmpty ? "" : ": " + HTML.escape(transition.reason))</li>
          """
      }.joined()
      html += """
        <tr><td>\(HTML.escape(alarm.name))</td><td><code>\(HTML.escape(alarm.condition))</code></td>\
        <td><span class="alarm-state" id="\(alarm.stateID)" data-state="\(HTML.escape(alarm.state))">\
        \(HTML.escape(alarm.state))</span><br><small>\(HTML.escape(alarm.reason))</small></td>\
        <td><ol class="alarm-history">\(transitions)</ol></td>\
        <td><form method="post" action="/dashboard/alarms/delete" class="inline">\
        \(WebApp.hidden(CSRF.fieldName, csrf))\(WebApp.hidden("name", alarm.name))\
        \(WebApp.hidden("range", range.preset.name))\
        <button type="submit">Delete</button></form></td></tr>

        """
    }
    return html + "</tbody></table>\n"
  }

  private var alarmForm: String {
    func value(_ name: String) -> String { HTML.escape(form.values[name] ?? "") }
    func error(_ name: String) -> String {
      guard let problem = form.errors[name] else { return "" }
      return
        " <span class=\"field-error\" id=\"alarm-error-\(name)\" role=\"alert\">\(HTML.escape(problem))</span>"
    }
    func invalid(_ name: String) -> String {
      form.errors[name] == nil ? "" : " aria-invalid=\"true\""
    }
    func input(_ name: String, _ label: String, _ extra: String) -> String {
      """
      <label>\(label) <input name="\(name)" value="\(value(name))"\(invalid(name)) \(extra)></label>\
      \(error(name))

      """
    }
    func select(_ name: String, _ label: String, _ choices: [String]) -> String {
      let options = choices.map { choice in
        let selected = form.values[name] == choice ? " selected" : ""
        return "<option\(selected)>\(HTML.escape(choice))</option>"
      }.joined()
      return """
        <label>\(label) <select name="\(name)"\(invalid(name))>\(options)</select></label>\(error(name))

        """
    }
    return """
      <form method="post" action="/dashboard/alarms" class="alarm-form">\
      \(WebApp.hidden(CSRF.fieldName, csrf))\(WebApp.hidden("range", range.preset.name))

      """
        + input("name", "Name", #"maxlength="255" placeholder="unicorn-slow""#)
        + input(
          "metric", "Metric",
          #"maxlength="250" placeholder="envoy.cluster.cds_ingress_demo_unicorn-v1_http_8080.upstream_rq_time""#
        )
        + input(
          "labels", "Labels", #"maxlength="1024" placeholder="appmesh_virtual_node:unicorn-v1""#)
        + select("statistic", "Statistic", AlarmForm.statistics.map(\.name))
        + input("period", "Period (s)", #"type="number" min="1" max="86400""#)
        + select("comparison", "Comparison", ComparisonOperator.allCases.map(\.rawValue))
        + input("threshold", "Threshold", #"inputmode="decimal" maxlength="32""#)
        + input("evaluation_periods", "Evaluation periods", #"type="number" min="1" max="100""#)
        + input("datapoints", "Datapoints to alarm", #"type="number" min="1" max="100""#)
        + "<button type=\"submit\">Create alarm</button>\n</form>\n"
  }
}
