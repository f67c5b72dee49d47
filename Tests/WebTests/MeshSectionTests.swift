import Foundation
import Mesh
import Testing
import Wire

@testable import Web

/// The sandbox page's mesh section: the mesh with weights, and each live sidecar's key stats
/// read from its real admin `/stats`, with a sidecar that is down listed as not answering.
@Suite struct MeshSectionTests {
  @Test func sidecarStats_readsTheKeyStatsPerCluster() {
    let stats = SidecarStats(
      text: """
        cluster.cds_egress_demo_unicorn-v1_http_8080.upstream_rq_2xx: 7
        cluster.cds_egress_demo_unicorn-v1_http_8080.upstream_rq_5xx: 2
        cluster.cds_egress_demo_unicorn-v1_http_8080.outlier_detection.ejections_active: 1
        cluster.cds_ingress_demo_swan_http_8080.upstream_cx_active: 3
        cluster.cds_ingress_demo_swan_http_8080.upstream_rq_time: P0(nan,1) P25(nan,2)
        http.ingress.downstream_rq_2xx: 9
        cluster.broken.upstream_rq_retry: lots
        """)
    #expect(
      stats.clusters.map(\.name) == [
        "cds_egress_demo_unicorn-v1_http_8080", "cds_ingress_demo_swan_http_8080",
      ])
    #expect(stats.clusters[0].values == [7, 2, 0, 0, 0, 1, 0])
    #expect(stats.clusters[1].values == [0, 0, 0, 0, 3, 0, 0])
  }

  @Test func meshSection_showsTheMeshAndEachSidecarsStatsToleratingOneThatIsDown() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let stats = ProxyStats()
    let cluster = stats.shard(0).cluster("cds_egress_demo_unicorn-v1_http_8080")
    for status in [200, 200, 200, 503, 503] { cluster.countResponse(status: status) }
    cluster.count(.upstreamRetries, 2)
    cluster.set(.ejectionsActive, 1)
    let admin = try MeshSidecarAdmin(stats: stats)
    let down = MeshSidecar(name: "unicorn-v2-envoy", admin: try MeshServiceTests.deadAddress())
    let service = MeshServiceTests.service(folder, [admin.sidecar, down])

    let section = await MeshSection.load(service)
    #expect(section.document == MeshDocument.demo)
    #expect(section.sidecars.map(\.name) == ["swan-envoy", "unicorn-v2-envoy"])
    #expect(section.sidecars[1].stats == nil)
    let html = section.html
    #expect(html.contains("<code>unicorn-v1</code> 90% (weight 90)"))
    #expect(
      html.contains(
        "<tr><td><code>cds_egress_demo_unicorn-v1_http_8080</code></td><td>3</td><td>2</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td></tr>"
      ), "\(html)")
    #expect(html.contains("<code>unicorn-v2-envoy</code>: not answering."))
    await admin.stop()
  }

  @Test func meshSection_escapesWhatItShows() {
    let section = MeshSection(
      document: nil,
      sidecars: [("<b>sidecar</b>", SidecarStats(text: "cluster.<i>x</i>.upstream_rq_2xx: 1"))])
    #expect(!section.html.contains("<b>sidecar"))
    #expect(!section.html.contains("<i>x"))
    #expect(section.html.contains("&lt;b&gt;sidecar&lt;/b&gt;"))
    #expect(section.html.contains("could not be read"))
  }
}
