import Glibc
import Testing

@testable import LogRouter

@Suite struct LogStoreTests {
  /// A store in a fresh temporary folder, removed after `body`.
  static func withStore(
    _ retention: LogStore.Retention = .init(), _ body: (LogStore) throws -> Void
  ) throws {
    var template = Array("/tmp/logstore-test.XXXXXX".utf8CString)
    let folder = String(cString: mkdtemp(&template)!)
    defer {
      for suffix in ["", "-wal", "-shm"] { unlink("\(folder)/logs.sqlite\(suffix)") }
      rmdir(folder)
    }
    let store = try LogStore(path: "\(folder)/logs.sqlite", retention: retention)
    defer { store.close() }
    try body(store)
  }

  static func record(
    _ index: Int, container: String, source: String = "stdout", message: String,
    time: Double? = nil, extra: [LogField] = []
  ) -> LogRecord {
    LogRecord(
      tag: "app", timestamp: time ?? 1_000 + Double(index),
      fields: [LogField("log", .string(message)), LogField("n", .integer(Int64(index)))] + extra + [
        LogField("container_name", .string(container)), LogField("source", .string(source)),
      ])
  }

  @Test func retention_keepsTheNewestRows() throws {
    try Self.withStore(.init(maxRows: 50)) { store in
      for batch in 0..<4 {
        try store.insert(
          (0..<30).map {
            Self.record(batch * 30 + $0, container: "swan", message: "line \(batch * 30 + $0)")
          })
      }
      #expect(try store.count() == 50)
      let page = try store.query(LogQuery(limit: 1000))
      #expect(page.records.first?.message == "line 119")
      #expect(page.records.last?.message == "line 70")
      // The index forgot the deleted rows too.
      #expect(
        try store.query(LogQuery(filter: #""line 10""#, limit: 10)).records.map(\.message) == [
          "line 109", "line 108", "line 107", "line 106", "line 105", "line 104", "line 103",
          "line 102", "line 101", "line 100",
        ])
    }
  }

  @Test func retention_dropsEventsOlderThanMaxAge() throws {
    try Self.withStore(.init(maxRows: 1000, maxAge: 60)) { store in
      let now = WallClock.now()
      try store.insert([
        Self.record(1, container: "swan", message: "old", time: now - 3600),
        Self.record(2, container: "swan", message: "new", time: now),
      ])
      #expect(try store.query(LogQuery(limit: 10)).records.map(\.message) == ["new"])
    }
  }

  @Test func query_filtersWithFacetsAndPages() throws {
    try Self.withStore { store in
      var records: [LogRecord] = []
      for index in 0..<60 {
        let container = ["swan", "unicorn", "proxy"][index % 3]
        let level = index % 4 == 0 ? "ERROR" : "INFO"
        records.append(
          Self.record(
            index, container: container, source: index % 5 == 0 ? "stderr" : "stdout",
            message: "\(level) request \(index) took \(index * 10) ms",
            extra: [
              LogField("duration_ms", .integer(Int64(index * 10))),
              LogField("level", .string(level)),
            ]))
      }
      try store.insert(records)
      // 15 ERROR lines: indexes 0, 4, …, 56.
      let errors = try store.query(LogQuery(filter: "ERROR", limit: 4))
      #expect(errors.records.map(\.message).first == "ERROR request 56 took 560 ms")
      #expect(errors.records.count == 4)
      #expect(errors.containers == ["swan": 5, "unicorn": 5, "proxy": 5])
      #expect(errors.sources.values.reduce(0, +) == 15)
      var seen = errors.records.map(\.id)
      var next = errors.next
      while let token = next {
        let page = try store.query(LogQuery(filter: "ERROR", limit: 4, next: token))
        seen += page.records.map(\.id)
        next = page.next
      }
      #expect(seen.count == 15)
      #expect(Set(seen).count == 15)
      #expect(seen == seen.sorted(by: >))

      let slowSwan = try store.query(
        LogQuery(
          filter: "{ $.duration_ms > 300 && $.level = ERROR }", container: "swan", limit: 100))
      #expect(
        slowSwan.records.map(\.message) == [
          "ERROR request 48 took 480 ms", "ERROR request 36 took 360 ms",
        ])
      #expect(slowSwan.containers == ["swan": 2, "unicorn": 2, "proxy": 3])

      let window = try store.query(
        LogQuery(filter: "-ERROR", source: "stderr", start: 1_010, end: 1_030, limit: 100))
      #expect(
        window.records.map(\.message) == [
          "INFO request 25 took 250 ms", "INFO request 15 took 150 ms",
          "INFO request 10 took 100 ms",
        ])
    }
  }

  @Test func query_rejectsBadInput() throws {
    try Self.withStore { store in
      #expect(throws: LogStoreError.self) {
        try store.query(LogQuery(filter: "{ $.a = ", limit: 10))
      }
      #expect(throws: LogStoreError.self) { try store.query(LogQuery(limit: 0)) }
      #expect(throws: LogStoreError.self) { try store.query(LogQuery(limit: 10, next: "bogus")) }
    }
  }
}
