/// Parses a response head (RFC 9112 §4–§6) with the same strictness as ``HTTPRequestParser``:
/// same line, field and framing rules, same limits (`maxRequestLine` bounds the status line).
/// Every failure is a 502 Bad Gateway carrying the reason, ready for a proxy to answer with.
/// Interim 1xx responses come back as complete heads with no body; skip them and parse on.
public struct HTTPResponseParser: Sendable {
  public enum HeadResult: Sendable {
    case needMore
    case complete(HTTPResponseHead, framing: BodyFraming, headLength: Int)
    case failure(HTTPError)
  }

  /// What ``parseHeadRanges(_:requestMethod:)`` found: the same outcomes, the head as ranges
  /// into the bytes.
  public enum HeadRangesResult: Sendable {
    case needMore
    case complete(HTTPResponseHeadRanges, framing: BodyFraming, headLength: Int)
    case failure(HTTPError)
  }

  private var reader: HTTPHeadReader
  private var statusLine: (code: Int, reason: Range<Int>, minorVersion: Int)?

  public init(limits: HTTPLimits = HTTPLimits()) {
    reader = HTTPHeadReader(limits: limits, startLineTooLong: .badGateway)
  }

  /// Prepares for the next response on the same connection (or after an interim 1xx).
  public mutating func reset() {
    reader.reset()
    statusLine = nil
  }

  /// - Parameters:
  ///   - buffer: the bytes received so far, starting at the response's first byte; after
  ///     `.needMore`, the same bytes plus what arrived since.
  ///   - requestMethod: the method of the request this answers (a HEAD response has no body).
  public mutating func parseHead(_ buffer: UnsafeRawBufferPointer, requestMethod: HTTPMethod)
    -> HeadResult
  {
    switch parseHeadRanges(buffer, requestMethod: requestMethod) {
    case .needMore: .needMore
    case .failure(let error): .failure(error)
    case .complete(let ranges, let framing, let headLength):
      .complete(ranges.head(in: buffer), framing: framing, headLength: headLength)
    }
  }

  /// Parses as ``parseHead(_:requestMethod:)`` does, without building Strings: the head comes
  /// back as ranges into `buffer` (a proxy forwards them as they are).
  public mutating func parseHeadRanges(
    _ buffer: UnsafeRawBufferPointer, requestMethod: HTTPMethod
  ) -> HeadRangesResult {
    while true {
      switch reader.advance(buffer) {
      case .needMore:
        return .needMore
      case .failure(let error):
        return .failure(Self.invalid(error))
      case .startLine(let range):
        do {
          statusLine = try Self.statusLine(buffer, range)
        } catch {
          return .failure(Self.invalid(error))
        }
      case .complete(let headLength):
        guard let line = statusLine else {
          return .failure(HTTPError(.badGateway, "missing status line"))
        }
        let head = HTTPResponseHeadRanges(
          code: line.code, reason: line.reason, minorVersion: line.minorVersion,
          fields: reader.fields)
        do {
          let framing = try Self.framing(of: head, in: buffer, requestMethod: requestMethod)
          return .complete(head, framing: framing, headLength: headLength)
        } catch {
          return .failure(Self.invalid(error))
        }
      }
    }
  }

  private static func invalid(_ error: HTTPError) -> HTTPError {
    error.status == .badGateway
      ? error : HTTPError(.badGateway, "invalid response: \(error.message)")
  }

  /// RFC 9112 §4: `status-line = HTTP-version SP status-code SP [ reason-phrase ]`. We also
  /// accept the line without the second SP when the reason is empty, which changes nothing
  /// about framing.
  private static func statusLine(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>)
    throws(HTTPError) -> (code: Int, reason: Range<Int>, minorVersion: Int)
  {
    let line = UnsafeRawBufferPointer(rebasing: buffer[range])
    guard line.count >= 12, line[8] == HTTPGrammar.space else {
      throw HTTPError(.badRequest, "malformed status line")
    }
    let minor: Int
    switch HTTPGrammar.version(UnsafeRawBufferPointer(rebasing: line[0..<8])) {
    case .supported(let value): minor = value
    case .unsupported: throw HTTPError(.badRequest, "unsupported HTTP version")
    case .malformed: throw HTTPError(.badRequest, "malformed HTTP version")
    }
    var code = 0
    for index in 9..<12 {
      guard let digit = HTTPGrammar.decimalDigit(line[index]) else {
        throw HTTPError(.badRequest, "status code is not three digits")
      }
      code = code * 10 + digit
    }
    guard (100...599).contains(code) else {
      throw HTTPError(.badRequest, "status code out of range")
    }
    guard line.count == 12 else {
      guard line[12] == HTTPGrammar.space else {
        throw HTTPError(.badRequest, "malformed status line")
      }
      guard line[13...].allSatisfy(HTTPGrammar.isFieldValueByte) else {
        throw HTTPError(.badRequest, "control character in reason phrase")
      }
      return (code, (range.lowerBound + 13)..<range.upperBound, minor)
    }
    return (code, range.upperBound..<range.upperBound, minor)
  }

  /// RFC 9112 §6.3: no body after a HEAD request, in 1xx, 204 and 304 responses, or in a 2xx
  /// answer to CONNECT (the tunnel starts); then chunked, then Content-Length, else until
  /// close. Transfer-Encoding with Content-Length, in HTTP/1.0, or with a coding other than
  /// `chunked` is refused rather than guessed at.
  private static func framing(
    of head: HTTPResponseHeadRanges, in bytes: UnsafeRawBufferPointer, requestMethod: HTTPMethod
  ) throws(HTTPError) -> BodyFraming {
    let code = head.code
    if requestMethod == .head || !HTTPStatus.mayHaveBody(code)
      || (requestMethod == .connect && code / 100 == 2)
    {
      return .none
    }
    let coding = try HTTPFraming.transferCoding(head.fields, in: bytes)
    let length = try HTTPFraming.contentLength(head.fields, in: bytes)
    switch coding {
    case .absent:
      return length.map(BodyFraming.contentLength) ?? .untilClose
    case .chunked:
      if length != nil { throw HTTPError(.badRequest, "both Transfer-Encoding and Content-Length") }
      if head.minorVersion == 0 {
        throw HTTPError(.badRequest, "Transfer-Encoding in an HTTP/1.0 response")
      }
      return .chunked
    case .unsupported(let name):
      throw HTTPError(.badRequest, "unsupported transfer coding \(name)")
    }
  }
}
