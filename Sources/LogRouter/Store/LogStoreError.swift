/// Why a log query could not run.
public enum LogStoreError: Error, Sendable, CustomStringConvertible {
  case badPattern(FilterPatternError)
  case badToken(String)
  case badLimit(Int)
  /// A query parameter that is malformed or not a number where one is needed.
  case badQuery(String)

  public var description: String {
    switch self {
    case .badPattern(let error): "bad filter pattern at \(error)"
    case .badToken(let token): "bad next token '\(token)'"
    case .badLimit(let limit): "limit must be 1...\(LogStore.maxPageSize), got \(limit)"
    case .badQuery(let reason): reason
    }
  }
}
