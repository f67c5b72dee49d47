import Foundation
import Telemetry
import Testing

@testable import Tracer

@Suite struct TraceDaemonTests {
  /// Documents stamped now, since the daemon checks start times against the real clock.
  static func segment(
    name: String = "swan", id: String, trace: String, start: Double, extra: String = ""
  ) -> String {
    """
    {"name": "\(name)", "id": "\(id)", "trace_id": "\(trace)", "start_time": \(start), "end_time": \(start + 0.2)\(extra)}
    """
  }

  static func freshTraceID() -> String {
    TraceID.random(epochSeconds: Int(Date().timeIntervalSince1970)).xray
  }

  @Test func udp_storesValidDatagramsAndCountsEachRejection() async throws {
    let harness = try TracerHarness()
    defer { harness.stop() }
    let now = Date().timeIntervalSince1970
    let trace = Self.freshTraceID()
    try harness.sendDatagrams([
      TracerHarness.datagram(
        Self.segment(
          id: "00000000000000e1", trace: trace, start: now,
          extra: """
            , "subsegments": [{"name": "unicorn", "id": "00000000000000e2", "namespace": "remote", \
            "start_time": \(now + 0.01), "end_time": \(now + 0.1), "fault": true}]
            """)),
      Array(
        "{\"format\":\"json\",\"version\":1}\n\(Self.segment(id: "00000000000000e3", trace: trace, start: now))"
          .utf8),
      Array("no header\n{}".utf8),
      TracerHarness.datagram("{\"name\": "),
      TracerHarness.datagram(Self.segment(id: "00000000000000e4", trace: "1-abc", start: now)),
      TracerHarness.datagram(Self.segment(id: "00000000000000e5", trace: trace, start: 1e12)),
      TracerHarness.datagram(String(repeating: "[", count: 50) + String(repeating: "]", count: 50)),
      TracerHarness.datagram(
        "{\"pad\": \"" + String(repeating: "x", count: 64_200) + "\"}"),
    ])
    #expect(
      try await harness.waitFor { $0.stored == 2 && $0.rejectedTotal == 6 },
      "\(harness.daemon.statistics.snapshot)")
    let counts = harness.daemon.statistics.snapshot
    #expect(counts.rejected[.invalidHeader] == 1)
    #expect(counts.rejected[.invalidJSON] == 1)
    #expect(counts.rejected[.invalidTraceID] == 1)
    #expect(counts.rejected[.invalidStartTime] == 1)
    #expect(counts.rejected[.tooDeep] == 1)
    #expect(counts.rejected[.tooLarge] == 1)
    #expect(counts.received == 8)

