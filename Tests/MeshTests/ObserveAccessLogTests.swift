import Mesh
import Testing
import Wire

@Suite struct ObserveAccessLogTests {
  static let millisecond: UInt64 = 1_000_000

  static func entry(
    headers: HTTPHeaders = [
      "Host": "unicorn.local", "User-Agent": "curl/8.5", "X-Request-Id": "abc-123",
      "X-Forwarded-For": "10.0.0.1",
    ]
  ) -> AccessLogEntry {
    AccessLogEntry(
      startTime: 1_563_306_324_233 * millisecond,
      request: HTTPRequestHead(method: .get, target: "/api?x=1", headers: headers),
      responseCode: 503, flags: [.upstreamRetryLimitExceeded, .upstreamConnectionFailure],
      bytesReceived: 0,
      bytesSent: 91, durationMillis: 30, upstreamServiceTimeMillis: 28,
      upstreamHost: "127.0.0.1:9001",
      upstreamCluster: "cds_egress_demo_unicorn-v1_http_15002", routeName: "split")
  }

  @Test func defaultFormat_isEnvoysLine() {
    let line = AccessLogFormatter.envoyDefault.line(Self.entry())
    #expect(
      line == """
        [2019-07-16T19:45:24.233Z] "GET /api?x=1 HTTP/1.1" 503 UF,URX 0 91 30 28 "10.0.0.1" "curl/8.5" "abc-123" "unicorn.local" "127.0.0.1:9001"

        """)
  }

  @Test func defaultFormat_printsDashForWhatIsMissing() {
    var entry = Self.entry(headers: ["x-envoy-original-path": "/original"])
    entry.flags = []
    entry.upstreamHost = nil
    entry.upstreamServiceTimeMillis = nil
    entry.request.minorVersion = 0
    entry.responseCode = 200
    #expect(
      AccessLogFormatter.envoyDefault.line(entry)
        == "[2019-07-16T19:45:24.233Z] \"GET /original HTTP/1.0\" 200 - 0 91 30 - \"-\" \"-\" \"-\" \"-\" \"-\"\n"
    )
  }

  @Test func textFormat_takesEnvoyOperators() throws {
    let formatter = try AccessLogFormatter(
      .text("%UPSTREAM_CLUSTER% %ROUTE_NAME% %REQ(USER-AGENT):4% %RESP(X-CACHE)%"))
    var entry = Self.entry()
    entry.responseHeaders = ["X-Cache": "hit"]
    #expect(formatter.line(entry) == "cds_egress_demo_unicorn-v1_http_15002 split curl hit\n")
  }

  @Test func jsonFormat_writesTypedValues() throws {
    let formatter = try AccessLogFormatter(
      .json([
        .init(key: "code", value: "%RESPONSE_CODE%"),
        .init(key: "flags", value: "%RESPONSE_FLAGS%"),
        .init(key: "path", value: "%REQ(:PATH)%"), .init(key: "missing", value: "%REQ(X-NOPE)%"),
        .init(key: "line", value: "%REQ(:METHOD)% took %DURATION% ms"),
        .init(key: "quote", value: "%REQ(X-Q)%"),
      ]))
    var entry = Self.entry()
    entry.request.headers.add("x-q", "say \"hi\"")
    #expect(
      formatter.line(entry)
        == #"{"code":503,"flags":"UF,URX","path":"/api?x=1","missing":null,"line":"GET took 30 ms","quote":"say \"hi\""}"#
        + "\n")
  }

  @Test(arguments: ["%NOPE%", "%REQ()%", "50%", "%REQ(A):0%", "%START_TIME(%s)%"])
  func format_rejectsWhatEnvoyWouldNotKnow(_ template: String) {
    #expect(throws: MeshConfigError.self) { try AccessLogFormatter(.text(template)) }
  }

  @Test func startTime_handlesLeapDaysAndCenturies() {
    var entry = Self.entry()
    let formatter = try? AccessLogFormatter(.text("%START_TIME%"))
    entry.startTime = 1_709_251_199_999 * Self.millisecond
    #expect(formatter?.line(entry) == "2024-02-29T23:59:59.999Z\n")
    entry.startTime = 951_868_800_000 * Self.millisecond
    #expect(formatter?.line(entry) == "2000-03-01T00:00:00.000Z\n")
    entry.startTime = 0
    #expect(formatter?.line(entry) == "1970-01-01T00:00:00.000Z\n")
  }

  @Test func responseFlags_printInEnvoysOrder() {
    #expect(ResponseFlags().description == "-")
    #expect(
      ResponseFlags([.upstreamRetryLimitExceeded, .noHealthyUpstream, .upstreamOverflow])
        .description == "UH,UO,URX")
    #expect(
      ResponseFlags([.rateLimited, .faultInjected, .delayInjected, .noRouteFound]).description
        == "NR,DI,FI,RL")
    #expect(
      ResponseFlags([
        .downstreamConnectionTermination, .upstreamRequestTimeout, .upstreamConnectionTermination,
      ]).description == "UT,UC,DC")
  }
}
