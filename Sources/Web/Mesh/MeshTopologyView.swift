import Mesh

/// The mesh as tables (issue 6 item 5, "which node routes where, with weights"): each virtual
/// service and what provides it, each route with its match, its targets' shares of traffic
/// (with a bar drawn in SVG), retries and timeout, and each virtual node with its port,
/// backends and outlier detection. Shared by the mesh page and the sandbox page; every name is
/// escaped.
struct MeshTopologyView {
  /// Width of a full weight bar, in SVG user units.
  static let barWidth = 100

  let document: MeshDocument

  var html: String { services + routes + nodes }

  private var services: String {
    let rows = document.virtualServices.map { service in
      let provider: String
      switch service.provider {
      case .virtualNode(let name): provider = "virtual node <code>\(HTML.escape(name))</code>"
      case .virtualRouter(let name): provider = "virtual router <code>\(HTML.escape(name))</code>"
      case nil: provider = "nothing (calls get 404 <code>NR</code>)"
      }
      return
        "<tr><td><code>\(HTML.escape(service.virtualServiceName))</code></td><td>\(provider)</td></tr>"
    }
    return Self.table(
      "mesh-services", caption: "Virtual services", headers: ["Service", "Provided by"], rows)
  }

  private var routes: String {
    let rows = document.routes.map { route in
      let http = route.httpRoute
      let total = http.weightedTargets.reduce(0) { $0 + $1.weight }
      let targets = http.weightedTargets.map { target in
        let percent = total > 0 ? (target.weight * 100 + total / 2) / total : 0
        let width = percent * Self.barWidth / 100
        return """
          <li><code>\(HTML.escape(target.virtualNode))</code> \(percent)% (weight \(target.weight)) \
          <svg class="mesh-weight" width="\(Self.barWidth)" height="8" viewBox="0 0 \(Self.barWidth) 8" \
          role="img" aria-label="\(percent)%"><rect width="\(Self.barWidth)" height="8" fill="none" \
          stroke="currentColor"/><rect width="\(width)" height="8" fill="currentColor"/></svg></li>
          """
      }.joined()
      return """
        <tr><td><code>\(HTML.escape(route.virtualRouterName))</code></td>\
        <td><code>\(HTML.escape(route.routeName))</code></td><td>\(HTML.escape(Self.match(http.match)))</td>\
        <td><ul class="mesh-targets">\(targets)</ul></td><td>\(HTML.escape(Self.retries(http.retryPolicy)))</td>\
        <td>\(HTML.escape(http.timeout?.perRequest.map(Self.duration) ?? "15s (default)"))</td></tr>
        """
    }
    return Self.table(
      "mesh-routes", caption: "Routes",
      headers: ["Router", "Route", "Match", "Targets", "Retries", "Timeout"], rows)
  }

  private var nodes: String {
    let rows = document.virtualNodes.map { node in
      let port = node.listener.map { String($0.port) } ?? "none"
      let backends = node.backends.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
      return """
        <tr><td><code>\(HTML.escape(node.virtualNodeName))</code></td><td>\(port)</td>\
        <td>\(backends.isEmpty ? "none" : backends)</td>\
        <td>\(HTML.escape(Self.outlierDetection(node.listener?.outlierDetection)))</td></tr>
        """
    }
    return Self.table(
      "mesh-nodes", caption: "Virtual nodes",
      headers: ["Node", "Port", "Backends", "Outlier detection"], rows)
  }

  /// `2s`, `500ms`.
  static func duration(_ duration: MeshDuration) -> String {
    "\(duration.value)\(duration.unit.rawValue)"
  }

  /// `prefix /`, `path /exact`, plus the method and how many header and query conditions.
  static func match(_ match: RouteMatchConfig) -> String {
    var parts: [String] = []
    if let prefix = match.prefix { parts.append("prefix \(prefix)") }
    switch match.path {
    case .exact(let path): parts.append("path \(path)")
    case .regex(let pattern): parts.append("path ~ \(pattern.source)")
    case nil: break
    }
    if let method = match.method { parts.append(method) }
    if !match.headers.isEmpty { parts.append("\(match.headers.count) header condition(s)") }
    if !match.queryParameters.isEmpty {
      parts.append("\(match.queryParameters.count) query condition(s)")
    }
    return parts.joined(separator: ", ")
  }

  /// `2 retries on server-error, gateway-error, 500ms per try`, or `none`.
  static func retries(_ policy: RetryPolicyConfig?) -> String {
    guard let policy else { return "none" }
    let events = policy.events.map(\.rawValue).joined(separator: ", ")
    return "\(policy.maxRetries) on \(events), \(duration(policy.perRetryTimeout)) per try"
  }

  /// `after 5 server errors, every 10s, eject 30s, at most 10%`, or `off`.
  static func outlierDetection(_ detection: OutlierDetectionConfig?) -> String {
    guard let detection else { return "off" }
    let every = duration(detection.interval)
    let ejection = duration(detection.baseEjectionDuration)
    return "after \(detection.maxServerErrors) server errors, every \(every), eject \(ejection), "
      + "at most \(detection.maxEjectionPercent)%"
  }

  /// A table with a caption; `rows` are trusted markup built from escaped values.
  static func table(_ className: String, caption: String, headers: [String], _ rows: [String])
    -> String
  {
    let head = headers.map { "<th>\(HTML.escape($0))</th>" }.joined()
    let body =
      rows.isEmpty
      ? "<tr><td colspan=\"\(headers.count)\">None.</td></tr>" : rows.joined(separator: "\n")
    return """
      <table class="\(className)"><caption>\(HTML.escape(caption))</caption>
      <thead><tr>\(head)</tr></thead>
      <tbody>
      \(body)
      </tbody></table>

      """
  }
}
