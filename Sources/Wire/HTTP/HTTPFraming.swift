/// Reads the framing fields, `Content-Length` and `Transfer-Encoding`, the same strict way for
/// requests and responses (RFC 9112 §6). Ambiguous framing is the root of request smuggling,
/// so anything a lenient peer might read differently is an error here.
enum HTTPFraming {
  /// What `Transfer-Encoding` asks for.
  enum TransferCoding: Equatable {
    case absent
    /// Exactly one coding, `chunked`.
    case chunked
    /// A coding we do not implement (`gzip`, `identity`, `xchunked`…); the first one found.
    case unsupported(String)
  }

  /// RFC 9112 §6.1: the list of transfer codings across every `Transfer-Encoding` field of a
  /// parsed head. An empty list, or `chunked` applied twice, is a 400.
  static func transferCoding(_ fields: [HTTPFieldRange], in head: UnsafeRawBufferPointer)
    throws(HTTPError) -> TransferCoding
  {
    var present = false
    var codings = 0
    var chunked = 0
    var unsupported: String?
    for field in fields where field.isNamed("transfer-encoding", in: head) {
      present = true
      for coding in HTTPListElements(field.value(in: head)) {
        if coding.isEmpty { continue }  // RFC 9110 §5.6.1: empty list elements are ignored.
        codings += 1
        if coding.equalsLowercase("chunked") {
          chunked += 1
        } else if unsupported == nil {
          unsupported = String(decoding: coding, as: UTF8.self)
        }
      }
    }
    guard present else { return .absent }
    guard codings > 0 else { throw HTTPError(.badRequest, "empty Transfer-Encoding") }
    guard chunked <= 1 else {
      throw HTTPError(.badRequest, "chunked transfer coding applied twice")
    }
    if let unsupported { return .unsupported(unsupported) }
    return .chunked
  }

  /// RFC 9112 §6.3 item 5, RFC 9110 §8.6: every `Content-Length` field and list element must be
  /// all digits, fit an `Int`, and agree; identical repeats count as one.
  /// - Returns: the length, or `nil` when there is no `Content-Length` field.
  static func contentLength(_ fields: [HTTPFieldRange], in head: UnsafeRawBufferPointer)
    throws(HTTPError) -> Int?
  {
    var length: Int?
    for field in fields where field.isNamed("content-length", in: head) {
      try addContentLength(field.value(in: head), to: &length)
    }
    return length
  }

  /// The same rule for fields a caller built (``HTTPClient`` checks its requests with it).
  static func contentLength(_ headers: HTTPHeaders) throws(HTTPError) -> Int? {
    var length: Int?
    for field in headers where field.name.equalsIgnoringASCIICase("Content-Length") {
      var value = field.value
      let problem: HTTPError? = value.withUTF8 { bytes in
        do throws(HTTPError) { try addContentLength(bytes, to: &length) } catch { return error }
        return nil
      }
      if let problem { throw problem }
    }
    return length
  }

  /// Adds one `Content-Length` value's elements to the length found so far.
  private static func addContentLength(_ value: UnsafeBufferPointer<UInt8>, to length: inout Int?)
    throws(HTTPError)
  {
    for element in HTTPListElements(value) {
      let number = try decimal(element)
      if let length, length != number {
        throw HTTPError(.badRequest, "conflicting Content-Length values")
      }
      length = number
    }
  }

  /// A non-negative decimal number: digits only (no sign, no spaces), overflow rejected.
  private static func decimal(_ text: UnsafeBufferPointer<UInt8>) throws(HTTPError) -> Int {
    guard !text.isEmpty else { throw HTTPError(.badRequest, "empty Content-Length") }
    var value = 0
    for byte in text {
      guard let digit = HTTPGrammar.decimalDigit(byte) else {
        throw HTTPError(.badRequest, "Content-Length is not a decimal number")
      }
      let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(digit)
      guard !overflow1, !overflow2 else { throw HTTPError(.badRequest, "Content-Length too large") }
      value = sum
    }
    return value
  }
}
