/// A string value as ``JSONReader/scalar(depth:)`` reads it. Most strings in a segment document
/// are plain ASCII without escapes (ids, the trace id, `type`, `namespace`): those stay a view
/// of their bytes in the document, so a decoder that only parses or compares them makes no
/// `String` (ids are 16 bytes, one over the small-string limit, so each `String` would cost an
/// allocation). Any other string is decoded as RFC 8259 §7 says.
///
/// A `plain` value points into the buffer the reader walks: use it only while that buffer
/// lives (inside ``JSONParser/read(buffer:_:)``'s caller's scope).
enum JSONString {
  /// ASCII without control characters or escapes: the bytes between the quotes.
  case plain(UnsafeBufferPointer<UInt8>)
  /// Any other string, escapes resolved and UTF-8 validated.
  case decoded(String)

  /// Runs `body` over the string's UTF-8 bytes, without copying them.
  func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    switch self {
    case .plain(let bytes): return body(bytes)
    case .decoded(let text):
      var text = text
      return text.withUTF8(body)
    }
  }

  /// The string, made now for a value the caller keeps.
  var text: String {
    switch self {
    case .plain(let bytes): String(decoding: bytes, as: UTF8.self)
    case .decoded(let text): text
    }
  }

  /// Whether the string is `literal`, compared byte for byte.
  func equals(_ literal: StaticString) -> Bool {
    withUTF8 { bytes in
      bytes.elementsEqual(
        UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
  }
}
