import Glibc

extension HTTPClient {
  /// How one request/response exchange on a connection ended.
  enum ExchangeOutcome {
    /// A complete response; `reusable` when the connection is at a clean message boundary
    /// (nothing extra received, body not delimited by close).
    case response(HTTPClientResponse, HTTPClientConnection, reusable: Bool)
    /// A reused connection was closed by the peer before any response byte: safe to retry.
    case closedBeforeResponse(HTTPClientConnection)
  }

  /// Writes `message` and reads the response within `responseTimeout`, skipping interim 1xx
  /// responses (RFC 9110 §15.2). On error the connection is closed.
  func exchange(
    _ message: [UInt8], method: HTTPMethod, on connection: HTTPClientConnection, reused: Bool
  )
    throws(HTTPClientError) -> ExchangeOutcome
  {
    let deadline = ContinuousClock.now + configuration.responseTimeout
    var buffer: [UInt8] = []
    do throws(HTTPClientError) {
      try connection.write(message, until: deadline)
      var parser = HTTPResponseParser(limits: configuration.limits)
      var start = 0
      while true {
        switch buffer[start...].withUnsafeBytes({ parser.parseHead($0, requestMethod: method) }) {
        case .needMore:
          if try connection.read(into: &buffer, until: deadline) == 0 {
            throw HTTPClientError.connectionClosed
          }
        case .failure(let error):
          throw HTTPClientError.invalidResponse(error)
        case .complete(let head, let framing, let headLength):
          start += headLength
          if head.status.statusClass == 1 && head.status.code != 101 {
            parser.reset()
            continue
          }
          let (body, reusable) = try readBody(
            framing, buffer: &buffer, from: start, connection: connection, deadline: deadline)
          let upgraded = head.status.code == 101
          return .response(
            HTTPClientResponse(head: head, body: body), connection, reusable: reusable && !upgraded)
        }
      }
    } catch {
      if reused && buffer.isEmpty && Self.isPeerClose(error) {
        return .closedBeforeResponse(connection)
      }
      connection.close()
      throw error
    }
  }

  /// A sign that the peer had closed an idle connection: EOF, reset, or a broken pipe.
  private static func isPeerClose(_ error: HTTPClientError) -> Bool {
    switch error {
    case .connectionClosed: true
    case .connectionFailed(let failure): failure.errno == ECONNRESET || failure.errno == EPIPE
    default: false
    }
  }

  /// Reads the body as `framing` says (RFC 9112 §6.3), bounded by `maxResponseBody`.
  /// - Returns: the body, and whether the connection ended exactly at the response's end.
  private func readBody(
    _ framing: BodyFraming, buffer: inout [UInt8], from start: Int,
    connection: HTTPClientConnection,
    deadline: ContinuousClock.Instant
  ) throws(HTTPClientError) -> (body: [UInt8], reusable: Bool) {
    let limit = configuration.maxResponseBody
    switch framing {
    case .none:
      return ([], buffer.count == start)
    case .contentLength(let length):
      guard length <= limit else { throw .bodyTooLarge }
      while buffer.count - start < length {
        if try connection.read(into: &buffer, until: deadline) == 0 { throw .connectionClosed }
      }
      return (Array(buffer[start..<(start + length)]), buffer.count == start + length)
    case .chunked:
      return try readChunked(
        buffer: &buffer, from: start, connection: connection, deadline: deadline)
    case .untilClose:
      var body = Array(buffer[start...])
      while body.count <= limit {
        if try connection.read(into: &body, until: deadline) == 0 { return (body, false) }
      }
      throw .bodyTooLarge
    }
  }

  /// Feeds the chunked decoder until the last chunk and trailers are in.
  private func readChunked(
    buffer: inout [UInt8], from start: Int, connection: HTTPClientConnection,
    deadline: ContinuousClock.Instant
  ) throws(HTTPClientError) -> (body: [UInt8], reusable: Bool) {
    var decoder = ChunkedDecoder(
      maxBody: configuration.maxResponseBody, limits: configuration.limits)
    var body: [UInt8] = []
    var offset = start
    while true {
      let step = buffer[offset...].withUnsafeBytes { pending in
        Result { () throws(HTTPError) in try decoder.decode(pending, into: &body) }
      }
      switch step {
      case .success(let progress) where progress.finished:
        return (body, offset + progress.consumed == buffer.count)
      case .success:
        buffer.removeAll(keepingCapacity: true)
        offset = 0
        if try connection.read(into: &buffer, until: deadline) == 0 { throw .connectionClosed }
      case .failure(let error) where error.status == .contentTooLarge:
        throw .bodyTooLarge
      case .failure(let error):
        throw .invalidResponse(HTTPError(.badGateway, "invalid chunked body: \(error.message)"))
      }
    }
  }
}
