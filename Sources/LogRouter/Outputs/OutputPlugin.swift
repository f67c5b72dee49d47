/// A destination: takes one chunk of JSON lines at a time, blocking its worker thread.
protocol OutputPlugin: Sendable {
  func deliver(_ chunk: Chunk) -> OutputResult
  /// Releases what the output holds (descriptors, connections).
  func close()
}
