import Foundation
import Sandbox

extension SandboxPage {
  /// One form per fault kind: a target `<select>` and an input per parameter (numbers with
  /// their range and default; the signal as a `<select>`), posting to `/sandbox/faults`.
  var catalog: String {
    var html = "<section class=\"fault-catalog\"><h2>Break something</h2>\n"
    for kind in SandboxFaultKind.all {
      let targets = kind.targets(in: definition).map {
        "<option>\(HTML.escape($0))</option>"
      }.joined()
      html += """
        <form method="post" action="/sandbox/faults" class="fault">\
        \(WebApp.hidden(CSRF.fieldName, csrf))\(WebApp.hidden("kind", kind.name))
        <h3>\(HTML.escape(kind.name))</h3><p>\(HTML.escape(kind.summary))</p>
        <label>Target <select name="target">\(targets)</select></label>
        \(parameterInputs(kind))<button type="submit">Apply \(HTML.escape(kind.name))</button>
        </form>

        """
    }
    return html + "</section>\n"
  }

  private func parameterInputs(_ kind: SandboxFaultKind) -> String {
    switch kind {
    case .app, .network:
      kind.numberParameters.map { parameter in
        """
        <label>\(HTML.escape(parameter.name)) <input type="number" name="\(HTML.escape(parameter.name))" \
        min="\(parameter.range.lowerBound)" max="\(parameter.range.upperBound)" \
        value="\(parameter.defaultValue)" required></label>

        """
      }.joined()
    case .freeze:
      ""
    case .kill:
      "<label>signal <select name=\"signal\">"
        + ProcessSignal.allCases.map { signal in
          let selected = signal == SandboxFaultKind.defaultSignal ? " selected" : ""
          return "<option\(selected)>\(HTML.escape(signal.rawValue))</option>"
        }.joined() + "</select></label>\n"
    }
  }

  /// The learner's faults, newest first, with an "End" button for the open ones.
  var history: String {
    var html = "<section class=\"fault-history\"><h2>Your faults</h2>\n"
    guard !faults.isEmpty else { return html + "<p>None yet.</p></section>\n" }
    html += """
      <table class="faults"><thead><tr><th>Kind</th><th>Target</th><th>Parameters</th>\
      <th>Started</th><th>Ended</th><th></th></tr></thead>
      <tbody>

      """
    for fault in faults {
      let started = ISOTime.string(fault.startedAt)
      let ended = fault.endedAt.map(ISOTime.string) ?? "open"
      let end = fault.isOpen ? form("/sandbox/faults/\(fault.id)/end", "End") : ""
      html += """
        <tr><td>\(HTML.escape(fault.kind))</td><td>\(HTML.escape(fault.target))</td>\
        <td><code>\(HTML.escape(fault.params))</code></td><td>\(started)</td><td>\(ended)</td>\
        <td>\(end)</td></tr>

        """
    }
    return html + "</tbody></table></section>\n"
  }
}
