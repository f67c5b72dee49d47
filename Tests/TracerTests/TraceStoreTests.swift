import Store
import Telemetry
import Testing

@testable import Tracer

@Suite struct TraceStoreTests {
  typealias S = SegmentSamples

  @Test func insert_completesAnInProgressSegment() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    let store = temporary.store
    try store.insert([try S.record(S.segment(end: nil))])
    #expect(try store.serviceGraph(start: S.now - 60, end: S.now + 60).services.isEmpty)
    try store.insert([try S.record(S.segment(end: S.now + 0.5, extra: ", \"fault\": true"))])
    // A late in-progress copy does not undo the completion.
    try store.insert([try S.record(S.segment(end: nil))])
    let records = try store.records(of: TraceID(xray: S.traceID)!)
    #expect(records.count == 1)
    #expect(records.first?.endTime == S.now + 0.5)
    let graph = try store.serviceGraph(start: S.now - 60, end: S.now + 60)
    #expect(graph.services["swan"]?.faultCount == 1)
    #expect(graph.services["swan"]?.totalCount == 1)
    let summary = try store.traceSummary(TraceID(xray: S.traceID)!)
    #expect(summary?.fault == true)
    #expect(summary?.duration == 0.5)
  }

  /// Proxy hops in the order they report (callees first): a sidecar's segment under the app's
  /// remote subsegment, the next sidecar under it, the app behind it. Edges go from each
  /// parent's service to its child's; the app's remote call, answered by a traced sidecar, is
  /// no inferred node of its own; the first hop is the client's.
  @Test func serviceGraph_drawsCallsFromParentSegmentsWhateverTheOrder() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    let store = temporary.store
    let call =
      #", "subsegments": [{"name": "unicorn", "id": "00000000000000c1", "namespace": "remote", "start_time": \#(S.now + 0.01), "end_time": \#(S.now + 0.2)}]"#
    // Reported callee first: unicorn (under unicorn's sidecar), unicorn's sidecar (under swan's
    // egress hop), swan's egress hop (under swan's remote subsegment), swan, swan's ingress hop.
    let documents = [
      S.segment(
        name: "unicorn", id: "00000000000000e1", start: S.now + 0.03, end: S.now + 0.17,
        extra: #", "parent_id": "00000000000000d1""#),
      S.segment(
        name: "demo/unicorn-v1", id: "00000000000000d1", start: S.now + 0.02, end: S.now + 0.18,
        extra: #", "parent_id": "00000000000000b2""#),
      S.segment(
        name: "demo/swan", id: "00000000000000b2", start: S.now + 0.01, end: S.now + 0.19,
        extra: #", "parent_id": "00000000000000c1""#),
      S.segment(
        name: "swan", id: "00000000000000a1", end: S.now + 0.21,
        extra: #", "parent_id": "00000000000000b1""# + call),
      S.segment(name: "demo/swan", id: "00000000000000b1", end: S.now + 0.22),
    ]
    for document in documents { try store.insert([try S.record(document)]) }
    let graph = try store.serviceGraph(start: S.now - 60, end: S.now + 60)
    let edges = Set(graph.edges.keys.map { "\($0.source)→\($0.target)" })
    #expect(
      edges == [
        "→demo/swan", "demo/swan→swan", "swan→demo/swan", "demo/swan→demo/unicorn-v1",
        "demo/unicorn-v1→unicorn",
      ])
    let hop = graph.edges[ServiceEdge(source: "demo/swan", target: "demo/unicorn-v1")]
    #expect(hop?.totalCount == 1)
  }

  /// The writer's settings come with opening, outside any transaction (SQLite refuses
  /// `temp_store` inside one), and take no lock: a second store on the same file still writes.
  @Test func open_appliesTheWriterSettingsWithoutLocking() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    let store = temporary.store
    func setting(_ name: String) throws -> Int? {
      try store.database.write { try $0.queryOne("PRAGMA \(name)")?.int(name) }
    }
    #expect(try setting("wal_autocheckpoint") == 32_768)
    #expect(try setting("cache_size") == -65_536)
    #expect(try setting("temp_store") == 2)
    #expect(try setting("journal_size_limit") == 64 << 20)
    #expect(try setting("secure_delete") == 0)
    let second = try TraceStore(path: store.database.path)
    defer { second.close() }
    try second.insert([try S.record(S.segment())])
    try store.insert([try S.record(S.segment(id: "00000000000000b2"))])
    #expect(try store.counts().segments == 2)
  }

  /// A store written by schema version 1 (every column indexed at ingest, summaries keyed by
  /// trace id) opens under the current version: its documents are still read, new ones go into
  /// the narrower row, and its summary rows are found by the minute index.
  @Test func open_migratesAVersionOneStore() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    let path = temporary.folder.appendingPathComponent("old.sqlite").path
    let old = try Database(path: path, migrations: [TraceStore.migrations[0]])
    try old.write {
      try $0.execute(
        """
        INSERT INTO segments(id, trace_id, parent_id, name, service, is_subsegment, start_time,
          end_time, fault, error, throttle, http_status, response_time, document)
        VALUES(1, ?, NULL, 'swan', 'swan', 0, ?, ?, 0, 0, 0, 200, 0.25, ?)
        """, [.text(S.traceID), .real(S.now), .real(S.now + 0.25), .text(S.segment())])
      try $0.execute(
        """
        INSERT INTO traces(trace_id, start_time, end_time, fault, error, throttle, http_status)
        VALUES(?, ?, ?, 1, 0, 0, 503)
        """, [.text(S.traceID), .real(S.now), .real(S.now + 0.25)])
    }
    old.close()
    let store = try TraceStore(path: path)
    defer { store.close() }
    #expect(store.database.schemaVersion == TraceStore.migrations.count)
    let migrated = try store.traceSummaries(
      start: S.now - 1, end: S.now + 1, after: nil, limit: 10)
    #expect(migrated.map(\.traceID) == [S.traceID])
    #expect(migrated.first?.fault == true)
    try store.insert([try S.record(S.segment(id: "00000000000000b2"))])
    let records = try store.records(of: TraceID(xray: S.traceID)!)
    #expect(records.map(\.id.hex).sorted() == ["0000000000000001", "00000000000000b2"])
    #expect(try store.traceSummary(TraceID(xray: S.traceID)!)?.fault == true)
  }

  /// Summary rows come back in start order whatever order their documents arrived in: across
  /// minute boundaries and pages, and for a trace whose later document moves its start into an
  /// earlier minute. A window at the edge of what a Double holds does not trap.
  @Test func traceSummaries_pageInStartOrderAcrossMinutes() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    let store = temporary.store
    func traceID(_ number: Int) -> String {
      "1-6b49d200-0123456789abcdef012345" + (number < 16 ? "0" : "") + String(number, radix: 16)
    }
    // Twelve traces 20.5 s apart (four minutes), sent in a scrambled order in three batches.
    let arrival = (0..<12).map { $0 * 5 % 12 }
    for batch in 0..<3 {
      try store.insert(
        try arrival[(batch * 4)..<(batch * 4 + 4)].map { number in
          let start = S.now - 120 + Double(number) * 20.5
          return try S.record(
            S.segment(
              id: "00000000000001" + String(number + 16, radix: 16), traceID: traceID(number),
              start: start, end: start + 0.1))
        })
    }
    // Trace 11 gains a segment that started three minutes before the others.
    try store.insert([
      try S.record(
        S.segment(
          name: "unicorn", id: "00000000000002aa", traceID: traceID(11), start: S.now - 300,
          end: S.now - 299))
    ])
    var seen: [String] = []
    var cursor: (startTime: Double, traceID: String)?
    while true {
      let page = try store.traceSummaries(
        start: S.now - 600, end: S.now + 600, after: cursor, limit: 5)
      seen += page.map(\.traceID)
      guard page.count == 5, let last = page.last else { break }
      cursor = (last.startTime, last.traceID)
    }
    #expect(seen == [traceID(11)] + (0..<11).map(traceID))
    let inside = try store.traceSummaries(start: S.now - 60, end: S.now, after: nil, limit: 100)
    #expect(inside.map(\.traceID) == (3...5).map(traceID))
    let everything = try store.traceSummaries(start: -1e300, end: 1e300, after: nil, limit: 100)
    #expect(everything.count == 12)
    #expect(try store.serviceGraph(start: -1e300, end: 1e300).services["swan"]?.totalCount == 12)
  }

  /// One batch larger than a multi-row statement, with ids repeated inside it and ids stored
  /// before: the store ends as if the documents had been inserted one at a time.
  @Test func insert_batchWithRepeatedIdsMatchesOneAtATime() throws {
    func id(_ number: Int) -> String {
      let hex = String(number, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }
    let earlier = [
      try S.record(S.segment(id: id(1), end: nil)), try S.record(S.segment(id: id(2))),
    ]
    var batch: [SegmentRecord] = []
    for number in 1...40 {
      // 1: completes the stored in-progress one; 2: repeats a stored complete one.
      batch.append(try S.record(S.segment(id: id(number), end: S.now + 0.5)))
      if number == 5 {
        batch.append(try S.record(S.segment(id: id(5), end: S.now + 0.9)))  // a repeat
        batch.append(try S.record(S.segment(id: id(5), end: nil)))  // a late in-progress copy
      }
    }
    batch.insert(try S.record(S.segment(id: id(7), end: nil)), at: 3)  // completed later on
    let together = try TemporaryTraceStore()
    let oneByOne = try TemporaryTraceStore()
    defer {
      together.remove()
      oneByOne.remove()
    }
    try together.store.insert(earlier)
    try together.store.insert(batch)
    for record in earlier + batch { try oneByOne.store.insert([record]) }
    let trace = try #require(TraceID(xray: S.traceID))
    for temporary in [together, oneByOne] {
      let records = try temporary.store.records(of: trace)
      #expect(records.count == 40)
      #expect(records.allSatisfy { !$0.inProgress })
      #expect(records.first { $0.id.hex == id(5) }?.endTime == S.now + 0.5)
      let graph = try temporary.store.serviceGraph(start: S.now - 60, end: S.now + 60)
      #expect(graph.services["swan"]?.totalCount == 40)
    }
  }

  @Test func insert_attributesSubsegmentsThatArriveBeforeTheirSegment() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    let store = temporary.store
    // A remote call nested under a subsegment that was itself sent alone, both before the
    // segment.
    try store.insert([
      try S.record(
        S.remoteSubsegment(
          id: "00000000000000b2", parent: "00000000000000a1", extra: ", \"fault\": true")),
      try S.record(
        """
        {"name": "work", "id": "00000000000000a1", "trace_id": "\(S.traceID)", \
        "parent_id": "0000000000000001", "type": "subsegment", "start_time": \(S.now), "end_time": \(S.now + 0.3)}
        """),
    ])
    #expect(try store.serviceGraph(start: S.now - 60, end: S.now + 60).edges.isEmpty)
    try store.insert([try S.record(S.segment())])
    let graph = try store.serviceGraph(start: S.now - 60, end: S.now + 60)
    let edge = graph.edges[ServiceEdge(source: "swan", target: "unicorn")]
    #expect(edge?.faultCount == 1)
    #expect(edge?.totalCount == 1)
    #expect(graph.edges[ServiceEdge(source: "", target: "swan")]?.okCount == 1)
  }

  @Test func serviceGraph_sumsStatisticsAndHistograms() throws {
    let temporary = try TemporaryTraceStore()
    defer { temporary.remove() }
    var records: [SegmentRecord] = []
    let statuses = [200, 200, 404, 429, 503]
    for (index, status) in statuses.enumerated() {
      let flags =
        switch status {
        case 404: ", \"error\": true"
        case 429: ", \"error\": true, \"throttle\": true"
        case 503: ", \"fault\": true"
        default: ""
        }
      let trace = "1-6b49d200-0123456789abcdef0123456\(index)"
      records.append(
        try S.record(
          S.segment(
            id: "000000000000010\(index)", traceID: trace, start: S.now + Double(index),
            end: S.now + Double(index) + 0.1,
            extra: """
              , "subsegments": [{"name": "unicorn", "id": "000000000000020\(index)", \
              "namespace": "remote", "start_time": \(S.now + Double(index)), \
              "end_time": \(S.now + Double(index) + 0.05), "http": {"response": {"status": \(status)}}\(flags)}]
              """)))
    }
    try temporary.store.insert(records)
    let graph = try temporary.store.serviceGraph(start: S.now - 60, end: S.now + 60)
    let edge = try #require(graph.edges[ServiceEdge(source: "swan", target: "unicorn")])
    #expect(edge.okCount == 2)
    #expect(edge.errorOtherCount == 1)
    #expect(edge.throttleCount == 1)
    #expect(edge.faultCount == 1)
    #expect(edge.totalCount == 5)
    #expect(abs(edge.totalResponseTime - 0.25) < 1e-6)
    #expect(edge.histogram == [0.05: 5])
    #expect(graph.services["swan"]?.okCount == 5)
    #expect(graph.services["swan"]?.histogram == [0.1: 5])
    // Outside the window there is nothing.
    #expect(
      try temporary.store.serviceGraph(start: S.now + 3600, end: S.now + 7200) == ServiceGraph())
  }

  @Test func insert_keepsOnlyTheNewestSegments() throws {
    let temporary = try TemporaryTraceStore(retentionSegments: 3)
    defer { temporary.remove() }
    for index in 0..<5 {
      try temporary.store.insert([
        try S.record(
          S.segment(
            id: "00000000000003a\(index)", traceID: "1-6b49d200-0123456789abcdef0123450\(index)",
            start: S.now + Double(index) * 40, end: S.now + Double(index) * 40 + 0.5))
      ])
    }
    let counts = try temporary.store.counts()
    #expect(counts.segments == 3)
    #expect(counts.traces == 3)
    #expect(
      try temporary.store.traceSummary(TraceID(xray: "1-6b49d200-0123456789abcdef01234500")!) == nil
    )
    // Starts 40 s apart cross minutes: the two oldest traces' minutes went with them.
    let kept = try temporary.store.traceSummaries(
      start: S.now - 60, end: S.now + 600, after: nil, limit: 10)
    #expect(kept.map(\.startTime) == [S.now + 80, S.now + 120, S.now + 160])
    let graph = try temporary.store.serviceGraph(start: S.now - 60, end: S.now + 600)
    #expect(graph.services["swan"]?.totalCount == 3)
  }

  @Test func percentile_readsTheHistogram() {
    var statistics = GraphStatistics()
    #expect(statistics.percentile(0.5) == nil)
    for time in [0.01, 0.01, 0.02, 0.02, 0.02, 0.03, 0.03, 0.03, 0.03, 1.2] {
      statistics.record(responseTime: time, fault: false, error: false, throttle: false)
    }
    #expect(statistics.percentile(0.5) == 0.02)
    #expect(statistics.percentile(0.2) == 0.01)
    #expect(statistics.percentile(0.99) == 1.2)
  }

  @Test func bucket_roundsToTwoSignificantDigits() {
    #expect(GraphStatistics.bucket(0.0123) == 0.012)
    #expect(GraphStatistics.bucket(1.57) == 1.6)
    #expect(GraphStatistics.bucket(0) == 0)
    #expect(GraphStatistics.bucket(250) == 250)
  }
}
