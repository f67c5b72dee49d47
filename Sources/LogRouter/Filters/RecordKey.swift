/// A key a filter rule names: a top-level field (`log`), or a record-accessor path as Fluent
/// Bit writes them (`$log`, `$kubernetes['labels']['app']`) into nested maps.
public struct RecordKey: Sendable, Hashable {
  public let path: [String]

  /// Reads `text`; `nil` when a `$…['…']` accessor is malformed.
  public init?(_ text: String) {
    guard text.hasPrefix("$") else {
      guard !text.isEmpty else { return nil }
      path = [text]
      return
    }
    var rest = Substring(text.dropFirst())
    guard
      let head = rest.split(separator: "[", maxSplits: 1, omittingEmptySubsequences: false).first,
      !head.isEmpty
    else { return nil }
    var path = [String(head)]
    rest = rest.dropFirst(head.count)
    while !rest.isEmpty {
      guard rest.hasPrefix("['"), let close = rest.firstRange(of: "']") else { return nil }
      let name = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
      guard !name.isEmpty else { return nil }
      path.append(String(name))
      rest = rest[close.upperBound...]
    }
    self.path = path
  }

  /// The value at the path in `record`.
  public func value(in record: LogRecord) -> LogValue? {
    guard var value = record[path[0]] else { return nil }
    for name in path.dropFirst() {
      guard let member = value[name] else { return nil }
      value = member
    }
    return value
  }
}
