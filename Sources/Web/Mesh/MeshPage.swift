import Mesh

/// `GET /mesh`: the learner's mesh (``MeshTopologyView``) and its forms (issue 6 item 5): per
/// route the weights, retry policy and timeout, per virtual node with a listener its outlier
/// detection. Plain HTML forms with the session's CSRF token that work without script; a
/// refused form comes back with the text as typed and each problem beside its field. Every
/// value is escaped.
struct MeshPage {
  let document: MeshDocument
  let csrf: String
  /// What the last accepted change did (the sidecars' answers), shown once.
  let notice: String?
  /// A problem with the whole request, shown above everything.
  let message: String?
  /// The form to show in place of the one built from `document`.
  let refused: MeshRefusedForm?

  var body: String {
    var html = "<h1>Your mesh</h1>\n"
    if let message { html += Layout.message(message) + "\n" }
    if let notice {
      html += "<p class=\"notice\" role=\"status\">\(HTML.escape(notice))</p>\n"
    }
    html += """
      <p>Mesh <code>\(HTML.escape(document.mesh.meshName))</code>. A change is checked as a whole, \
      saved, and sent to every running sidecar; sidecars that are stopped read it when they start. \
      The same mesh is at <code>\(HTML.escape(WebApp.meshAPIPath))/meshes/\(HTML.escape(document.mesh.meshName))</code> \
      in App Mesh's API.</p>

      """
    html += MeshTopologyView(document: document).html
    html += "<h2>Routes</h2>\n"
    let nodes = document.virtualNodes.map(\.virtualNodeName)
    for route in document.routes {
      var form = MeshRouteForm(route, nodes: nodes)
      if case .route(let typed) = refused, typed.router == form.router, typed.route == form.route {
        form = typed
      }
      html += routeForm(form)
    }
    html += "<h2>Outlier detection</h2>\n"
    for node in document.virtualNodes where node.listener != nil {
      var form = MeshNodeForm(node)
      if case .node(let typed) = refused, typed.node == form.node { form = typed }
      html += nodeForm(form)
    }
    return html
  }

  private func routeForm(_ form: MeshRouteForm) -> String {
    let errors = form.errors
    let weights = form.weights.map { node, text in
      number("weight.\(node)", text, 0...100, errors, label: node)
    }.joined()
    let events = MeshRouteForm.retryEvents.map { event in
      let checked = form.retryEvents.contains(event) ? " checked" : ""
      return """
        <label><input type="checkbox" name="retryEvent" value="\(HTML.escape(event))"\(checked)> \
        \(HTML.escape(event))</label>
        """
    }.joined(separator: " ")
    let name = "\(HTML.escape(form.router))/\(HTML.escape(form.route))"
    return """
      <form method="post" action="/mesh/routes/\(name)" class="mesh-form">
      <h3>Route <code>\(name)</code></h3>
      \(WebApp.hidden(CSRF.fieldName, csrf))\(problem(MeshRouteForm.general, errors))
      <fieldset><legend>Weights (empty: not a target)</legend>
      \(weights)\(problem("weights", errors))</fieldset>
      <fieldset><legend>Retry policy (all empty: no retries)</legend>
      \(number("maxRetries", form.maxRetries, 0...10, errors))\
      \(duration("perRetryTimeout", form.perRetryTimeout, errors))\
      <p>Retry on: \(events)</p>\(problem("retryEvents", errors))
      </fieldset>
      <fieldset><legend>Timeout (empty: 15 s)</legend>
      \(duration("perRequest", form.perRequest, errors))</fieldset>
      <button type="submit">Save route</button>
      </form>

      """
  }

  private func nodeForm(_ form: MeshNodeForm) -> String {
    let errors = form.errors
    return """
      <form method="post" action="/mesh/nodes/\(HTML.escape(form.node))" class="mesh-form">
      <h3>Node <code>\(HTML.escape(form.node))</code></h3>
      \(WebApp.hidden(CSRF.fieldName, csrf))\(problem(MeshNodeForm.general, errors))
      <fieldset><legend>Outlier detection (all empty: off)</legend>
      \(number("maxServerErrors", form.maxServerErrors, 1...1_000_000, errors))\
      \(duration("interval", form.interval, errors))\
      \(duration("baseEjectionDuration", form.baseEjectionDuration, errors))\
      \(number("maxEjectionPercent", form.maxEjectionPercent, 0...100, errors))</fieldset>
      <button type="submit">Save outlier detection</button>
      </form>

      """
  }

  /// A labelled whole-number input (named `label`, else its field name) and its problem.
  private func number(
    _ name: String, _ text: String, _ range: ClosedRange<Int>, _ errors: [String: String],
    label: String? = nil
  ) -> String {
    labelled(
      name, label ?? name, errors,
      input: """
        <input type="number" name="\(HTML.escape(name))" value="\(HTML.escape(text))" \
        min="\(range.lowerBound)" max="\(range.upperBound)" step="1"\(invalid(name, errors))>
        """)
  }

  /// A labelled duration: a whole number and a unit `<select>` (`NAMEUnit`), and its problem.
  private func duration(_ name: String, _ value: MeshFormDuration, _ errors: [String: String])
    -> String
  {
    let units = MeshDuration.Unit.allCases.map { unit in
      let selected = unit == value.unit ? " selected" : ""
      return "<option\(selected)>\(unit.rawValue)</option>"
    }.joined()
    return labelled(
      name, name, errors,
      input: """
        <input type="number" name="\(HTML.escape(name))" value="\(HTML.escape(value.text))" \
        min="0" step="1"\(invalid(name, errors))> <select name="\(HTML.escape(name))Unit">\(units)</select>
        """)
  }

  /// `input` in a label, with the field's problem, if any, right after it.
  private func labelled(_ name: String, _ label: String, _ errors: [String: String], input: String)
    -> String
  {
    "<p><label>\(HTML.escape(label)) \(input)</label>\(problem(name, errors))</p>\n"
  }

  /// `aria-invalid` for a field with a problem (WAI-ARIA 1.2 §6.7).
  private func invalid(_ name: String, _ errors: [String: String]) -> String {
    errors[name] == nil ? "" : #" aria-invalid="true""#
  }

  private func problem(_ name: String, _ errors: [String: String]) -> String {
    guard let text = errors[name] else { return "" }
    return " <span class=\"field-error error\" role=\"alert\">\(HTML.escape(text))</span>"
  }
}
