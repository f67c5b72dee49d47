import Mesh
import Testing
import Wire

/// The admin listener serves the proxy's stats under Envoy's names and formats.
@Suite struct AdminServerTests {
  @Test func stats_countRequestsUnderEnvoyNames() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(upstream: upstream.address)
    let admin = try AdminServer(
      address: SocketAddress("127.0.0.1:0")!, stats: harness.proxy.stats,
      configDump: { Array("{}".utf8) })
    defer {
      admin.stop()
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    for path in ["/hello", "/status/503", "/hello"] {
      try client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
      _ = try client.response()
    }
    _ = harness.accessLog(count: 3)
    let cluster = try ProxyServer.Configuration(
      listen: SocketAddress("127.0.0.1:0")!, upstream: upstream.address
    ).routes.clusters[0].name
    let adminClient = try TestClient(admin.address)
    try adminClient.send("GET /stats HTTP/1.1\r\nHost: admin\r\n\r\n")
    let stats = Set(try adminClient.response().text.split(separator: "\n").map(String.init))
    #expect(stats.contains("cluster.\(cluster).upstream_rq_total: 3"))
    #expect(stats.contains("cluster.\(cluster).upstream_rq_200: 2"))
    #expect(stats.contains("cluster.\(cluster).upstream_rq_503: 1"))
    #expect(stats.contains("cluster.\(cluster).upstream_cx_total: 1"))
    #expect(stats.contains("http.ingress.downstream_rq_total: 3"))
    #expect(stats.contains("http.ingress.downstream_rq_5xx: 1"))
    try adminClient.send("GET /ready HTTP/1.1\r\nHost: admin\r\n\r\n")
    #expect(try adminClient.response().text == "LIVE\n")
    try adminClient.send("GET /stats/prometheus HTTP/1.1\r\nHost: admin\r\n\r\n")
    let prometheus = try adminClient.response()
    #expect(prometheus.head.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
    #expect(prometheus.text.contains("envoy_cluster_upstream_rq_total"))
  }
}
