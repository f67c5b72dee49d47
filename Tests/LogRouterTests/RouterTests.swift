import Glibc
import Synchronization
import Testing
import Wire

@testable import LogRouter

@Suite struct RouterTests {
  /// Every line reaches the HTTP output exactly once while the receiver is first slow, then
  /// failing for a while: the small memory buffer fills, the input pauses (the producer's pipe
  /// blocks), and retries deliver everything once the receiver recovers.
  @Test func noLoss_slowThenFailingOutput() async throws {
    let total = 200_000
    let sink = try LogSink()
    defer { sink.stop() }
    sink.mode = .slow(milliseconds: 20)
    let pipe = Pipe()
    defer { pipe.closeReadEnd() }
    let running = try RunningRouter(
      """
      [SERVICE]
          Flush          0.05
          Mem_Buf_Limit  256K
          Chunk_Size     32K
          scheduler.base 0.01
          scheduler.cap  0.05
      [INPUT]
          Name  stdin
          FD    \(pipe.readEnd)
          Tag   app
      [OUTPUT]
          Name  http
          Match *
          Port  \(sink.server.address.port)
          URI   /logs
          Retry_Limit no_limits
      """)
    let written = Atomic<Int>(0)
    let produced = Atomic<Bool>(false)
    LoopThread.detached(name: "producer") {
      var batch: [UInt8] = []
      for number in 0..<total {
        batch.append(contentsOf: "line \(number)\n".utf8)
        if batch.count > 4096 || number == total - 1 {
          pipe.write(batch)
          batch.removeAll(keepingCapacity: true)
          written.store(number + 1, ordering: .relaxed)
        }
      }
      pipe.closeWriteEnd()
      produced.store(true, ordering: .releasing)
    }
    #expect(await eventually(within: 60) { sink.lines >= total / 4 })
    sink.mode = .failing
    #expect(await eventually(within: 30) { sink.refused >= 20 })
    // The producer is held back: what it wrote beyond what arrived is bounded by the buffer,
    // the pipe and one read, not by how long the output fails.
    let heldAt = written.load(ordering: .relaxed)
    try await Task.sleep(for: .milliseconds(300))
    #expect(written.load(ordering: .relaxed) - heldAt < 10_000)
    #expect(written.load(ordering: .relaxed) - sink.lines < 40_000)
    #expect(written.load(ordering: .relaxed) < total)
    sink.mode = .ok
    #expect(await eventually(within: 120) { produced.load(ordering: .acquiring) })
    #expect(await running.waitUntilFinished(seconds: 120))
    let counts = sink.counts
    #expect(counts.count == total)
    #expect(counts.values.allSatisfy { $0 == 1 })
    let output = try #require(running.router.metrics.counters("http.0"))
    #expect(output.value(.procRecords) == total)
    #expect(output.value(.retries) > 0)
    #expect(output.value(.droppedRecords) == 0)
    #expect(running.router.metrics.counters("stdin.0")?.value(.records) == total)
  }

