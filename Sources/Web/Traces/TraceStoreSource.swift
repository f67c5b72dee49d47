import Tracer

/// Finds a learner's ``Tracer/TraceStore`` (the sandbox service in the server, a fixed store in
/// tests).
protocol TraceStoreSource: Sendable {
  /// The learner's trace store, `nil` while their sandbox has sent no trace yet.
  /// - Throws: when the file exists but cannot be opened.
  func traceStore(learnerID: Int64) throws -> TraceStore?
}
