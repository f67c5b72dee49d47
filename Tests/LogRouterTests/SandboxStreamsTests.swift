import Glibc
import LogRouter
import Sandbox
import Testing
import Wire

/// The sandbox agent hands each `awsfirelens` container's stdout and stderr to the task's
/// log router (issue 7): every line reaches the router's store once, with its container and
/// source; a stopped router blocks the producer instead of losing lines; a router restart
/// loses nothing.
@Suite(.serialized) struct SandboxStreamsTests {
  @Test func everyLineLandsOnceWithContainerAndSource() async throws {
    let fixture = try SandboxStreamsFixture.make(sandboxID: "streams")
    let count = 300
    try fixture.start(
      SandboxStreamsFixture.producer(
        "alpha",
        #"i=0; while [ $i -lt \#(count) ]; do echo "alpha out $i"; echo "alpha err $i" >&2; i=$((i+1)); done; exec sleep 100"#
      ),
      SandboxStreamsFixture.producer(
        "beta",
        #"i=0; while [ $i -lt \#(count) ]; do printf '{"n":%d,"msg":"beta %d"}\n' $i $i; i=$((i+1)); done; echo 'beta err plain' >&2; exec sleep 100"#,
        parser: "json"),
      SandboxStreamsFixture.router())
    var lines: [String: [StoredLog]] = [:]
    let arrived = await eventually(within: 60) {
      guard let store = fixture.store() else { return false }
      defer { store.close() }
      for (container, source) in [
        ("alpha", "stdout"), ("alpha", "stderr"), ("beta", "stdout"), ("beta", "stderr"),
      ] {
        lines["\(container) \(source)"] = try? SandboxStreamsFixture.messages(
          store, container: container, source: source)
      }
      return lines["alpha stdout"]?.count == count && lines["alpha stderr"]?.count == count
        && lines["beta stdout"]?.count == count && lines["beta stderr"]?.count == 1
    }
    await fixture.tearDown()
    #expect(arrived, "\(lines.mapValues(\.count))")
    #expect(lines["alpha stdout"]?.map(\.message) == (0..<count).map { "alpha out \($0)" })
    #expect(lines["alpha stderr"]?.map(\.message) == (0..<count).map { "alpha err \($0)" })
    #expect(
      lines["beta stdout"]?.map(\.message)
        == (0..<count).map { #"{"n":\#($0),"msg":"beta \#($0)"}"# })
    #expect(lines["beta stderr"]?.map(\.message) == ["beta err plain"])
    let record = try #require(lines["beta stdout"]?.last?.record)
    for field in [
      #""msg":"beta \#(count - 1)""#, #""container_name":"beta""#, #""source":"stdout""#,
      #""ecs_task_arn":"arn:aws:ecs:local:000000000000:task/sidecarlab/streams""#,
      #""ecs_task_definition":"streams:1""#,
    ] {
      #expect(record.contains(field), "\(record)")
    }
  }

  /// 1.2 MB from a producer while the router is stopped (SIGSTOP): the agent reads no more
  /// than its route pipe and one pending read take, the producer's output stops advancing
  /// and it never finishes; after SIGCONT every line arrives, once.
  @Test func stoppedRouterBlocksTheProducerAndLosesNothing() async throws {
    let fixture = try SandboxStreamsFixture.make(sandboxID: "pressure")
    let total = 20_000
    try fixture.start(
      SandboxStreamsFixture.router(),
      SandboxStreamsFixture.producer(
        "flood",
        "while [ ! -e go ]; do sleep 0.05; done; seq -f 'flood %07.0f ........................................' 1 \(total); touch finished; exec sleep 100"
      ))
    #expect(await eventually(within: 30) { fixture.status("flood")?.pid != nil })
    try fixture.agent.freeze(sandboxID: "pressure", container: "logrouter")
    #expect(creat("\(fixture.folder("flood"))/go", 0o644) >= 0)
    func lastSeen() -> Int {
      let last = fixture.sink.recent(sandboxID: "pressure", container: "flood", limit: 1).last
      return Int(last?.text.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    // The agent's view of the producer's output stops advancing: unchanged for 1 s.
    var stable = (value: -1, since: millisecondsNow())
    let stalled = await eventually(within: 30) {
      let seen = lastSeen()
      if seen != stable.value { stable = (seen, millisecondsNow()) }
      return seen > 0 && millisecondsNow() - stable.since >= 1000
    }
    let seenWhileStopped = lastSeen()
    let finishedWhileStopped = access("\(fixture.folder("flood"))/finished", F_OK) == 0
    try fixture.agent.thaw(sandboxID: "pressure", container: "logrouter")
    var stored: [StoredLog] = []
    let arrived = await eventually(within: 90) {
      guard let store = fixture.store() else { return false }
      defer { store.close() }
      stored =
        (try? SandboxStreamsFixture.messages(store, container: "flood", source: "stdout")) ?? []
      return stored.count >= total
    }
    let finished = access("\(fixture.folder("flood"))/finished", F_OK) == 0
    let notForwarded = fixture.agent.logBytesNotForwarded
    await fixture.tearDown()
    #expect(notForwarded == 0)
    #expect(stalled)
    // 64 KiB route pipe + at most one 64 KiB pending read ≈ 2,200 lines of 60 bytes.
    #expect(
      (1..<3_000).contains(seenWhileStopped), "the agent read \(seenWhileStopped) lines")
    #expect(!finishedWhileStopped, "the producer finished although nobody read its output")
    #expect(arrived && finished)
    #expect(
      stored.map(\.message)
        == (1...total).map {
          "flood \(String(repeating: "0", count: 7 - String($0).count))\($0) ........................................"
        })
  }

  /// Stopping a sandbox stops the log router last: lines still in the pipes when the stop
  /// begins (written while the router was frozen) are stored before it exits by itself.
  @Test func stopDeliversWhatIsStillInThePipes() async throws {
    let fixture = try SandboxStreamsFixture.make(sandboxID: "last")
    let total = 10_000
    try fixture.start(
      SandboxStreamsFixture.router(),
      SandboxStreamsFixture.producer(
        "tail",
        "while [ ! -e go ]; do sleep 0.05; done; seq -f 'tail %05.0f' 1 \(total); touch finished; exec sleep 100"
      ))
    #expect(await eventually(within: 30) { fixture.status("tail")?.pid != nil })
    try fixture.agent.freeze(sandboxID: "last", container: "logrouter")
    // 110 kB: less than the producer's pipe, the agent's pending read and the route pipe hold.
    #expect(creat("\(fixture.folder("tail"))/go", 0o644) >= 0)
    let written = await eventually(within: 30) {
      access("\(fixture.folder("tail"))/finished", F_OK) == 0
    }
    let storedBeforeStop = fixture.store().map { store in
      defer { store.close() }
      return (try? store.count()) ?? 0
    }
    try await fixture.stop()
    let router = fixture.status("logrouter")
    let stored: [StoredLog] =
      try fixture.store().map { store in
        defer { store.close() }
        return try SandboxStreamsFixture.messages(store, container: "tail", source: "stdout")
      } ?? []
    await fixture.tearDown()
    #expect(written)
    #expect((storedBeforeStop ?? 0) == 0, "the frozen router stored \(storedBeforeStop ?? 0) lines")
    #expect(router?.lastExit?.code == 0, "\(String(describing: router?.lastExit))")
    #expect(
      stored.map(\.message)
        == (1...total).map { "tail \(String(repeating: "0", count: 5 - String($0).count))\($0)" })
  }

