/// The bounded set of cached files, keyed by decoded relative path. Lives inside a `Mutex`
/// owned by ``StaticFiles``; on its own it is a plain value with no locking.
///
/// Bounds: no entry larger than ``maxFileBytes``; the summed ``StaticFileEntry/cost`` never
/// exceeds ``maxTotalBytes``. When a new entry does not fit, the entries checked longest
/// ago go first, down to seven eighths of the budget: an LRU at the granularity of the
/// revalidation interval, with no write on a hit.
struct StaticFileCache: Sendable {
  let maxFileBytes: Int
  let maxTotalBytes: Int
  private(set) var entries: [String: StaticFileEntry] = [:]
  private(set) var totalCost = 0

  init(maxFileBytes: Int = 1 << 20, maxTotalBytes: Int = 32 << 20) {
    self.maxFileBytes = maxFileBytes
    self.maxTotalBytes = maxTotalBytes
  }

  subscript(path: String) -> StaticFileEntry? { entries[path] }

  /// Stores `entry` when it is small enough, evicting older entries to stay within bounds.
  mutating func insert(_ entry: StaticFileEntry, for path: String) {
    remove(path)
    guard entry.body.count <= maxFileBytes, entry.cost <= maxTotalBytes else { return }
    if totalCost + entry.cost > maxTotalBytes { evict(toFit: entry.cost) }
    entries[path] = entry
    totalCost += entry.cost
  }

  /// Drops the entries checked longest ago until `incoming` fits with an eighth of the budget
  /// to spare, so one sort pays for many later inserts.
  private mutating func evict(toFit incoming: Int) {
    let target = max(0, maxTotalBytes - maxTotalBytes / 8 - incoming)
    let byAge = entries.map { (path: $0.key, checkedAt: $0.value.checkedAt) }.sorted {
      $0.checkedAt < $1.checkedAt
    }
    for (path, _) in byAge {
      guard totalCost > target else { return }
      remove(path)
    }
  }

  mutating func remove(_ path: String) {
    if let old = entries.removeValue(forKey: path) { totalCost -= old.cost }
  }
}
