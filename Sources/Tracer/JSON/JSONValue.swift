/// A parsed JSON value (RFC 8259). Objects keep their members in document order, duplicates
/// included, so a document can be written back as it came.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number and its text as written, so integers survive a round trip unchanged.
  case number(Double, text: String)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a, _), .number(let b, _)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  /// The value of the first member named `key`, when this is an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var double: Double? {
    if case .number(let value, _) = self { return value }
    return nil
  }

  /// The number when it is a whole number that fits an `Int`.
  public var int: Int? {
    guard case .number(let value, _) = self else { return nil }
    return Self.wholeNumber(value)
  }

  /// `value` as an `Int` when it is whole and well inside the range a `Double` counts exactly.
  static func wholeNumber(_ value: Double) -> Int? {
    guard value.rounded() == value, abs(value) < 9e15 else { return nil }
    return Int(value)
  }

  public var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var array: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  public var members: [(key: String, value: JSONValue)]? {
    if case .object(let value) = self { return value }
    return nil
  }
}
