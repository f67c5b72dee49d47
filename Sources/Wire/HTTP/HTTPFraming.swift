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

  /// RFC 9112 §6.1: the list of transfer codings across every `Transfer-Encoding` field.
  /// An empty list, or `chunked` applied twice, is a 400.
  static func transferCoding(_ headers: HTTPHeaders) throws(HTTPError) -> TransferCoding {
    var present = false
    var codings = 0
    var chunked = 0
    var unsupported: String?
    for field in headers where field.name.equalsIgnoringASCIICase("Transfer-Encoding") {
      present = true
      var value = field.value
      value.withUTF8 { bytes in
        for coding in HTTPListElements(bytes) {
          if coding.isEmpty { continue }  // RFC 9110 §5.6.1: empty list elements are ignored.
          codings += 1
          if HTTPGrammar.equalsIgnoringCase(coding, lowercase: "chunked") {
            chunked += 1
          } else if unsupported == nil {
            unsupported = String(decoding: coding, as: UTF8.self)
          }
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
  static func contentLength(_ headers: HTTPHeaders) throws(HTTPError) -> Int? {
    var length: Int?
    for field in headers where field.name.equalsIgnoringASCIICase("Content-Length") {
      var value = field.value
      let problem: HTTPError? = value.withUTF8 { bytes in
        for element in HTTPListElements(bytes) {
          let number: Int
          do throws(HTTPError) { number = try decimal(element) } catch { return error }
          if let length, length != number {
            return HTTPError(.badRequest, "conflicting Content-Length values")
          }
          length = number
        }
        return nil
      }
      if let problem { throw problem }
    }
    return length
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
