import Mesh
import Testing
import Wire

/// DogStatsD tags on every StatsD line, as Envoy's `dog_statsd` sink appends them and App
/// Mesh's Envoy names the mesh and the virtual node.
@Suite struct ObserveStatsDTagsTests {
  @Test func appMeshTags_endEveryKindOfLine() throws {
    let tags = try StatsDTags.appMesh(
      mesh: "demo", node: "unicorn-v1", extra: StatsDTags(parsing: "env:lab"))
    #expect(tags.suffix == "|#appmesh.mesh:demo,appmesh.virtual_node:unicorn-v1,env:lab")
    var flusher = StatsDFlusher(tags: tags)
    let stats = ProxyStats()
    let cluster = stats.shard(0).cluster("c")
    cluster.countResponse(status: 200)
    cluster.increment(.upstreamConnectionsActive)
    for ms in [30, 40] { cluster.upstreamRequestTime.record(milliseconds: UInt64(ms)) }
    let lines = flusher.flush(stats.samples())
    #expect(lines.contains("envoy.cluster.c.upstream_rq_200:1|c\(tags.suffix)"))
    #expect(lines.contains("envoy.cluster.c.upstream_cx_active:1|g\(tags.suffix)"))
    #expect(lines.contains("envoy.cluster.c.upstream_rq_time:35|ms|@0.5\(tags.suffix)"))
    #expect(lines.allSatisfy { $0.hasSuffix(tags.suffix) })
  }

  @Test func noTags_leaveLinesAsTheyWere() {
    var flusher = StatsDFlusher()
    let stats = ProxyStats()
    stats.shard(0).cluster("c").countResponse(status: 200)
    #expect(flusher.flush(stats.samples()).contains("envoy.cluster.c.upstream_rq_200:1|c"))
  }

  @Test func reporter_sendsTaggedLinesOverUDP() throws {
    let agent = try UDPSink()
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(upstream: upstream.address)
    let reporter = try StatsDReporter(
      address: agent.address, stats: harness.proxy.stats, flushInterval: .milliseconds(20),
      tags: StatsDTags.appMesh(mesh: "demo", node: "swan"))
    defer {
      reporter.stop()
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
    _ = try client.response()
    #expect(
      agent.receive(
        containing:
          "envoy.http.ingress.downstream_rq_total:1|c|#appmesh.mesh:demo,appmesh.virtual_node:swan"
      ) != nil)
  }

  @Test func invalidTags_areRefusedNamingTheTag() {
    for (text, message) in [
      ("novalue", "is not key:value"),
      ("k:v|x", "may hold only"),
      ("k:v,,k2:v", "must be 1–200 bytes"),
      (":v", "is not key:value"),
      ((0...32).map { "k\($0):v" }.joined(separator: ","), "at most 32 tags"),
    ] {
      #expect {
        _ = try StatsDTags(parsing: text)
      } throws: { error in
        "\(error)".contains(message)
      }
    }
  }
}
