import Foundation
import LogRouter
import Wire

/// The live tail behind `GET /logs/events`: it first notes the newest line of the search (those
/// are on the page already), says so with a `: tail` comment, then every ``interval`` asks the
/// learner's store for newer lines and writes each as an event, oldest first. Only lines
/// stamped at most ``slack`` before the newest line seen (or the stream's start) are looked
/// at, so each poll scans recent rows, not the whole store.
struct LogTail: Sendable {
  static let interval = Duration.milliseconds(500)
  /// How far before the newest line seen a late line may be stamped and still be tailed.
  static let slack = 30.0
  /// Lines sent per poll at most; a bigger burst sends its newest lines.
  static let batch = 200
  /// Polls between keep-alive comments (15 s).
  static let keepAlivePolls = 30

  let search: LogSearch
  let learnerID: Int64
  let source: any LogStoreSource
  let clock: @Sendable () -> Date

  /// Where the tail stands: the newest line sent (or on the page) and the time bound of the
  /// next poll.
  private struct Cursor {
    var lastID: Int64 = 0
    var since: Double
  }

  /// Sends new lines to `writer` until it closes or the task is cancelled.
  func run(to writer: ResponseBodyWriter) async {
    var cursor = Cursor(since: clock().timeIntervalSince1970 - Self.slack)
    _ = poll(&cursor)
    writer.write(ServerSentEvent.comment("tail"))
    var quiet = 0
    while !Task.isCancelled, !writer.isClosed {
      try? await Task.sleep(for: Self.interval)
      let fresh = poll(&cursor)
      for log in fresh {
        let object = log.tailJSON(pattern: search.pattern)
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { continue }
        writer.write(ServerSentEvent(data: String(decoding: data, as: UTF8.self)).encoded)
      }
      quiet = fresh.isEmpty ? quiet + 1 : 0
      if quiet >= Self.keepAlivePolls {
        writer.write(ServerSentEvent.comment("keep-alive"))
        quiet = 0
      }
    }
  }

  /// The matching lines newer than `cursor`, oldest first, and moves it past them. A store
  /// that is missing or failing yields nothing this time.
  private func poll(_ cursor: inout Cursor) -> [StoredLog] {
    var query = search.query
    (query.start, query.limit) = (cursor.since, Self.batch)
    guard let store = try? source.logStore(learnerID: learnerID),
      let result = try? store.query(query)
    else { return [] }
    let fresh = Array(result.records.filter { $0.id > cursor.lastID }.reversed())
    if let newest = fresh.last {
      cursor.lastID = newest.id
      cursor.since = max(cursor.since, newest.time - Self.slack)
    }
    return fresh
  }
}
