import Synchronization
import Wire

/// The record path after the inputs: filters in configuration order (each on the records whose
/// tag it matches), then routing to every output whose `Match` takes the tag, serialized once
/// as a JSON line. Records re-emitted by `rewrite_tag` start over from the first filter.
///
/// Inputs call ``ingest(_:scratch:cancelled:)`` from their own threads with a batch at a time: the
/// filters run under one lock per batch; the batch's bytes are then reserved in the buffer
/// budget — waiting while it is full, which is what pauses an input — and appended to the
/// outputs' queues.
final class Pipeline: Sendable {
  struct Stage: Sendable {
    let matcher: TagMatcher
    let counters: PluginCounters
  }

  /// Deepest chain of re-emissions (a `rewrite_tag` whose new tag it matches again).
  static let maxRewriteDepth = 8

  private let stages: [Stage]
  private let routes: [(matcher: TagMatcher, queue: OutputQueue)]
  private let budget: BufferBudget

  private struct State {
    var filters: [any RecordFilter]
    /// The last tag seen and which filters and outputs take it: batches mostly share a tag.
    var cachedTag: String?
    var cachedStages: [Bool] = []
    var cachedRoutes: [Int] = []
  }
  private let state: Mutex<State>

  init(
    filters: [FilterConfig], filterCounters: [PluginCounters], routes: [(TagMatcher, OutputQueue)],
    budget: BufferBudget
  ) {
    stages = zip(filters, filterCounters).map { Stage(matcher: $0.matcher, counters: $1) }
    self.routes = routes.map { (matcher: $0.0, queue: $0.1) }
    self.budget = budget
    state = Mutex(State(filters: filters.map(\.filter)))
  }

  /// Whether the buffer has room now (the HTTP input answers 503 when not).
  var hasRoom: Bool { budget.usedBytes < budget.limit }

  /// Filters, routes and queues `records`, waiting for room in the buffer; when `cancelled`
  /// turns true while waiting, the batch is queued anyway (a stop must not lose what was read).
  func ingest(_ records: [LogRecord], scratch: IngestScratch? = nil, cancelled: () -> Bool) {
    let now = MonotonicClock.now()
    let pending = (scratch ?? makeScratch()).pending
    for buffer in pending { buffer.removeAll() }
    var counts = [Int](repeating: 0, count: routes.count)
    var filterCounts = [(drop: Int, add: Int, emit: Int)](repeating: (0, 0, 0), count: stages.count)
    state.withLock { state in
      for record in records {
        process(
          record, depth: 0, now: now, state: &state, pending: pending, counts: &counts,
          filterCounts: &filterCounts)
      }
    }
    for (index, count) in filterCounts.enumerated() {
      stages[index].counters.add(.dropRecords, count.drop)
      stages[index].counters.add(.addRecords, count.add)
      stages[index].counters.add(.emitRecords, count.emit)
    }
    for index in routes.indices where counts[index] > 0 {
      if !budget.reserve(pending[index].count, cancelled: cancelled) {
        budget.force(pending[index].count)
      }
      routes[index].queue.append(pending[index].bytes, records: counts[index])
    }
  }

  /// Buffers for an input that serializes batches on its own thread.
  func makeScratch() -> IngestScratch { IngestScratch(routes: routes.count) }

  private func process(
    _ record: LogRecord, depth: Int, now: UInt64, state: inout State, pending: [ByteBuffer],
    counts: inout [Int], filterCounts: inout [(drop: Int, add: Int, emit: Int)]
  ) {
    var record = record
    var stageIndex = 0
    while stageIndex < stages.count {
      defer { stageIndex += 1 }
      guard takes(stageIndex, record.tag, &state) else { continue }
      switch state.filters[stageIndex].apply(to: &record, now: now) {
      case .keep:
        filterCounts[stageIndex].emit += 1
      case .drop:
        filterCounts[stageIndex].drop += 1
        return
      case .rewrite(let tag, let keepOriginal):
        var copy = record
        copy.tag = tag
        if depth < Self.maxRewriteDepth {
          filterCounts[stageIndex].add += 1
          process(
            copy, depth: depth + 1, now: now, state: &state, pending: pending, counts: &counts,
            filterCounts: &filterCounts)
        } else {
          logToStandardError(
            "logrouter: \(stages[stageIndex].counters.name): re-emission loop on tag '\(tag)' (dropped)"
          )
          filterCounts[stageIndex].drop += 1
        }
        guard keepOriginal else {
          filterCounts[stageIndex].drop += 1
          return
        }
        filterCounts[stageIndex].emit += 1
      }
    }
    route(record, &state, pending, &counts)
  }

  private func route(
    _ record: LogRecord, _ state: inout State, _ pending: [ByteBuffer], _ counts: inout [Int]
  ) {
    refreshCache(record.tag, &state)
    let targets = state.cachedRoutes
    guard let first = targets.first else { return }
    let start = pending[first].count
    pending[first].appendJSONLine(record)
    counts[first] += 1
    for other in targets.dropFirst() {
      pending[other].append(pending[first], from: start)
      counts[other] += 1
    }
  }

  private func takes(_ stage: Int, _ tag: String, _ state: inout State) -> Bool {
    refreshCache(tag, &state)
    return state.cachedStages[stage]
  }

  private func refreshCache(_ tag: String, _ state: inout State) {
    guard state.cachedTag != tag else { return }
    state.cachedTag = tag
    state.cachedStages = stages.map { $0.matcher.matches(tag) }
    state.cachedRoutes = routes.indices.filter { routes[$0].matcher.matches(tag) }
  }
}
