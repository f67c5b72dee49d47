/// Small statistics over the room's step times.
enum Statistics {
  /// The median of `values` (the mean of the middle two for an even count); `nil` when empty.
  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// `seconds` as people read it: `<1 min`, `12 min`, `1 h 05 min`.
  static func duration(_ seconds: Double) -> String {
    let minutes = Int(max(0, seconds) / 60)
    if minutes < 1 { return "<1 min" }
    if minutes < 60 { return "\(minutes) min" }
    let rest = minutes % 60
    return "\(minutes / 60) h \(rest < 10 ? "0" : "")\(rest) min"
  }
}
