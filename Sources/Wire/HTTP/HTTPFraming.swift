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
    var unsupported: Substring?
    for field in headers where field.name.equalsIgnoringASCIICase("Transfer-Encoding") {
      present = true
      for element in field.value.split(separator: ",", omittingEmptySubsequences: false) {
        let coding = element.trimmingASCIISpaces()
        if coding.isEmpty { continue }  // RFC 9110 §5.6.1: empty list elements are ignored.
        codings += 1
        if coding.equalsIgnoringASCIICase("chunked") {
          chunked += 1
        } else if unsupported == nil {
          unsupported = coding
        }
      }
    }
    guard present else { return .absent }
    guard codings > 0 else { throw HTTPError(.badRequest, "empty Transfer-Encoding") }
    guard chunked <= 1 else {
      throw HTTPError(.badRequest, "chunked transfer coding applied twice")
    }
    if let unsupported { return .unsupported(String(unsupported)) }
    return .chunked
  }

  /// RFC 9112 §6.3 item 5, RFC 9110 §8.6: every `Content-Length` field and list element must be
  /// all digits, fit an `Int`, and agree; identical repeats count as one.
  /// - Returns: the length, or `nil` when there is no `Content-Length` field.
  static func contentLength(_ headers: HTTPHeaders) throws(HTTPError) -> Int? {
    var length: Int?
    for field in headers where field.name.equalsIgnoringASCIICase("Content-Length") {
      for element in field.value.split(separator: ",", omittingEmptySubsequences: false) {
        let value = try decimal(element.trimmingASCIISpaces())
        if let length, length != value {
          throw HTTPError(.badRequest, "conflicting Content-Length values")
        }
        length = value
      }
    }
    return length
  }

  /// A non-negative decimal number: digits only (no sign, no spaces), overflow rejected.
  private static func decimal(_ text: Substring) throws(HTTPError) -> Int {
    guard !text.isEmpty else { throw HTTPError(.badRequest, "empty Content-Length") }
    var value = 0
    for byte in text.utf8 {
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
