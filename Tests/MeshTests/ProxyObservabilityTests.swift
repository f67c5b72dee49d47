import Glibc
import Mesh
import Testing
import Wire

/// What the proxy tells besides the access log: X-Ray segments per hop with trace headers
/// passed on, and StatsD lines.
@Suite struct ProxyObservabilityTests {
  @Test func tracing_sendsASegmentAndPassesTheTraceOn() throws {
    let daemon = try UDPSink()
    let upstream = try UpstreamStub()
    var configuration = try ProxyServer.Configuration(
      listen: SocketAddress("127.0.0.1:0")!, upstream: upstream.address)
    let traced = configuration.sendSegments(to: daemon.address.description)
    #expect(traced)
    configuration.serviceName = "swan"
    let harness = try ProxyHarness(configuration: configuration)
    defer {
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    try client.send(
      "GET /headers HTTP/1.1\r\nHost: x\r\nX-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1\r\n\r\n"
    )
    let seen = try client.response().text
    #expect(seen.contains("x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent="))
    #expect(seen.contains("traceparent: 00-5759e988bd862e3fe1be46a994272793-"))
    let datagram = daemon.receive(containing: "\"name\":\"swan\"")
    #expect(datagram?.hasPrefix("{\"format\": \"json\", \"version\": 1}\n") == true)
    #expect(datagram?.contains("1-5759e988-bd862e3fe1be46a994272793") == true)
    #expect(datagram?.contains("53995c3f42cd8ad8") == true)
  }

  @Test func statsD_flushesEnvoyNamedCounters() throws {
    let agent = try UDPSink()
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(upstream: upstream.address)
    let reporter = try StatsDReporter(
      address: agent.address, stats: harness.proxy.stats, flushInterval: .milliseconds(20))
    defer {
      reporter.stop()
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    try client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
    _ = try client.response()
    #expect(agent.receive(containing: "envoy.http.ingress.downstream_rq_total:1|c") != nil)
  }
}
