/// Byte-level rules of the HTTP/1.1 grammar shared by the request parser, the response
/// parser, the chunked decoder and the serializer (RFC 9110 §5.6, RFC 9112 §2–§5).
enum HTTPGrammar {
  static let cr: UInt8 = 13
  static let lf: UInt8 = 10
  static let space: UInt8 = 32
  static let tab: UInt8 = 9
  static let colon: UInt8 = 58

  /// RFC 9110 §5.6.2: `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
  /// "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA`.
  /// Looked up in two 64-bit masks (bytes 0–63, 64–127), one test per byte of every name.
  @inline(__always)
  static func isTokenByte(_ byte: UInt8) -> Bool {
    let mask: UInt64 = byte < 64 ? 0x03FF_6CFA_0000_0000 : 0x57FF_FFFF_C7FF_FFFE
    return byte < 128 && (mask >> (byte & 63)) & 1 == 1
  }

  /// RFC 9110 §5.5: a field value may hold HTAB, SP, visible ASCII and obs-text, but no other
  /// control character (NUL, CR, LF, DEL…).
  @inline(__always)
  static func isFieldValueByte(_ byte: UInt8) -> Bool {
    byte == tab || (byte >= 0x20 && byte != 0x7F)
  }

  /// RFC 9112 §3.2: a request target is visible ASCII only (no CTL, space or byte ≥ 0x7F).
  @inline(__always)
  static func isTargetByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F
  }

  /// RFC 3986 §3.2.2–§3.2.3: a byte of `uri-host [ ":" port ]` — unreserved, pct-encoded,
  /// sub-delims, ":" and the brackets of an IP literal. No space, "/", "?", "#" or "@".
  @inline(__always)
  static func isHostByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case 0x2D, 0x2E, 0x5F, 0x7E, 0x25, 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B,
      0x3D:
      true
    case 0x3A, 0x5B, 0x5D: true
    default: false
    }
  }

  /// The value of one hexadecimal digit, or `nil`.
  @inline(__always)
  static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: Int(byte - 0x30)
    case 0x41...0x46: Int(byte - 0x41 + 10)
    case 0x61...0x66: Int(byte - 0x61 + 10)
    default: nil
    }
  }

  static func isToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
    !bytes.isEmpty && bytes.allSatisfy(isTokenByte)
  }

  static func isToken(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
  }

  /// Whether a field can be written as is: a token name and a value without control
  /// characters other than HTAB (so no CR, LF or NUL that could split a message).
  static func isSafeField(name: String, value: String) -> Bool {
    isToken(name) && value.utf8.allSatisfy(isFieldValueByte)
  }

  /// The outcome of reading an `HTTP-version` (RFC 9112 §2.3).
  enum Version: Equatable {
    /// HTTP/1.0 or HTTP/1.1, with its minor digit.
    case supported(minor: Int)
    /// Well formed (`HTTP/DIGIT.DIGIT`) but not 1.0 or 1.1.
    case unsupported
    case malformed
  }

  /// RFC 9112 §2.3: `HTTP-version = "HTTP" "/" DIGIT "." DIGIT`, case-sensitive.
  static func version(_ bytes: UnsafeRawBufferPointer) -> Version {
    guard bytes.count == 8, bytes[0] == 0x48, bytes[1] == 0x54, bytes[2] == 0x54, bytes[3] == 0x50,
      bytes[4] == 0x2F, bytes[6] == 0x2E, let major = decimalDigit(bytes[5]),
      let minor = decimalDigit(bytes[7])
    else { return .malformed }
    // RFC 9110 §6.2: a higher minor version of a major we speak is handled as the highest
    // minor we implement (HTTP/1.2 as HTTP/1.1); another major is not supported (505).
    return major == 1 ? .supported(minor: min(minor, 1)) : .unsupported
  }

  @inline(__always)
  static func decimalDigit(_ byte: UInt8) -> Int? {
    byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
  }

  /// RFC 9112 §3.2: checks the form of a request target against its method — origin-form
  /// (`/path`), absolute-form (`http://…`, `https://…`), authority-form (`host:port`, CONNECT
  /// only, §3.2.3) and asterisk-form (`*`, OPTIONS only, §3.2.4).
  /// - Returns: `nil` when acceptable, else the reason for a 400.
  static func targetProblem(_ target: UnsafeRawBufferPointer, method: UnsafeRawBufferPointer)
    -> String?
  {
    guard !target.isEmpty else { return "empty request target" }
    guard target.allSatisfy(isTargetByte) else { return "invalid byte in request target" }
    if equals(method, "CONNECT") {
      return isAuthorityForm(target) ? nil : "CONNECT needs an authority-form target (host:port)"
    }
    if target[0] == 0x2F { return nil }
    if target.count == 1, target[0] == 0x2A {
      return equals(method, "OPTIONS") ? nil : "asterisk-form target is only for OPTIONS"
    }
    if hasSchemePrefix(target, "http://") || hasSchemePrefix(target, "https://") { return nil }
    return "request target is not in origin-form or absolute-form"
  }

  /// RFC 9112 §3.2.3: `authority-form = uri-host ":" port`, without userinfo, path or query.
  private static func isAuthorityForm(_ target: UnsafeRawBufferPointer) -> Bool {
    guard let colon = target.lastIndex(of: colon), colon > 0, colon + 1 < target.count else {
      return false
    }
    for index in 0..<colon {
      switch target[index] {
      case 0x2F, 0x3F, 0x23, 0x40: return false  // "/", "?", "#", "@": not a bare host
      default: continue
      }
    }
    for index in (colon + 1)..<target.count where decimalDigit(target[index]) == nil {
      return false
    }
    return target.count - colon - 1 <= 5
  }

  /// Whether `bytes` begins with `prefix` (ASCII, scheme compared case-insensitively) and
  /// has something after it.
  private static func hasSchemePrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString)
    -> Bool
  {
    let count = prefix.utf8CodeUnitCount
    guard bytes.count > count else { return false }
    let start = prefix.utf8Start
    for index in 0..<count where lowercased(bytes[index]) != start[index] { return false }
    return true
  }

  @inline(__always)
  static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// Byte-wise, case-sensitive equality with an ASCII literal.
  static func equals(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    guard bytes.count == literal.utf8CodeUnitCount else { return false }
    let start = literal.utf8Start
    for index in 0..<bytes.count where bytes[index] != start[index] { return false }
    return true
  }

  /// Parses one header or trailer field line, CRLF excluded (RFC 9112 §5, RFC 9110 §5.5).
  /// Rejects with 400: a line starting with whitespace (obs-fold, §5.2), a name that is not
  /// a token, whitespace before the colon (§5.1), control characters in the value, and a
  /// value that is not UTF-8 (we do not guess another charset and rewrite the bytes).
  /// Leading and trailing OWS around the value are dropped.
  /// - Returns: where the name and the value lie, as offsets into `line`.
  static func field(_ line: UnsafeRawBufferPointer) throws(HTTPError) -> HTTPFieldRange {
    guard let first = line.first else { throw HTTPError(.badRequest, "empty header field") }
    if first == space || first == tab {
      throw HTTPError(.badRequest, "obsolete line folding or whitespace before a header field")
    }
    var index = 0
    while index < line.count, isTokenByte(line[index]) { index += 1 }
    guard index < line.count, line[index] == colon else {
      if index < line.count, line[index] == space || line[index] == tab {
        throw HTTPError(.badRequest, "whitespace between header field name and colon")
      }
      throw HTTPError(.badRequest, "invalid header field name")
    }
    guard index > 0 else { throw HTTPError(.badRequest, "empty header field name") }
    var start = index + 1
    var end = line.count
    while start < end, line[start] == space || line[start] == tab { start += 1 }
    while end > start, line[end - 1] == space || line[end - 1] == tab { end -= 1 }
    var ascii = true
    for position in start..<end {
      let byte = line[position]
      guard isFieldValueByte(byte) else {
        throw HTTPError(.badRequest, "control character in header field value")
      }
      if byte >= 0x80 { ascii = false }
    }
    if !ascii, !isValidUTF8(UnsafeRawBufferPointer(rebasing: line[start..<end])) {
      throw HTTPError(.badRequest, "header field value is not valid UTF-8")
    }
    return HTTPFieldRange(name: 0..<index, value: start..<end)
  }

  /// Whether `bytes` are well-formed UTF-8, checked without building a String.
  private static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var decoder = Unicode.UTF8()
    var iterator = bytes.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }
}