  /// A flood is cut to the throttle's rate while every ERROR line, re-tagged by rewrite_tag
  /// around the throttle, still arrives; the throttle counts what it dropped.
  @Test func throttle_cutsTheFloodButEveryErrorArrives() async throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let pipe = Pipe()
    defer { pipe.closeReadEnd() }
    let running = try RunningRouter(
      """
      [SERVICE]
          Flush 0.05
      [INPUT]
          Name   stdin
          FD     \(pipe.readEnd)
          Tag    app
          Parser json
      [FILTER]
          Name   rewrite_tag
          Match  app
          Rule   $level ^ERROR$ errors.$TAG false
      [FILTER]
          Name     throttle
          Match    app
          Rate     50
          Window   2
          Interval 60s
      [OUTPUT]
          Name  file
          Match *
          File  \(folder.path)/out.log
      """)
    let total = 20_000
    var text = ""
    for index in 0..<total {
      text += #"{"level":"\#(index % 10 == 0 ? "ERROR" : "INFO")","n":\#(index)}"# + "\n"
    }
    pipe.write(Array(text.utf8))
    pipe.closeWriteEnd()
    #expect(await running.waitUntilFinished(seconds: 60))
    var errors: Set<Int64> = []
    var infos = 0
    for line in folder.read("out.log").split(separator: 0x0A) {
      let record = try LogRecord.fromJSONLine(line, tag: "")
      #expect(record["ecs_task_arn"] == .string("arn:aws:ecs:local:000000000000:task/workshop/t-1"))
      if record["level"] == .string("ERROR"), case .integer(let n) = record["n"] ?? .null {
        errors.insert(n)
      } else {
        infos += 1
      }
    }
    #expect(errors.count == total / 10)
    #expect(infos == 100)
    let throttle = try #require(running.router.metrics.counters("throttle.0"))
    #expect(throttle.value(.dropRecords) == total - total / 10 - 100)
    #expect(throttle.value(.emitRecords) == 100)
    let rewrite = try #require(running.router.metrics.counters("rewrite_tag.0"))
    #expect(rewrite.value(.addRecords) == total / 10)
  }

  /// TCP JSON lines and an HTTP POST of a JSON array both arrive, enriched; the monitoring
  /// endpoints answer in Fluent Bit's shapes.
  @Test func networkInputs_andMonitoring() async throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let running = try RunningRouter(
      """
      [SERVICE]
          Flush       0.05
          HTTP_Server On
          HTTP_Port   0
      [INPUT]
          Name   tcp
          Port   0
          Tag    net.tcp
      [INPUT]
          Name   http
          Port   0
          Tag    net.http
          Source stderr
      [OUTPUT]
          Name  file
          Match net.*
          File  \(folder.path)/out.log
      """)
    defer { running.router.stop() }
    let tcpAddress = try #require(running.router.inputAddress("tcp.0"))
    let (descriptor, _) = try Socket.connect(to: tcpAddress)
    defer { close(descriptor) }
    var writable = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
    #expect(poll(&writable, 1, 5000) == 1)
    let lines = Array("{\"msg\":\"one\"}\nnot json\n{\"msg\":\"two\"}\n".utf8)
    #expect(
      lines.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        == lines.count)

    let client = HTTPClient()
    defer { client.close() }
    let httpAddress = try #require(running.router.inputAddress("http.0"))
    let accepted = try await client.send(
      HTTPClientRequest(
        method: .post, target: "/", body: Array(#"[{"msg":"three"},{"msg":"four"}]"#.utf8)),
      to: httpAddress)
    #expect(accepted.status.code == 201)
    let refused = try await client.send(
      HTTPClientRequest(method: .post, target: "/", body: Array("[1]".utf8)), to: httpAddress)
    #expect(refused.status.code == 400)

    #expect(
      await eventually(within: 20) { folder.read("out.log").split(separator: 0x0A).count == 5 })
    let records = try folder.read("out.log").split(separator: 0x0A).map {
      try LogRecord.fromJSONLine($0, tag: "")
    }
    let messages = Set(records.map { $0["msg"]?.text ?? $0["log"]?.text ?? "" })
    #expect(messages == ["one", "two", "three", "four", "not json"])
    #expect(records.allSatisfy { $0["container_name"] == .string("swan") && $0["log"] != nil })
    #expect(records.filter { $0["source"] == .string("stderr") }.count == 2)

    let monitor = try #require(running.router.monitoringAddress)
    let metrics = try await client.send(HTTPClientRequest(target: "/api/v1/metrics"), to: monitor)
    let json = try JSONRecordParser.parseValue(String(decoding: metrics.body, as: UTF8.self))
    #expect(json["input"]?["tcp.0"]?["records"] == .integer(3))
    #expect(json["input"]?["http.0"]?["records"] == .integer(2))
    #expect(json["output"]?["file.0"]?["proc_records"] == .integer(5))
    #expect(json["output"]?["file.0"]?["retries_failed"] == .integer(0))
    let prometheus = try await client.send(
      HTTPClientRequest(target: "/api/v1/metrics/prometheus"), to: monitor)
    #expect(
      String(decoding: prometheus.body, as: UTF8.self).contains(
        "fluentbit_input_records_total{name=\"tcp.0\"} 3\n"))
    let health = try await client.send(HTTPClientRequest(target: "/api/v1/health"), to: monitor)
    #expect(health.status.code == 200)
    running.router.stop()
    #expect(await running.waitUntilFinished(seconds: 20))
  }

  /// A receiver that keeps failing: after Retry_Limit retries the chunk is dropped and
  /// counted (retries_failed, dropped_records), and the router still ends.
  @Test func retryLimit_exhaustedChunksAreCounted() async throws {
    let sink = try LogSink()
    defer { sink.stop() }
    sink.mode = .failing
    let pipe = Pipe()
    defer { pipe.closeReadEnd() }
    let running = try RunningRouter(
      """
      [SERVICE]
          Flush          0.05
          scheduler.base 0.01
          scheduler.cap  0.02
      [INPUT]
          Name  stdin
          FD    \(pipe.readEnd)
          Tag   app
      [OUTPUT]
          Name  http
          Match *
          Port  \(sink.server.address.port)
          URI   /logs
          Retry_Limit 2
      """)
    pipe.write(Array((0..<100).map { "line \($0)\n" }.joined().utf8))
    pipe.closeWriteEnd()
    #expect(await running.waitUntilFinished(seconds: 30))
    let output = try #require(running.router.metrics.counters("http.0"))
    #expect(output.value(.droppedRecords) == 100)
    #expect(output.value(.retriesFailed) >= 1)
    #expect(output.value(.retries) == 2 * output.value(.retriesFailed))
    #expect(output.value(.procRecords) == 0)
    #expect(sink.refused == 3 * output.value(.retriesFailed))
  }
}
