import Mesh

/// The mesh part of the sandbox page (issue 6 item 5): the learner's mesh as
/// ``MeshTopologyView`` tables and each live sidecar's key stats per cluster
/// (``SidecarStats``); a sidecar that does not answer is listed as not answering. Every value
/// is escaped.
struct MeshSection {
  /// The learner's document; `nil` when it could not be read.
  let document: MeshDocument?
  /// Each live sidecar and its stats (`nil`: it did not answer).
  let sidecars: [(name: String, stats: SidecarStats?)]

  /// Reads the document and asks every live sidecar for its `/stats`, off the concurrency pool
  /// (each sidecar has about 3 s to answer).
  static func load(_ service: MeshService) async -> MeshSection {
    (try? await BlockingWork.run {
      MeshSection(
        document: try? service.document(),
        sidecars: service.sidecarStats().map { ($0.sidecar.name, $0.stats.map(SidecarStats.init)) })
    }) ?? MeshSection(document: nil, sidecars: [])
  }

  var html: String {
    var html = "<section class=\"mesh\"><h2>Mesh</h2>\n"
    if let document {
      html += MeshTopologyView(document: document).html
    } else {
      html += Layout.message("Your mesh document could not be read.") + "\n"
    }
    html += "<p><a href=\"/mesh\">Edit routes, retries, timeouts and outlier detection</a></p>\n"
    html += "<h3>Sidecars</h3>\n"
    if sidecars.isEmpty { html += "<p>No sidecar is running.</p>\n" }
    for sidecar in sidecars {
      guard let stats = sidecar.stats else {
        html += "<p><code>\(HTML.escape(sidecar.name))</code>: not answering.</p>\n"
        continue
      }
      let rows = stats.clusters.map { cluster in
        "<tr><td><code>\(HTML.escape(cluster.name))</code></td>"
          + cluster.values.map { "<td>\($0)</td>" }.joined() + "</tr>"
      }
      html += MeshTopologyView.table(
        "sidecar-stats", caption: sidecar.name,
        headers: ["Cluster"] + SidecarStats.keys.map(\.title), rows)
    }
    return html + "</section>\n"
  }
}
