import LogRouter

/// Finds a learner's ``LogStore`` (the sandbox service in the server, a fixed store in tests).
protocol LogStoreSource: Sendable {
  /// The learner's log store, `nil` when they have no logs yet.
  /// - Throws: when the file exists but cannot be opened.
  func logStore(learnerID: Int64) throws -> LogStore?
}
