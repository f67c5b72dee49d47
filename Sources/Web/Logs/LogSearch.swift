import Foundation
import LogRouter
import Wire

/// One search of a learner's logs as the API and the page ask for it:
/// `filter`, `container`, `source`, `start`, `end`, `limit`, `next`, and for the page's presets
/// `range` (`5m`, `15m`, `1h`, `all`). Every parameter is bounded; a bad one is a 400 that
/// names it.
struct LogSearch: Sendable {
  /// The page's time-range presets and their length in seconds (`nil`: no bound).
  static let ranges: [(name: String, seconds: Double?)] = [
    ("5m", 300), ("15m", 900), ("1h", 3600), ("all", nil),
  ]
  /// Longest filter pattern accepted.
  static let maxFilterLength = 1024
  /// Longest container or source name accepted.
  static let maxNameLength = 200

  var filter = ""
  var container: String?
  var source: String?
  /// Unix seconds, inclusive.
  var start: Double?
  /// Unix seconds, exclusive.
  var end: Double?
  var limit = 100
  var next: String?
  /// The preset the page chose, when `start` was not given.
  var range = "all"
  /// The parsed ``filter``.
  var pattern: FilterPattern = .terms(required: [], optional: [], excluded: [])

  init() {}

  /// Reads a request's query (without `?`); `now` (Unix seconds) anchors the `range` preset.
  init(query text: Substring?, now: Double) throws(HTTPError) {
    let parameters: QueryParameters
    do { parameters = try QueryParameters(text) } catch {
      throw HTTPError(.badRequest, error.description)
    }
    filter = try Self.bounded(parameters["filter"], "filter", Self.maxFilterLength) ?? ""
    do { pattern = try FilterPattern(filter) } catch {
      throw HTTPError(.badRequest, "bad filter pattern at \(error)")
    }
    container = try Self.bounded(parameters["container"], "container", Self.maxNameLength)
      .flatMap { $0.isEmpty ? nil : $0 }
    source = try Self.bounded(parameters["source"], "source", Self.maxNameLength)
      .flatMap { $0.isEmpty ? nil : $0 }
    start = try parameters["start"].map { text throws(HTTPError) in try Self.time(text, "start") }
    end = try parameters["end"].map { text throws(HTTPError) in try Self.time(text, "end") }
    if let text = parameters["limit"] {
      guard text.utf8.count <= 4, let value = Int(text), (1...LogStore.maxPageSize).contains(value)
      else {
        throw HTTPError(
          .badRequest, "limit must be a whole number from 1 to \(LogStore.maxPageSize)")
      }
      limit = value
    }
    if let token = parameters["next"], !token.isEmpty {
      guard token.utf8.count <= 24 else { throw HTTPError(.badRequest, "next is not a page token") }
      next = token
    }
    if let name = parameters["range"], !name.isEmpty {
      guard let preset = Self.ranges.first(where: { $0.name == name }) else {
        let names = Self.ranges.map(\.name).joined(separator: ", ")
        throw HTTPError(.badRequest, "range must be one of \(names)")
      }
      range = preset.name
      if start == nil, let seconds = preset.seconds { start = now - seconds }
    }
  }

  /// The store query this search runs.
  var query: LogQuery {
    LogQuery(
      filter: filter, container: container, source: source, start: start, end: end, limit: limit,
      next: next)
  }

  /// `text` when at most `limit` bytes; else a 400 naming `name`.
  private static func bounded(_ text: String?, _ name: String, _ limit: Int) throws(HTTPError)
    -> String?
  {
    guard let text else { return nil }
    guard text.utf8.count <= limit else {
      throw HTTPError(.badRequest, "\(name) is longer than \(limit) bytes")
    }
    return text
  }

  /// A time as Unix milliseconds (digits only) or ISO 8601 / RFC 3339 §5.6
  /// (`2026-11-28T10:15:00Z`, fractional seconds allowed), in Unix seconds.
  static func time(_ text: String, _ name: String) throws(HTTPError) -> Double {
    if !text.isEmpty, text.utf8.count <= 15, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
      let milliseconds = Double(text)
    {
      return milliseconds / 1000
    }
    if text.utf8.count <= 40 {
      for options in [
        ISO8601DateFormatter.Options.withInternetDateTime,
        [.withInternetDateTime, .withFractionalSeconds],
      ] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
      }
    }
    throw HTTPError(
      .badRequest,
      "\(name) must be ISO 8601 (2026-11-28T10:15:00Z) or Unix milliseconds, not '\(text.prefix(40))'"
    )
  }
}
