import Foundation

/// How the traces pages write numbers and times: short, unit included, the same everywhere.
enum TraceFormat {
  /// `850 µs`, `30 ms`, `1.2 s`, `2.5 min`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "–" }
    if seconds == 0 { return "0 ms" }
    if seconds < 0.001 { return "\(Int((seconds * 1_000_000).rounded())) µs" }
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds < 120 { return String(format: "%.1f s", seconds) }
    return String(format: "%.1f min", seconds / 60)
  }

  /// `0 %`, `0.5 %`, `12 %`.
  static func percent(_ share: Double) -> String {
    let value = share * 100
    if value == 0 || value >= 10 { return "\(Int(value.rounded())) %" }
    return String(format: "%.1f %%", value)
  }

  /// Requests per minute with one decimal: `12.5/min`.
  static func rate(_ count: Int, minutes: Int) -> String {
    String(format: "%.1f/min", Double(count) / Double(max(1, minutes)))
  }

  /// `text` cut to `limit` characters with an ellipsis, for labels inside a picture (the full
  /// text goes in its `<title>`).
  static func short(_ text: String, _ limit: Int = 24) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}
