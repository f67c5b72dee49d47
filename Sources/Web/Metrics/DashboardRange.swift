import Wire

/// The dashboard's time range (issue 9 item 3): one of the picker's presets, and the window
/// it covers ending now. Steps keep every chart at about 150–180 points, and the 6 h and 24 h
/// steps are whole minutes and whole 5 minutes, so the agent answers from its minute and
/// 5-minute buckets (cheap) rather than from seconds.
struct DashboardRange: Sendable, Equatable {
  struct Preset: Sendable, Equatable {
    let name: String
    let label: String
    let seconds: Int64
    let step: Int64
  }

  static let presets = [
    Preset(name: "5m", label: "last 5 minutes", seconds: 300, step: 2),
    Preset(name: "15m", label: "last 15 minutes", seconds: 900, step: 5),
    Preset(name: "1h", label: "last hour", seconds: 3600, step: 20),
    Preset(name: "6h", label: "last 6 hours", seconds: 21_600, step: 120),
    Preset(name: "24h", label: "last 24 hours", seconds: 86_400, step: 600),
  ]
  static let defaultPreset = presets[1]

  let preset: Preset
  /// Unix seconds, a multiple of the step; `end` is excluded and lies just past now, so the
  /// current step is shown while it fills.
  let start: Int64
  let end: Int64

  /// The range named by the query's `range` (the default when absent), ending at `now`.
  /// - Throws: 400 naming `range` and the presets for any other value.
  init(query: Substring?, now: Double) throws(HTTPError) {
    var name: String?
    for pair in (query ?? "").split(separator: "&") where pair.hasPrefix("range=") {
      name = String(pair.dropFirst("range=".count))
    }
    try self.init(name: name, now: now)
  }

  /// The preset called `name` (the default for `nil`), ending at `now`.
  /// - Throws: 400 naming `range` and the presets for any other name.
  init(name: String?, now: Double) throws(HTTPError) {
    guard
      let preset = name.map({ name in Self.presets.first { $0.name == name } })
        ?? Self.defaultPreset
    else {
      throw HTTPError(
        .badRequest,
        "range: wants one of \(Self.presets.map(\.name).joined(separator: ", "))")
    }
    self.init(preset: preset, now: now)
  }

  init(preset: Preset, now: Double) {
    self.preset = preset
    let step = preset.step
    end = (Int64(now.rounded(.down)) / step + 1) * step
    start = end - preset.seconds
  }

  /// The window as a chart shows it.
  var window: ClosedRange<Double> { Double(start)...Double(end) }
}
