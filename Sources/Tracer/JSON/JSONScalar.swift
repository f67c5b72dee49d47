/// A member value as a decoder that skips the rest of a document keeps it: a string, number or
/// boolean, or `other` for `null`, an object or an array (present, but no scalar).
enum JSONScalar: Sendable, Equatable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case other

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  var double: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The number when it is a whole number that fits an `Int` (see ``JSONValue/int``).
  var int: Int? { double.flatMap(JSONValue.wholeNumber) }

  var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }
}
