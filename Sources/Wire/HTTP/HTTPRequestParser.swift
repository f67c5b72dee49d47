/// Parses a request head (RFC 9112 §2–§6) from the bytes a connection has received, strictly:
/// whatever a lenient parser elsewhere might read differently is rejected with the status
/// the RFC asks for. Works on raw bytes in one pass; feeding the head in pieces gives the same
/// answer as feeding it whole.
///
/// ```swift
/// var parser = HTTPRequestParser()
/// switch received.withUnsafeBytes({ parser.parseHead($0) }) {
/// case .needMore: break  // read more, call again with the longer buffer
/// case .complete(let head, let framing, let headLength): …  // body starts at headLength
/// case .failure(let error): …  // answer error.status, then close
/// }
/// ```
public struct HTTPRequestParser: Sendable {
  public enum HeadResult: Sendable {
    case needMore
    case complete(HTTPRequestHead, framing: BodyFraming, headLength: Int)
    case failure(HTTPError)
  }

  /// What ``parseHeadRanges(_:)`` found: the same outcomes, the head as ranges into the bytes.
  public enum HeadRangesResult: Sendable {
    case needMore
    case complete(HTTPRequestHeadRanges, framing: BodyFraming, headLength: Int)
    case failure(HTTPError)
  }

  private var reader: HTTPHeadReader
  /// The request line, once read: method, where the target lies, and minor version.
  private var requestLine: (method: HTTPMethod, target: Range<Int>, minorVersion: Int)?

  public init(limits: HTTPLimits = HTTPLimits()) {
    reader = HTTPHeadReader(limits: limits, startLineTooLong: .uriTooLong)
  }

  /// Prepares for the next request on the same connection.
  public mutating func reset() {
    reader.reset()
    requestLine = nil
  }

  /// - Parameter buffer: the bytes received so far, starting at the request's first byte.
  ///   After `.needMore`, call again with the same bytes plus what arrived since; the parser
  ///   remembers how far it got. After `.complete` or `.failure`, call ``reset()`` first.
  public mutating func parseHead(_ buffer: UnsafeRawBufferPointer) -> HeadResult {
    switch parseHeadRanges(buffer) {
    case .needMore: .needMore
    case .failure(let error): .failure(error)
    case .complete(let ranges, let framing, let headLength):
      .complete(ranges.head(in: buffer), framing: framing, headLength: headLength)
    }
  }

  /// Parses as ``parseHead(_:)`` does, without building Strings: the head comes back as
  /// ranges into `buffer` (a proxy copies them out as they are).
  public mutating func parseHeadRanges(_ buffer: UnsafeRawBufferPointer) -> HeadRangesResult {
    while true {
      switch reader.advance(buffer) {
      case .needMore:
        return .needMore
      case .failure(let error):
        return .failure(error)
      case .startLine(let range):
        do {
          requestLine = try Self.requestLine(buffer, range)
        } catch {
          return .failure(error)
        }
      case .complete(let headLength):
        guard let line = requestLine else {
          return .failure(HTTPError(.badRequest, "missing request line"))
        }
        let head = HTTPRequestHeadRanges(
          method: line.method, target: line.target, minorVersion: line.minorVersion,
          fields: reader.fields)
        do {
          return .complete(
            head, framing: try Self.framing(of: head, in: buffer), headLength: headLength)
        } catch {
          return .failure(error)
        }
      }
    }
  }

  /// RFC 9112 §3: `request-line = method SP request-target SP HTTP-version`, single spaces.
  private static func requestLine(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>)
    throws(HTTPError) -> (method: HTTPMethod, target: Range<Int>, minorVersion: Int)
  {
    let line = UnsafeRawBufferPointer(rebasing: buffer[range])
    guard let firstSpace = line.firstIndex(of: HTTPGrammar.space),
      let secondSpace = line[(firstSpace + 1)...].firstIndex(of: HTTPGrammar.space)
    else { throw HTTPError(.badRequest, "malformed request line") }
    let method = UnsafeRawBufferPointer(rebasing: line[..<firstSpace])
    let target = UnsafeRawBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
    let version = UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...])
    guard HTTPGrammar.isToken(method) else { throw HTTPError(.badRequest, "method is not a token") }
    let minor: Int
    switch HTTPGrammar.version(version) {
    case .supported(let value): minor = value
    case .unsupported:
      throw HTTPError(.httpVersionNotSupported, "only HTTP/1.0 and HTTP/1.1 are supported")
    case .malformed: throw HTTPError(.badRequest, "malformed HTTP version")
    }
    if let problem = HTTPGrammar.targetProblem(target, method: method) {
      throw HTTPError(.badRequest, problem)
    }
    let start = range.lowerBound
    return (HTTPMethod(token: method), (start + firstSpace + 1)..<(start + secondSpace), minor)
  }

  /// RFC 9112 §3.2 (exactly one valid `Host` in HTTP/1.1, never two) and §6.1–§6.3 (body framing).
  private static func framing(of head: HTTPRequestHeadRanges, in bytes: UnsafeRawBufferPointer)
    throws(HTTPError) -> BodyFraming
  {
    var hosts = 0
    for field in head.fields where field.isNamed("host", in: bytes) {
      hosts += 1
      if !field.value(in: bytes).allSatisfy(HTTPGrammar.isHostByte) {
        throw HTTPError(.badRequest, "invalid Host")
      }
    }
    if hosts > 1 { throw HTTPError(.badRequest, "more than one Host field") }
    if hosts == 0, head.minorVersion >= 1 {
      throw HTTPError(.badRequest, "HTTP/1.1 request without Host")
    }

    let coding = try HTTPFraming.transferCoding(head.fields, in: bytes)
    let length = try HTTPFraming.contentLength(head.fields, in: bytes)
    switch coding {
    case .absent:
      return length.map(BodyFraming.contentLength) ?? .none
    case .chunked, .unsupported:
      // §6.1: a sender must not send both; a server may reject, and we do, as smuggling.
      if length != nil { throw HTTPError(.badRequest, "both Transfer-Encoding and Content-Length") }
      // §6.1: Transfer-Encoding was added in HTTP/1.1; in a 1.0 message it cannot be trusted.
      if head.minorVersion == 0 {
        throw HTTPError(.badRequest, "Transfer-Encoding in an HTTP/1.0 request")
      }
      if case .unsupported(let name) = coding {
        throw HTTPError(.notImplemented, "unsupported transfer coding \(name)")
      }
      return .chunked
    }
  }
}
