import Foundation
import Glibc
import Telemetry
import Testing
import Wire

/// The real `sidecarlab app` binary as swan and unicorn processes, talking over real sockets.
@Suite(.serialized) struct DemoAppProcessTests {
  /// Splits a daemon datagram into its header line and segment document.
  private func segment(_ datagram: [UInt8]) throws -> [String: Any] {
    let newline = try #require(datagram.firstIndex(of: 10))
    #expect(
      String(decoding: datagram[..<newline], as: UTF8.self) == #"{"format": "json", "version": 1}"#)
    return try #require(
      JSONSerialization.jsonObject(with: Data(datagram[(newline + 1)...])) as? [String: Any])
  }

  @Test func swan_relaysToUnicornContinuingTheTraceInLogsAndSegments() async throws {
    let daemon = try UDPCapture()
    let unicorn = try await RunningApp.start("unicorn", daemon: daemon.address)
    defer { unicorn.stop() }
    let swan = try await RunningApp.start("swan", upstream: unicorn.address, daemon: daemon.address)
    defer { swan.stop() }

    let traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    let response = try await swan.request(
      .post, "/unicorn", headers: ["traceparent": traceparent, "x-request-id": "req-1"],
      body: "hello")
    #expect(response.status.code == 200)
    #expect(response.json["service"] as? String == "unicorn")
    #expect(response.json["instance"] as? String == "unicorn-t")

    let traceID = "1-0af76519-16cd43dd8448eb211c80319c"
    #expect(await daemon.receive(count: 2))
    let segments = try daemon.datagrams.map(segment)
    let swanSegment = try #require(segments.first { $0["name"] as? String == "swan" })
    let unicornSegment = try #require(segments.first { $0["name"] as? String == "unicorn" })
    #expect(swanSegment["trace_id"] as? String == traceID)
    #expect(unicornSegment["trace_id"] as? String == traceID)
    #expect(swanSegment["parent_id"] as? String == "b7ad6b7169203331")
    let subsegments = try #require(swanSegment["subsegments"] as? [[String: Any]])
    #expect(subsegments.count == 1)
    #expect(subsegments[0]["name"] as? String == "unicorn")
    #expect(subsegments[0]["namespace"] as? String == "remote")
    #expect(subsegments[0]["id"] as? String == unicornSegment["parent_id"] as? String)
    for document in segments {
      #expect((document["id"] as? String)?.count == 16)
      #expect(document["start_time"] is Double && document["end_time"] is Double)
      let http = try #require(document["http"] as? [String: Any])
      #expect((http["response"] as? [String: Any])?["status"] as? Int == 200)
      #expect((http["request"] as? [String: Any])?["method"] as? String == "POST")
    }

    for app in [swan, unicorn] {
      #expect(
        await eventually { app.process.jsonLines.contains { $0["path"] as? String == "/unicorn" } })
      let line = try #require(app.process.jsonLines.first { $0["path"] as? String == "/unicorn" })
      #expect(line["trace_id"] as? String == traceID)
      #expect(line["request_id"] as? String == "req-1")
      #expect(line["status"] as? Int == 200)
      #expect(line["method"] as? String == "POST")
      #expect(line["duration_ms"] is Double)
      #expect((line["time"] as? String)?.hasSuffix("Z") == true)
    }
  }

  @Test func swan_startsATraceWhenNoneCameAndServesItsPages() async throws {
    let daemon = try UDPCapture()
    let swan = try await RunningApp.start(
      "swan", upstream: SocketAddress("127.0.0.1:1")!, daemon: daemon.address)
    defer { swan.stop() }
    let index = try await swan.request(.get, "/")
    #expect(index.status.code == 200)
    #expect(index.json["service"] as? String == "swan")
    #expect(try await swan.request(.get, "/health").status.code == 200)
    let missing = try await swan.request(.get, "/nowhere")
    #expect(missing.status.code == 404)
    #expect(missing.json["error"] != nil)
    #expect(await daemon.receive(count: 1))
    let traceID = try #require(try segment(daemon.datagrams[0])["trace_id"] as? String)
    #expect(TraceID(xray: traceID) != nil)
    #expect(await eventually { swan.process.jsonLines.count >= 3 })
    #expect(swan.process.jsonLines.first?["trace_id"] as? String == traceID)
    #expect(
      swan.process.jsonLines.contains {
        $0["path"] as? String == "/nowhere" && $0["status"] as? Int == 404
      })
  }

  @Test func swan_answers502WhenUnicornIsUnreachable() async throws {
    let swan = try await RunningApp.start("swan", upstream: try closedPort())
    defer { swan.stop() }
    let response = try await swan.request(.get, "/unicorn")
    #expect(response.status.code == 502)
    #expect((response.json["error"] as? String)?.contains("unicorn") == true)
    #expect(
      await eventually {
        swan.process.standardError.lines.contains { $0.contains(#""level":"error""#) }
      })
  }

  @Test func swan_answers504WhenUnicornIsTooSlow() async throws {
    let unicorn = try await RunningApp.start("unicorn")
    defer { unicorn.stop() }
    let swan = try await RunningApp.start(
      "swan", upstream: unicorn.address, extra: ["--upstream-timeout-ms", "300"])
    defer { swan.stop() }
    let put = try await unicorn.control(
      .put, "/faults/latency", body: #"{"fixed_ms": 3000, "jitter_ms": 0, "percent": 100}"#)
    #expect(put.status.code == 200)
    let started = ContinuousClock.now
    let response = try await swan.request(.get, "/unicorn")
    #expect(response.status.code == 504)
    #expect(ContinuousClock.now - started < .seconds(2))
  }

  @Test func control_requiresTheTokenAndValidParameters() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    #expect(try await app.control(.get, "/faults", token: nil).status.code == 401)
    #expect(try await app.control(.get, "/faults", token: "wrong").status.code == 401)
    #expect(
      try await app.control(.put, "/faults/cpu-hog", body: #"{"percent": 5}"#, token: "x").status
        .code == 401)

    let outOfRange = try await app.control(
      .put, "/faults/errors", body: #"{"status": 600, "percent": 10}"#)
    #expect(outOfRange.status.code == 400)
    #expect((outOfRange.json["error"] as? String)?.hasPrefix("status: must be") == true)
    let missing = try await app.control(.put, "/faults/errors", body: #"{"status": 500}"#)
    #expect((missing.json["error"] as? String)?.hasPrefix("percent:") == true)
    let extra = try await app.control(.put, "/faults/failing-health", body: #"{"loud": true}"#)
    #expect(
      extra.status.code == 400 && (extra.json["error"] as? String)?.hasPrefix("loud:") == true)
    let malformed = try await app.control(.put, "/faults/errors", body: "{status")
    #expect(
      malformed.status.code == 400
        && (malformed.json["error"] as? String)?.hasPrefix("body:") == true)
    #expect(try await app.control(.put, "/faults/teleport", body: "{}").status.code == 404)
    #expect(try await app.control(.delete, "/faults/errors").status.code == 404)

    let catalog = try await app.control(.get, "/faults/catalog")
    #expect((catalog.json["kinds"] as? [[String: Any]])?.count == 7)
    #expect(try await app.control(.put, "/faults/failing-health", body: "{}").status.code == 200)
    let active = try await app.control(.get, "/faults")
    #expect(
      (active.json["faults"] as? [[String: Any]])?.first?["kind"] as? String == "failing-health")
    #expect(try await app.control(.delete, "/faults/failing-health").status.code == 204)
  }

  @Test func latencyFault_isSeenByTheClient() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    _ = try await app.control(
      .put, "/faults/latency", body: #"{"fixed_ms": 2000, "jitter_ms": 50, "percent": 100}"#)
    let started = ContinuousClock.now
    #expect(try await app.request(.get, "/unicorn").status.code == 200)
    let elapsed = ContinuousClock.now - started
    #expect(elapsed >= .milliseconds(2000) && elapsed < .seconds(10))
    #expect(try await app.control(.delete, "/faults/latency").status.code == 204)
    let again = ContinuousClock.now
    _ = try await app.request(.get, "/unicorn")
    // Far below the fault's 2 s even on a busy machine.
    #expect(ContinuousClock.now - again < .milliseconds(2000))
  }

  @Test func errorsFault_answersTheStatusAtTheRate() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    _ = try await app.control(.put, "/faults/errors", body: #"{"status": 503, "percent": 50}"#)
    var statuses: [Int] = []
    for _ in 0..<60 { statuses.append(try await app.request(.get, "/unicorn").status.code) }
    let failed = statuses.filter { $0 == 503 }.count
    #expect((12...48).contains(failed))
    #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 })
  }

  @Test func crashFault_exitsWithTheCodeAfterNRequests() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    _ = try await app.control(
      .put, "/faults/crash", body: #"{"exit_code": 42, "after_requests": 2}"#)
    #expect(try await app.request(.get, "/unicorn").status.code == 200)
    #expect(try await app.request(.get, "/unicorn").status.code == 200)
    #expect(try await app.request(.get, "/health").status.code == 200)
    await #expect(throws: HTTPClientError.self) { _ = try await app.request(.get, "/unicorn") }
    #expect(await app.process.exitStatus(within: .seconds(5)) == 42)
  }

  @Test func crashFault_withZeroRequestsExitsNow() async throws {
    let app = try await RunningApp.start("swan", upstream: SocketAddress("127.0.0.1:1")!)
    defer { app.stop() }
    let put = try await app.control(
      .put, "/faults/crash", body: #"{"exit_code": 7, "after_requests": 0}"#)
    #expect(put.status.code == 200)
    #expect(await app.process.exitStatus(within: .seconds(5)) == 7)
  }

  @Test func memoryLeakFault_growsTheResidentSetUntilStopped() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    let before = try #require(ProcFS.residentKilobytes(app.process.pid))
    _ = try await app.control(.put, "/faults/memory-leak", body: #"{"mb_per_second": 32}"#)
    #expect(
      await eventually(timeout: .seconds(5)) {
        (ProcFS.residentKilobytes(app.process.pid) ?? 0) > before + 24 * 1024
      })
    #expect(try await app.control(.delete, "/faults/memory-leak").status.code == 204)
    #expect(
      await eventually(timeout: .seconds(5)) {
        (ProcFS.residentKilobytes(app.process.pid) ?? .max) < before + 24 * 1024
      })
  }

  @Test func cpuHogFault_usesRoughlyTheShareOfOneCore() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    _ = try await app.control(.put, "/faults/cpu-hog", body: #"{"percent": 50}"#)
    try await Task.sleep(for: .milliseconds(200))
    let startTicks = try #require(ProcFS.cpuTicks(app.process.pid))
    let started = ContinuousClock.now
    try await Task.sleep(for: .seconds(2))
    let ticks = try #require(ProcFS.cpuTicks(app.process.pid)) - startTicks
    let elapsed = (ContinuousClock.now - started).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    let share = Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) / seconds
    // Wide bounds: the other tests share the two cores, so the hog may get less than it
    // asks for; an idle unicorn uses next to nothing, and a runaway loop a whole core.
    #expect(share > 0.1 && share < 0.9, "cpu share \(share)")
    _ = try await app.control(.delete, "/faults/cpu-hog")
  }

  @Test func failingHealthFault_makesHealthAnswer503() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    _ = try await app.control(.put, "/faults/failing-health", body: "{}")
    #expect(try await app.request(.get, "/health").status.code == 503)
    #expect(try await app.request(.get, "/unicorn").status.code == 200)
    _ = try await app.control(.delete, "/faults/failing-health")
    #expect(try await app.request(.get, "/health").status.code == 200)
  }

  @Test func logFloodFault_printsLinesAtTheRate() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    _ = try await app.control(.put, "/faults/log-flood", body: #"{"lines_per_second": 400}"#)
    try await Task.sleep(for: .seconds(1))
    _ = try await app.control(.delete, "/faults/log-flood")
    try await Task.sleep(for: .milliseconds(100))
    let flood = app.process.jsonLines.filter {
      ($0["message"] as? String)?.hasPrefix("log flood") == true
    }
    #expect(flood.count > 200 && flood.count < 700, "\(flood.count) lines")
  }

  @Test func app_stopsCleanlyOnSIGTERM() async throws {
    let app = try await RunningApp.start("unicorn")
    defer { app.stop() }
    #expect(try await app.request(.get, "/health").status.code == 200)
    kill(app.process.pid, SIGTERM)
    #expect(await app.process.exitStatus(within: .seconds(5)) == 0)
  }

  @Test func app_refusesAMissingTokenOrBadOptions() async throws {
    for (arguments, environment) in [
      (["--service", "unicorn", "--listen", "127.0.0.1:0", "--control", "127.0.0.1:0"], [:]),
      (
        ["--service", "dragon", "--listen", "127.0.0.1:0", "--control", "127.0.0.1:0"],
        ["SIDECARLAB_CONTROL_TOKEN": "t"]
      ),
      (
        ["--service", "swan", "--listen", "127.0.0.1:0", "--control", "127.0.0.1:0"],
        ["SIDECARLAB_CONTROL_TOKEN": "t"]
      ),
      (
        ["--service", "unicorn", "--listen", "127.0.0.1:0", "--control", "10.0.0.1:0"],
        ["SIDECARLAB_CONTROL_TOKEN": "t"]
      ),
    ] {
      let app = try ChildProcess(["app"] + arguments, environment: environment)
      defer { app.kill() }
      let status = await app.exitStatus(within: .seconds(5))
      #expect(status == 2 || status == 1, "\(arguments)")
      #expect(!app.standardError.lines.isEmpty)
    }
  }

  /// An address nothing listens on: a port bound and closed again.
  private func closedPort() throws -> SocketAddress {
    let descriptor = try Socket.listen(on: SocketAddress("127.0.0.1:0")!)
    defer { close(descriptor) }
    return try SocketAddress.local(of: descriptor)
  }
}
