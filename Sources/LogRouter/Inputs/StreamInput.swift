import Wire

/// Fluent Bit's `stdin` input, for any descriptor the agent hands over (a process's stdout or
/// stderr pipe): every line becomes a record. When the pipeline has no room the input stops
/// reading, so the writing process blocks on its full pipe. At a stop the unfinished last line
/// is kept in the filesystem buffer (when there is one) and read first at the next start.
struct StreamInput: Sendable {
  let name: String
  let descriptor: Int32
  let builder: RecordBuilder
  let pipeline: Pipeline
  let counters: PluginCounters
  let control: RouterControl
  let storage: ChunkStorage?

  func run() {
    var reader = LineReader(
      descriptor: descriptor, maxLineLength: builder.maxLineLength,
      carry: storage?.takePartial(input: name) ?? [])
    let stop = { control.isStopping }
    let scratch = pipeline.makeScratch()
    while true {
      let step = reader.step(stop: stop) { lines in ingest(lines, scratch) }
      switch step {
      case .more:
        continue
      case .end:
        return
      case .stopped(let remainder):
        guard !remainder.isEmpty else { return }
        if let storage {
          do {
            try storage.savePartial(remainder, input: name)
            return
          } catch {
            logToStandardError("logrouter: \(name): cannot keep the unfinished line: \(error)")
          }
        }
        remainder.withUnsafeBufferPointer { ingest([$0], scratch) }
        return
      case .failed(let error):
        logToStandardError("logrouter: \(name): \(error)")
        return
      }
    }
  }

  private func ingest(_ lines: [UnsafeBufferPointer<UInt8>], _ scratch: IngestScratch) {
    let timestamp = WallClock.now()
    var records: [LogRecord] = []
    records.reserveCapacity(lines.count)
    var bytes = 0
    for line in lines {
      records.append(builder.record(line: line, timestamp: timestamp))
      bytes += line.count + 1
    }
    counters.add(.records, records.count)
    counters.add(.bytes, bytes)
    pipeline.ingest(records, scratch: scratch) { control.isStopping }
  }
}
