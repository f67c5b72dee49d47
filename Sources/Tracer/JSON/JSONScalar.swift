/// A member value as a decoder that skips the rest of a document keeps it: a string, number or
/// boolean, or `other` for `null`, an object or an array (present, but no scalar). A string may
/// be a view into the document (see ``JSONString``).
enum JSONScalar {
  case string(JSONString)
  case number(Double)
  case bool(Bool)
  case other

  var string: JSONString? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// Whether this is a string spelled `literal`.
  func isString(_ literal: StaticString) -> Bool {
    string?.equals(literal) ?? false
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
