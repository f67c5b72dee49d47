import Foundation
import Testing
import Tracer

@testable import Web

/// ``TraceSummaryScan``: newest first through the tracer's start-ordered pages, bounded.
@Suite struct TracesScanTests {
  private static let now = 1_800_000_000.0

  private func withStore(_ body: (TraceStore) throws -> Void) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try TraceStore(path: folder.path + "/traces.sqlite")
    defer { store.close() }
    try body(store)
  }

  @Test func summaryScan_readsNewestFirstAcrossSlices() throws {
    try withStore { store in
      // 60 s back is the first slice's boundary: that trace must be listed once.
      let ages = [3000.0, 200, 60, 90, 30]
      var ids: [Double: String] = [:]
      for (serial, age) in ages.enumerated() {
        ids[age] = try TracesFixture.request(
          into: store, now: Self.now, serial: serial + 1, at: Self.now - age)
      }
      let scan = try TraceSummaryScan(
        queries: TraceQueries(store: store), start: Self.now - 3600, end: Self.now, filter: "")
      #expect(scan.newest.map(\.id) == [30.0, 60, 90, 200, 3000].compactMap { ids[$0] })
      #expect(scan.matched == 5)
      #expect(scan.complete)
    }
  }

  @Test func summaryScan_stopsOnceItKeepsEnough() throws {
    try withStore { store in
      var ids: [String] = []
      for serial in 1...4 {
        ids.append(
          try TracesFixture.request(
            into: store, now: Self.now, serial: serial, at: Self.now - Double(serial) * 100))
      }
      let scan = try TraceSummaryScan(
        queries: TraceQueries(store: store), start: Self.now - 3600, end: Self.now, filter: "",
        keep: 2)
      #expect(scan.newest.map(\.id) == Array(ids.prefix(2)))
      #expect(!scan.complete)
      let faults = try TraceSummaryScan(
        queries: TraceQueries(store: store), start: Self.now - 3600, end: Self.now,
        filter: "fault")
      #expect(faults.newest.isEmpty)
      #expect(faults.complete)
    }
  }
}
