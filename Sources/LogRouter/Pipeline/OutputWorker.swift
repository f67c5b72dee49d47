import Wire

/// Delivers one output's chunks in order on a thread of its own, retrying with back-off.
/// Nothing is dropped silently: a chunk given up on (retries exhausted, refused by the
/// receiver, or still waiting when a stop's grace ran out) is counted in `dropped_records`
/// and reported on standard error.
struct OutputWorker: Sendable {
  let queue: OutputQueue
  let plugin: any OutputPlugin
  let counters: PluginCounters
  let retry: RetryPolicy
  let control: RouterControl
  /// With a filesystem buffer a stop leaves undelivered chunks on disk for the next start.
  let keepsChunksOnDisk: Bool

  func run() {
    var generator = SystemRandomNumberGenerator()
    while true {
      let phase = control.current
      let inputsEnded = control.haveInputsEnded
      if phase == .stopping, inputsEnded, keepsChunksOnDisk || control.pastDeadline { break }
      guard let chunk = queue.next(force: phase != .running) else {
        if phase != .running, inputsEnded, queue.isEmpty { break }
        queue.waitForWork(milliseconds: 20)
        continue
      }
      deliver(chunk, using: &generator)
    }
    if !keepsChunksOnDisk {
      let left = queue.pendingRecords
      if left > 0 {
        counters.add(.droppedRecords, left)
        logToStandardError(
          "logrouter: \(queue.name): \(left) records undelivered at stop (dropped)")
      }
    }
    plugin.close()
  }

  private func deliver(_ chunk: Chunk, using generator: inout some RandomNumberGenerator) {
    var attempt = 0
    while true {
      switch plugin.deliver(chunk) {
      case .ok:
        counters.add(.procRecords, chunk.records)
        counters.add(.procBytes, chunk.bytes.count)
        queue.finish(chunk)
        return
      case .error(let reason):
        counters.add(.errors, 1)
        giveUp(chunk, "refused (\(reason))")
        return
      case .retry(let reason):
        attempt += 1
        guard retry.allows(attempt: attempt) else {
          counters.add(.retriesFailed, 1)
          giveUp(chunk, "retries exhausted (\(reason))")
          return
        }
        counters.add(.retries, 1)
        let wait = retry.delay(attempt: attempt, using: &generator)
        let until = MonotonicClock.now() &+ UInt64(wait * 1e9)
        while MonotonicClock.now() < until {
          if control.isStopping {
            // Kept on disk for the next start, or given up once the grace period is over.
            if keepsChunksOnDisk { return }
            if control.pastDeadline {
              giveUp(chunk, "stop before a retry succeeded (\(reason))")
              return
            }
          }
          queue.waitForWork(milliseconds: 10)
        }
      }
    }
  }

  private func giveUp(_ chunk: Chunk, _ why: String) {
    counters.add(.droppedRecords, chunk.records)
    logToStandardError(
      "logrouter: \(queue.name): dropped a chunk of \(chunk.records) records: \(why)")
    queue.finish(chunk)
  }
}
