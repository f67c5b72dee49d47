import Foundation

/// Times in the API: RFC 3339 §5.6 UTC with milliseconds, `2026-11-28T07:15:20.123Z`.
enum ISOTime {
  static func string(_ secondsSince1970: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: secondsSince1970))
  }
}