    let graph = try await harness.json(
      "/ServiceGraph", "{\"StartTime\": \(now - 120), \"EndTime\": \(now + 120)}")
    let services = try #require(graph["Services"]?.array)
    #expect(services.compactMap { $0["Name"]?.string }.sorted() == ["client", "swan", "unicorn"])
    let swan = try #require(services.first { $0["Name"]?.string == "swan" })
    #expect(swan["SummaryStatistics"]?["TotalCount"]?.int == 2)
    let edge = try #require(swan["Edges"]?.array?.first)
    #expect(edge["SummaryStatistics"]?["FaultStatistics"]?["TotalCount"]?.int == 1)
    let stats = try JSONParser().parse(
      Array(
        try await harness.client.send(
          .init(target: "/stats"), to: harness.daemon.server.address
        ).body))
    #expect(stats["rejected"]?["too_large"]?.int == 1)
    #expect(stats["stored"]?.int == 2)
  }

  /// A listener stopped while the write queue is full still accounts for every datagram its
  /// last receive took (up to 16 per recvmmsg): the first is queued, the rest are counted as
  /// dropped for a full queue, none goes missing. The writer is never started, so the
  /// one-record queue stays full.
  @Test func udp_accountsForTheLastBatchAtAStop() async throws {
    let harness = try TracerHarness(queueCapacity: 1, start: false)
    defer { harness.stop() }
    let now = Date().timeIntervalSince1970
    let trace = Self.freshTraceID()
    try harness.sendDatagrams(
      (1...5).map { number in
        TracerHarness.datagram(
          Self.segment(id: "00000000000000f\(number)", trace: trace, start: now))
      })
    harness.daemon.listener.start()
    let deadline = ContinuousClock.now + .seconds(10)
    while harness.daemon.statistics.snapshot.received == 0, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(5))
    }
    harness.daemon.listener.stop()
    let counts = harness.daemon.statistics.snapshot
    #expect(counts.received == 5, "\(counts)")
    #expect(counts.accepted == 1)
    #expect(counts.droppedQueueFull == 4)
  }

  /// A burst larger than the receive buffer, sent before the listener reads: what the kernel
  /// dropped is counted (SO_RXQ_OVFL), so sent = received + dropped_kernel, as /proc/net/udp
  /// says. The drop count rides on the next datagram queued after a drop, so a last datagram
  /// is sent (again) until it lands. The write queue is small: the listener waits for room
  /// rather than dropping what it read.
  @Test func udp_countsWhatTheKernelDropped() async throws {
    let harness = try TracerHarness(queueCapacity: 64, start: false)
    defer { harness.stop() }
    let padding = String(repeating: "x", count: 1_000)
    let datagram = TracerHarness.datagram(
      Self.segment(
        id: "00000000000000d1", trace: Self.freshTraceID(),
        start: Date().timeIntervalSince1970, extra: ", \"metadata\": {\"pad\": \"\(padding)\"}"))
    var sent = 60_000
    try harness.sendDatagrams(Array(repeating: datagram, count: sent))
    harness.daemon.start()
    var balanced = false
    let deadline = ContinuousClock.now + .seconds(30)
    while !balanced, ContinuousClock.now < deadline {
      try harness.sendDatagrams([datagram])
      sent += 1
      balanced = try await harness.waitFor(seconds: 0.5) {
        $0.received + $0.droppedKernel == sent
      }
    }
    let counts = harness.daemon.statistics.snapshot
    #expect(balanced, "sent \(sent): \(counts)")
    #expect(counts.droppedKernel > 0)
    #expect(counts.droppedQueueFull == 0)
    #expect(try harness.kernelDrops() == counts.droppedKernel)
    let stats = try JSONParser().parse(
      Array(
        try await harness.client.send(
          .init(target: "/stats"), to: harness.daemon.server.address
        ).body))
    #expect(stats["dropped_kernel"]?.int == counts.droppedKernel)
  }

  @Test func http_putTraceSegmentsThenQueries() async throws {
    let harness = try TracerHarness()
    defer { harness.stop() }
    let now = Date().timeIntervalSince1970
    let trace = Self.freshTraceID()
    func quoted(_ document: String) -> String {
      var writer = JSONWriter()
      writer.string(document)
      return writer.string
    }
    let segment = Self.segment(
      id: "00000000000000f1", trace: trace, start: now,
      extra: """
        , "http": {"request": {"method": "GET", "url": "http://swan/pets"}, "response": {"status": 503}}, \
        "fault": true, "annotations": {"tier": "gold"}
        """)
    let subsegment = """
      {"name": "unicorn", "id": "00000000000000f2", "trace_id": "\(trace)", "parent_id": "00000000000000f1", \
      "type": "subsegment", "namespace": "remote", "start_time": \(now + 0.01), "end_time": \(now + 0.15), "fault": true}
      """
    let put = try await harness.json(
      "/TraceSegments",
      "{\"TraceSegmentDocuments\": [\(quoted(subsegment)), \(quoted(segment)), \(quoted("{\"id\": \"0000000000000009\"}"))]}"
    )
    let unprocessed = try #require(put["UnprocessedTraceSegments"]?.array)
    #expect(unprocessed.count == 1)
    #expect(unprocessed.first?["Id"]?.string == "0000000000000009")
    #expect(unprocessed.first?["ErrorCode"]?.string == "invalid_trace_id")
    #expect(try await harness.waitFor { $0.stored == 2 })

    let window = "\"StartTime\": \(now - 60), \"EndTime\": \(now + 60)"
    let summaries = try await harness.json(
      "/TraceSummaries",
      "{\(window), \"FilterExpression\": \"service(\\\"swan\\\") { fault } AND annotation.tier = \\\"gold\\\" AND edge(\\\"swan\\\", \\\"unicorn\\\")\"}"
    )
    let summary = try #require(summaries["TraceSummaries"]?.array?.first)
    #expect(summary["Id"]?.string == trace)
    #expect(summary["HasFault"]?.bool == true)
    #expect(summary["Http"]?["HttpStatus"]?.int == 503)
    #expect(
      summary["Annotations"]?["tier"]?.array?.first?["AnnotationValue"]?["StringValue"]?.string
        == "gold")
    let none = try await harness.json(
      "/TraceSummaries", "{\(window), \"FilterExpression\": \"http.status = 200\"}")
    #expect(none["TraceSummaries"]?.array?.isEmpty == true)
    #expect(none["TracesProcessedCount"]?.int == 1)

    let bad = try await harness.post(
      "/TraceSummaries", "{\(window), \"FilterExpression\": \"responsetime >\"}")
    #expect(bad.status == 400)
    #expect(bad.body.contains("position 14"))

    let traces = try await harness.json(
      "/Traces", "{\"TraceIds\": [\"\(trace)\", \"1-00000001-000000000000000000000001\"]}")
    #expect(traces["UnprocessedTraceIds"]?.array?.count == 1)
    let stored = try #require(traces["Traces"]?.array?.first)
    let segments = try #require(stored["Segments"]?.array)
    #expect(segments.count == 1)
    let document = try JSONParser().parse(Array((segments[0]["Document"]?.string ?? "").utf8))
    #expect(document["subsegments"]?.array?.first?["id"]?.string == "00000000000000f2")

    let graph = try await harness.json("/ServiceGraph", "{\(window)}")
    let swan = try #require(graph["Services"]?.array?.first { $0["Name"]?.string == "swan" })
    let edge = try #require(swan["Edges"]?.array?.first)
    #expect(edge["SummaryStatistics"]?["FaultStatistics"]?["TotalCount"]?.int == 1)
    #expect(try await harness.post("/ServiceGraph", "{\"StartTime\": 5}").status == 400)
    #expect(try await harness.post("/Traces", "[1]").status == 400)
  }

  @Test func http_acceptsZipkinAndOTLP() async throws {
    let harness = try TracerHarness()
    defer { harness.stop() }
    let now = Date().timeIntervalSince1970
    let zipkin = """
      [{"traceId": "00112233445566778899aabbccddeeff", "id": "00000000000000c1", "name": "get", "kind": "SERVER",
        "timestamp": \(UInt64(now * 1e6)), "duration": 20000, "localEndpoint": {"serviceName": "swan"}},
       {"traceId": "00112233445566778899aabbccddeeff", "id": "00000000000000c2", "parentId": "00000000000000c1",
        "name": "call", "kind": "CLIENT", "timestamp": \(UInt64(now * 1e6) + 100), "duration": 10000,
        "localEndpoint": {"serviceName": "swan"}, "remoteEndpoint": {"serviceName": "unicorn"}}]
      """
    #expect(try await harness.post("/api/v2/spans", zipkin).status == 202)
    let otlp = """
      {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "unicorn"}}]},
        "scopeSpans": [{"spans": [{"traceId": "00112233445566778899aabbccddeeff", "spanId": "00000000000000c3",
          "parentSpanId": "00000000000000c2", "name": "GET /", "kind": 2,
          "startTimeUnixNano": "\(UInt64(now * 1e9) + 200_000)", "endTimeUnixNano": "\(UInt64(now * 1e9) + 9_000_000)",
          "status": {"code": 2}}]}]}]}
      """
    let response = try await harness.post("/v1/traces", otlp)
    #expect(response.status == 200)
    #expect(try await harness.post("/v1/traces", "{oops").status == 400)
    #expect(try await harness.waitFor { $0.stored == 3 })
    let traceID = try #require(TraceID(w3c: "00112233445566778899aabbccddeeff"))
    let traces = try await harness.json("/Traces", "{\"TraceIds\": [\"\(traceID.xray)\"]}")
    let segments = try #require(traces["Traces"]?.array?.first?["Segments"]?.array)
    let documents = try segments.map {
      try JSONParser().parse(Array(($0["Document"]?.string ?? "").utf8))
    }
    let unicorn = try #require(documents.first { $0["name"]?.string == "unicorn" })
    #expect(unicorn["parent_id"]?.string == "00000000000000c2")
    #expect(unicorn["fault"]?.bool == true)
    let swan = try #require(documents.first { $0["name"]?.string == "swan" })
    #expect(swan["subsegments"]?.array?.first?["namespace"]?.string == "remote")
    let graph = try harness.daemon.store.serviceGraph(start: now - 60, end: now + 60)
    #expect(graph.edges[ServiceEdge(source: "swan", target: "unicorn")]?.totalCount == 1)
    #expect(graph.services["unicorn"]?.faultCount == 1)
  }

  @Test func sampling_servesTheDefaultRuleAndAQuota() async throws {
    let harness = try TracerHarness()
    defer { harness.stop() }
    let rules = try await harness.json("/GetSamplingRules", "{}")
    let rule = try #require(rules["SamplingRuleRecords"]?.array?.first?["SamplingRule"])
    #expect(rule["RuleName"]?.string == "Default")
    #expect(rule["FixedRate"]?.double == 0.05)
    #expect(rule["ReservoirSize"]?.int == 1)
    #expect(rule["Version"]?.int == 1)
    #expect(rule["ResourceARN"]?.string == "*")
    let body = """
      {"SamplingStatisticsDocuments": [{"RuleName": "Default", "ClientID": "0123456789abcdef01234567",
        "Timestamp": 1, "RequestCount": 10, "SampledCount": 2, "BorrowCount": 0},
        {"RuleName": "Other", "ClientID": "0123456789abcdef01234567", "Timestamp": 1, "RequestCount": 1,
        "SampledCount": 0, "BorrowCount": 0}]}
      """
    let targets = try await harness.json("/SamplingTargets", body)
    let target = try #require(targets["SamplingTargetDocuments"]?.array?.first)
    #expect(target["ReservoirQuota"]?.int == 1)
    #expect(target["Interval"]?.int == 10)
    #expect(targets["UnprocessedStatistics"]?.array?.first?["RuleName"]?.string == "Other")
    #expect(try await harness.post("/SamplingTargets", "{}").status == 400)
  }

  @Test func quota_sharesTheReservoirAmongClients() {
    let sampling = SamplingCoordinator(reservoirPerSecond: 1, now: { 100 })
    #expect(sampling.quota(for: "a", at: 100) == 1)
    #expect(sampling.quota(for: "b", at: 101) == 0)
    #expect(sampling.quota(for: "a", at: 102) == 1)
    // Once "b" has been silent for two intervals, "a" is alone again... and so is "b" later.
    #expect(sampling.quota(for: "b", at: 200) == 1)
  }
}
