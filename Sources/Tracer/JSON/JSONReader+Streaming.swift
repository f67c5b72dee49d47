/// Reading without building a ``JSONValue``: an object's members and an array's elements one
/// at a time, and values skipped whole. Skipping validates exactly what ``JSONParser`` does
/// (RFC 8259 syntax, the depth bound, string escapes and UTF-8, finite numbers), so a decoder
/// that keeps only the members it needs refuses the same documents the parser refuses.
extension JSONReader {
  /// At `{`: checks the depth (the object at `depth`, its values at `depth + 1`) and consumes
  /// it; false when the object is empty (its `}` consumed too).
  mutating func enterObject(depth: Int) throws(JSONParseError) -> Bool {
    try enter(depth: depth, closing: UInt8(ascii: "}"))
  }

  /// Enters the object at the cursor, or skips the value there when it is not an object.
  /// - Returns: nil for a skipped value, else whether the object has members (as
  ///   ``enterObject(depth:)``).
  mutating func enterObjectOrSkip(depth: Int) throws(JSONParseError) -> Bool? {
    guard try peek() == UInt8(ascii: "{") else {
      try skipValue(depth: depth)
      return nil
    }
    return try enterObject(depth: depth)
  }

  /// At `[`: the same as ``enterObject(depth:)`` for an array.
  mutating func enterArray(depth: Int) throws(JSONParseError) -> Bool {
    try enter(depth: depth, closing: UInt8(ascii: "]"))
  }

  private mutating func enter(depth: Int, closing: UInt8) throws(JSONParseError) -> Bool {
    guard depth <= maximumDepth else { throw JSONParseError(.tooDeep, at: offset) }
    offset += 1
    skipWhitespace()
    if try peek() == closing {
      offset += 1
      return false
    }
    return true
  }

  /// Reads a member's name and its `:`, and returns what `match` makes of the name's UTF-8
  /// bytes (a view into the document when the name has no escapes, the usual case).
  mutating func memberName<Name>(_ match: (UnsafeBufferPointer<UInt8>) -> Name?)
    throws(JSONParseError) -> Name?
  {
    skipWhitespace()
    guard try peek() == UInt8(ascii: "\"") else {
      throw JSONParseError(.unexpectedByte, at: offset)
    }
    let name: Name?
    if let raw = plainString() {
      name = match(raw)
    } else {
      var text = try string()
      name = text.withUTF8(match)
    }
    skipWhitespace()
    guard try peek() == UInt8(ascii: ":") else {
      throw JSONParseError(.unexpectedByte, at: offset)
    }
    offset += 1
    skipWhitespace()
    return name
  }

  /// After a member's value: true at `,` (another member follows), false at the closing `}`.
  mutating func nextMember() throws(JSONParseError) -> Bool {
    try next(closing: UInt8(ascii: "}"))
  }

  /// After an element: true at `,` (another element follows), false at the closing `]`.
  mutating func nextElement() throws(JSONParseError) -> Bool {
    try next(closing: UInt8(ascii: "]"))
  }

  private mutating func next(closing: UInt8) throws(JSONParseError) -> Bool {
    skipWhitespace()
    switch try peek() {
    case UInt8(ascii: ","):
      offset += 1
      skipWhitespace()
      return true
    case closing:
      offset += 1
      return false
    default: throw JSONParseError(.unexpectedByte, at: offset)
    }
  }

  /// At `"`: the string's bytes when it is plain ASCII without escapes (consumed), else `nil`
  /// with nothing consumed, for ``string()`` to decode and validate.
  private mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
    var end = offset + 1
    while end < bytes.count {
      let byte = bytes[end]
      if byte == UInt8(ascii: "\"") {
        let text = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<end])
        offset = end + 1
        return text
      }
      guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
      end += 1
    }
    return nil
  }

  /// A scalar value as it is; an object or array is skipped (validated) and read as `.other`.
  /// A plain string is a view into ``bytes`` (see ``JSONString``).
  mutating func scalar(depth: Int) throws(JSONParseError) -> JSONScalar {
    switch try peek() {
    case UInt8(ascii: "\""):
      if let plain = plainString() { return .string(.plain(plain)) }
      return .string(.decoded(try string()))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try numberValue())
    case UInt8(ascii: "t"):
      _ = try literal("true", .null)
      return .bool(true)
    case UInt8(ascii: "f"):
      _ = try literal("false", .null)
      return .bool(false)
    default:
      try skipValue(depth: depth)
      return .other
    }
  }

  /// Skips one value at `depth`, refusing it as ``value(depth:)`` would.
  mutating func skipValue(depth: Int) throws(JSONParseError) {
    switch try peek() {
    case UInt8(ascii: "{"):
      guard try enterObject(depth: depth) else { return }
      repeat {
        _ = try memberName { _ in () }
        try skipValue(depth: depth + 1)
      } while try nextMember()
    case UInt8(ascii: "["):
      guard try enterArray(depth: depth) else { return }
      repeat { try skipValue(depth: depth + 1) } while try nextElement()
    case UInt8(ascii: "\""):
      if plainString() == nil { _ = try string() }
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try numberValue()
    case UInt8(ascii: "t"): _ = try literal("true", .null)
    case UInt8(ascii: "f"): _ = try literal("false", .null)
    case UInt8(ascii: "n"): _ = try literal("null", .null)
    default: throw JSONParseError(.unexpectedByte, at: offset)
    }
  }
}
