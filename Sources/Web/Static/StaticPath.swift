import Wire

/// A request path below the static root, decoded and checked so that it can only name a
/// file inside the folder.
///
/// Rules (each answered without touching the disk):
/// - the path is percent-decoded exactly once (RFC 3986 §2.1); a `%` not followed by two hex
///   digits is 400;
/// - traversal attempts are 400: a `.` or `..` segment (RFC 3986 §5.2.4; also when written
///   `%2e`), an encoded `/` (`%2f`), a `\` raw or encoded (`%5c`), a NUL byte (`%00`), bytes
///   that are not UTF-8;
/// - otherwise hidden names (a segment starting with `.`) and an empty path are 404;
/// - a path longer than ``maxBytes`` is 414.
struct StaticPath: Equatable, Sendable {
  /// Longest accepted encoded path below the prefix, in bytes.
  static let maxBytes = 1024

  /// The decoded path relative to the root, segments joined by single `/`, never starting with one.
  let relative: String

  init(encoded: Substring) throws(HTTPError) {
    guard encoded.utf8.count <= Self.maxBytes else { throw HTTPError(.uriTooLong, "path too long") }
    // The common case has no escapes: no decoding buffer, and a short path stays a small string.
    guard encoded.utf8.contains(UInt8(ascii: "%")) else {
      relative = try Self.checked(String(encoded))
      return
    }
    guard let text = String(validating: try Self.percentDecode(encoded.utf8), as: UTF8.self) else {
      throw HTTPError(.badRequest, "path is not UTF-8")
    }
    relative = try Self.checked(text)
  }

  /// The last segment, whose extension picks the media type.
  var fileName: Substring { relative.split(separator: "/").last ?? Substring(relative) }

  /// Applies the segment rules in one pass over the decoded bytes; collapses empty segments.
  private static func checked(_ text: String) throws(HTTPError) -> String {
    var dotSegment = false
    var hidden = false
    var emptySegment = false
    var length = 0
    var allDots = true
    var startsWithDot = false
    func endSegment() {
      if length == 0 {
        emptySegment = true
      } else if allDots && length <= 2 {
        dotSegment = true
      } else if startsWithDot {
        hidden = true
      }
      length = 0
      allDots = true
    }
    for byte in text.utf8 {
      switch byte {
      case 0: throw HTTPError(.badRequest, "NUL byte in path")
      case UInt8(ascii: "\\"): throw HTTPError(.badRequest, "backslash in path")
      case UInt8(ascii: "/"): endSegment()
      default:
        if length == 0 { startsWithDot = byte == UInt8(ascii: ".") }
        if byte != UInt8(ascii: ".") { allDots = false }
        length += 1
      }
    }
    endSegment()
    if dotSegment { throw HTTPError(.badRequest, "dot segment in path") }
    if hidden { throw HTTPError(.notFound, "not found") }
    guard emptySegment else { return text }
    let joined = text.split(separator: "/").joined(separator: "/")
    guard !joined.isEmpty else { throw HTTPError(.notFound, "not found") }
    return joined
  }

  /// Decodes `%XX` escapes once. An encoded `/` is refused here, since after decoding it
  /// could no longer be told from a separator; NUL and `\` are left to ``checked(_:)``.
  private static func percentDecode(_ bytes: Substring.UTF8View) throws(HTTPError) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let byte = bytes[index]
      index = bytes.index(after: index)
      guard byte == UInt8(ascii: "%") else {
        output.append(byte)
        continue
      }
      guard index != bytes.endIndex, let high = hexValue(bytes[index]),
        bytes.index(after: index) != bytes.endIndex,
        let low = hexValue(bytes[bytes.index(after: index)])
      else { throw HTTPError(.badRequest, "invalid percent escape") }
      index = bytes.index(index, offsetBy: 2)
      let decoded = high << 4 | low
      if decoded == UInt8(ascii: "/") { throw HTTPError(.badRequest, "encoded slash in path") }
      output.append(decoded)
    }
    return output
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
