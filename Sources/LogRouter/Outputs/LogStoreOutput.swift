/// The `logstore` output: each chunk's records go into a ``LogStore`` in one transaction. A
/// store error (a locked or full disk) is retried.
final class LogStoreOutput: OutputPlugin {
  let store: LogStore

  init(store: LogStore) { self.store = store }

  func deliver(_ chunk: Chunk) -> OutputResult {
    var records: [LogRecord] = []
    records.reserveCapacity(chunk.records)
    for line in chunk.bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
      guard let record = try? LogRecord.fromJSONLine(line, tag: "") else { continue }
      records.append(record)
    }
    do {
      try store.insert(records)
      return .ok
    } catch {
      return .retry("\(error)")
    }
  }

  func close() { store.close() }
}
