/// A run of records for one output, serialized as JSON lines: the unit that is buffered,
/// written to the filesystem buffer and delivered (Fluent Bit's chunk).
struct Chunk: Sendable {
  /// Increases with every chunk, across restarts (file names sort in delivery order).
  let id: UInt64
  var bytes: [UInt8]
  var records: Int
  /// When the chunk was opened (monotonic nanoseconds).
  let opened: UInt64
}
