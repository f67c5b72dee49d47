/// Writes HTTP/1.1 heads and chunks (RFC 9112) straight into a caller's byte buffer.
///
/// Header fields are written only when the name is a token and the value holds no control
/// character but HTAB (RFC 9110 §5.5): a field whose name or value holds CR, LF, NUL or
/// another CTL is **dropped**, never written, so no value can split a response or request
/// (response splitting). Callers build headers from their own data; a dropped field is a
/// bug on their side, not a protocol error to report to the peer.
public enum HTTPSerializer {
  /// `HTTP/1.1 <code> <reason>\r\n`, the fields, then the empty line (RFC 9112 §4).
  public static func appendResponseHead(
    status: HTTPStatus, headers: HTTPHeaders, into out: inout [UInt8]
  ) {
    appendStatusLine(status, into: &out)
    appendFields(headers, into: &out)
  }

  /// Only the status line, `HTTP/1.1 <code> <reason>\r\n` (RFC 9112 §4), for callers that write
  /// the fields one by one with ``appendField(name:value:into:)`` and end the head themselves.
  /// A reason phrase with a control character in it is left out (the code stays).
  public static func appendStatusLine(_ status: HTTPStatus, into out: inout [UInt8]) {
    out.append(contentsOf: "HTTP/1.1 ".utf8)
    appendDigits(of: status.code, radix: 10, into: &out)
    out.append(HTTPGrammar.space)
    if status.reason.utf8.allSatisfy(HTTPGrammar.isFieldValueByte) {
      out.append(contentsOf: status.reason.utf8)
    }
    appendLineEnd(into: &out)
  }

  /// One field line, `name: value\r\n` (RFC 9112 §5), unless the name is not a token or the
  /// value holds a control character other than HTAB: then nothing is written.
  /// - Returns: whether the field was written.
  @discardableResult
  public static func appendField(name: String, value: String, into out: inout [UInt8]) -> Bool {
    guard HTTPGrammar.isSafeField(name: name, value: value) else { return false }
    out.append(contentsOf: name.utf8)
    out.append(HTTPGrammar.colon)
    out.append(HTTPGrammar.space)
    out.append(contentsOf: value.utf8)
    appendLineEnd(into: &out)
    return true
  }

  /// `<method> <target> HTTP/1.1\r\n`, the fields, then the empty line (RFC 9112 §3).
  /// The method must be a token and the target valid for it (as ``HTTPRequestParser``
  /// checks); ``HTTPClient`` verifies both before it calls this.
  public static func appendRequestHead(
    method: HTTPMethod, target: String, headers: HTTPHeaders, into out: inout [UInt8]
  ) {
    out.append(contentsOf: method.rawValue.utf8)
    out.append(HTTPGrammar.space)
    out.append(contentsOf: target.utf8)
    out.append(contentsOf: " HTTP/1.1".utf8)
    appendLineEnd(into: &out)
    appendFields(headers, into: &out)
  }

  /// One chunk (RFC 9112 §7.1): hex size, CRLF, the data, CRLF. Writes nothing for empty
  /// input, since an empty chunk would end the body.
  public static func appendChunk(_ bytes: [UInt8], into out: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    appendDigits(of: bytes.count, radix: 16, into: &out)
    appendLineEnd(into: &out)
    out.append(contentsOf: bytes)
    appendLineEnd(into: &out)
  }

  /// The last chunk with an empty trailer section: `0\r\n\r\n` (RFC 9112 §7.1).
  public static func appendLastChunk(into out: inout [UInt8]) {
    out.append(contentsOf: "0\r\n\r\n".utf8)
  }

  /// Writes each safe field, then the empty line that ends the head.
  private static func appendFields(_ headers: HTTPHeaders, into out: inout [UInt8]) {
    for field in headers { appendField(name: field.name, value: field.value, into: &out) }
    appendLineEnd(into: &out)
  }

  @inline(__always)
  private static func appendLineEnd(into out: inout [UInt8]) {
    out.append(HTTPGrammar.cr)
    out.append(HTTPGrammar.lf)
  }

  /// Writes a non-negative number's digits (lower-case hex) without building a String.
  private static func appendDigits(of value: Int, radix: Int, into out: inout [UInt8]) {
    let digits: StaticString = "0123456789abcdef"
    var rest = max(value, 0)
    var divisor = 1
    while rest / divisor >= radix { divisor *= radix }
    while divisor > 0 {
      out.append(digits.utf8Start[rest / divisor])
      rest %= divisor
      divisor /= radix
    }
  }
}
