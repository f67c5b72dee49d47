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

  private let limits: HTTPLimits
  private var reader: HTTPHeadReader
  private var statusLine: (status: HTTPStatus, minorVersion: Int)?

  public init(limits: HTTPLimits = HTTPLimits()) {
    self.limits = limits
    reader = HTTPHeadReader(limits: limits, startLineTooLong: .badGateway)
  }

  /// Prepares for the next response on the same connection (or after an interim 1xx).
  public mutating func reset() {
    reader = HTTPHeadReader(limits: limits, startLineTooLong: .badGateway)
    statusLine = nil
  }

  /// - Parameters:
  ///   - buffer: the bytes received so far, starting at the response's first byte; after
  ///     `.needMore`, the same bytes plus what arrived since.
  ///   - requestMethod: the method of the request this answers (a HEAD response has no body).
  public mutating func parseHead(_ buffer: UnsafeRawBufferPointer, requestMethod: HTTPMethod)
    -> HeadResult
  {
    while true {
      switch reader.advance(buffer) {
      case .needMore:
        return .needMore
      case .failure(let error):
        return .failure(Self.invalid(error))
      case .startLine(let range):
        do {
          statusLine = try Self.statusLine(UnsafeRawBufferPointer(rebasing: buffer[range]))
        } catch {
          return .failure(Self.invalid(error))
        }
      case .complete(let headers, let headLength):
        guard let line = statusLine else {
          return .failure(HTTPError(.badGateway, "missing status line"))
        }
        let head = HTTPResponseHead(
          status: line.status, minorVersion: line.minorVersion, headers: headers)
        do {
          let framing = try Self.framing(of: head, requestMethod: requestMethod)
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
  private static func statusLine(_ line: UnsafeRawBufferPointer) throws(HTTPError) -> (
    status: HTTPStatus, minorVersion: Int
  ) {
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
      let reason = UnsafeRawBufferPointer(rebasing: line[13...])
      guard reason.allSatisfy(HTTPGrammar.isFieldValueByte) else {
        throw HTTPError(.badRequest, "control character in reason phrase")
      }
      return (HTTPStatus(code, String(decoding: reason, as: UTF8.self)), minor)
    }
    return (HTTPStatus(code, ""), minor)
  }

  /// RFC 9112 §6.3: no body after a HEAD request, in 1xx, 204 and 304 responses, or in a 2xx
  /// answer to CONNECT (the tunnel starts); then chunked, then Content-Length, else until
  /// close. Transfer-Encoding with Content-Length, in HTTP/1.0, or with a coding other than
  /// `chunked` is refused rather than guessed at.
  private static func framing(of head: HTTPResponseHead, requestMethod: HTTPMethod)
    throws(HTTPError)
    -> BodyFraming
  {
    let code = head.status.code
    if requestMethod == .head || !head.status.mayHaveBody
      || (requestMethod == .connect && code / 100 == 2)
    {
      return .none
    }
    let coding = try HTTPFraming.transferCoding(head.headers)
    let length = try HTTPFraming.contentLength(head.headers)
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
