extension MetricStore {
  /// Writes the minute buckets of the last two minutes (the one filling and the one just
  /// closed, which late samples may still change) to the archive and prunes minutes older
  /// than a day. Call it every few seconds from one thread; a store without archive does
  /// nothing.
  public func persist() throws {
    guard let archive else { return }
    let now = Int64(clock.now().rounded(.down))
    let since = now - now % 60 - 60
    var buckets: [ArchivedBucket] = []
    for entry in snapshot() {
      let minutes = entry.data.minutes
      var position = minutes.firstIndex(atOrAfter: since)
      while position < minutes.times.count {
        buckets.append(
          ArchivedBucket(
            key: entry.key, kind: entry.data.kind, minute: minutes.times[position],
            bucket: minutes.values[position]))
        position += 1
      }
    }
    try archive.save(buckets, pruneBefore: now - SeriesData.minuteRetention)
  }
}