  /// The router stopped by SIGTERM mid-stream (the agent's kill fault) and restarted by its
  /// restart policy: lines it had read wait in its filesystem buffer, lines it had not read
  /// wait in the route pipe the agent keeps open, so every line is stored exactly once.
  /// (A SIGKILL would lose what the router had read but not yet written to its buffer: at
  /// most one `Flush` interval of records; it is not asserted here.)
  @Test func routerRestartMidStreamLosesAndRepeatsNothing() async throws {
    let fixture = try SandboxStreamsFixture.make(sandboxID: "restart")
    let total = 20_000
    try fixture.start(
      SandboxStreamsFixture.router(restart: RestartPolicy(mode: .always, backoffBaseMillis: 100)),
      SandboxStreamsFixture.producer(
        "steady",
        #"i=0; while [ $i -lt \#(total) ]; do echo "steady $i"; i=$((i+1)); if [ $((i % 200)) -eq 0 ]; then sleep 0.05; fi; done; exec sleep 100"#
      ))
    var storedAtKill = 0
    let midway = await eventually(within: 60) {
      guard let store = fixture.store() else { return false }
      defer { store.close() }
      storedAtKill = (try? store.count()) ?? 0
      return storedAtKill >= 2_000
    }
    try fixture.agent.kill(sandboxID: "restart", container: "logrouter", signal: .SIGTERM)
    let restarted = await eventually(within: 30) {
      (fixture.status("logrouter")?.restarts ?? 0) >= 1
    }
    var stored: [StoredLog] = []
    let arrived = await eventually(within: 90) {
      guard let store = fixture.store() else { return false }
      defer { store.close() }
      stored =
        (try? SandboxStreamsFixture.messages(store, container: "steady", source: "stdout")) ?? []
      return stored.count >= total
    }
    let firstExit = fixture.status("logrouter")?.lastExit
    await fixture.tearDown()
    #expect(midway && restarted)
    #expect(storedAtKill < total / 2, "the kill came after \(storedAtKill) lines: not mid-stream")
    #expect(
      firstExit?.code == 0, "the router stops cleanly on SIGTERM: \(String(describing: firstExit))")
    #expect(arrived, "\(stored.count) of \(total) lines")
    var counts: [String: Int] = [:]
    for line in stored { counts[line.message, default: 0] += 1 }
    #expect(counts.count == total)
    #expect(counts.values.allSatisfy { $0 == 1 })
    #expect(Set(counts.keys) == Set((0..<total).map { "steady \($0)" }))
  }
}

/// Monotonic milliseconds, for the stall check.
private func millisecondsNow() -> UInt64 { MonotonicClock.now() / 1_000_000 }
