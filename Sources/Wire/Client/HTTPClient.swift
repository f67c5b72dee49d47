/// A small HTTP/1.1 client over plain TCP with a keep-alive pool per address, for health
/// checks, tests and the proxy. `send` blocks its thread (the async `send` runs it on a
/// thread of its own, never on the cooperative pool); every wait has a deadline.
///
/// ```swift
/// let client = HTTPClient()
/// let response = try client.send(HTTPClientRequest(target: "/ready"), to: SocketAddress("127.0.0.1:9901")!)
/// ```
public final class HTTPClient: Sendable {
  public let configuration: Configuration
  let pool: HTTPConnectionPool

  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
    pool = HTTPConnectionPool(
      maxPerAddress: configuration.maxIdleConnectionsPerHost, idleTimeout: configuration.idleTimeout
    )
  }

  /// Sends `request` and reads the whole response, blocking the calling thread.
  ///
  /// Uses an idle pooled connection when there is one; if that connection turns out to have
  /// been closed by the peer before any response byte arrived, the request is sent once more
  /// on a fresh connection (and only then). The connection goes back to the pool only when
  /// the response was read completely and both sides allow keep-alive (RFC 9112 §9.3).
  public func send(_ request: HTTPClientRequest, to address: SocketAddress) throws(HTTPClientError)
    -> HTTPClientResponse
  {
    let message = try encode(request, for: address)
    let keepAlive = !request.headers.hasToken("close", in: "Connection")
    if let pooled = pool.take(address) {
      let outcome = try exchange(message, method: request.method, on: pooled, reused: true)
      if let response = finish(outcome, keepAlive: keepAlive, address: address) { return response }
    }
    let connection = try HTTPClientConnection.open(
      to: address, timeout: configuration.connectTimeout)
    let outcome = try exchange(message, method: request.method, on: connection, reused: false)
    guard let response = finish(outcome, keepAlive: keepAlive, address: address) else {
      throw .connectionClosed
    }
    return response
  }

  /// Sends `request` without blocking the caller's executor: the blocking `send` runs on a
  /// thread of its own (Dispatch's global queues are as narrow as the core count and stall
  /// when several calls block at once) and resumes the caller when done.
  public func send(_ request: HTTPClientRequest, to address: SocketAddress) async throws
    -> HTTPClientResponse
  {
    try await withCheckedThrowingContinuation { continuation in
      LoopThread.detached(name: "http-client") {
        continuation.resume(
          with: Result { () throws(HTTPClientError) in try self.send(request, to: address) })
      }
    }
  }

  /// Closes the idle pooled connections (connections in use close when their request ends).
  public func close() {
    pool.close()
  }

  /// Returns the response of a completed exchange, pooling its connection when allowed;
  /// `nil` for a reused connection found closed before the response began.
  private func finish(_ outcome: ExchangeOutcome, keepAlive: Bool, address: SocketAddress)
    -> HTTPClientResponse?
  {
    switch outcome {
    case .closedBeforeResponse(let connection):
      connection.close()
      return nil
    case .response(let response, let connection, let reusable):
      if keepAlive && reusable && response.head.allowsKeepAlive {
        pool.put(connection, for: address)
      } else {
        connection.close()
      }
      return response
    }
  }

  /// Checks `request` and writes its head and body (RFC 9112 §3, §6.2), adding `Host` and
  /// `Content-Length` when missing. Refuses what could not be sent faithfully: a method that
  /// is not a token, a target unfit for the method, a field with CR/LF/NUL, a caller's
  /// `Transfer-Encoding`, or a `Content-Length` that does not match the body.
  private func encode(_ request: HTTPClientRequest, for address: SocketAddress)
    throws(HTTPClientError) -> [UInt8]
  {
    let method = Array(request.method.rawValue.utf8)
    let target = Array(request.target.utf8)
    let problem = method.withUnsafeBytes { method in
      target.withUnsafeBytes { target in
        HTTPGrammar.isToken(method)
          ? HTTPGrammar.targetProblem(target, method: method) : "method is not a token"
      }
    }
    if let problem { throw .invalidRequest(HTTPError(.badRequest, problem)) }
    var headers = request.headers
    for field in headers where !HTTPGrammar.isSafeField(name: field.name, value: field.value) {
      throw .invalidRequest(HTTPError(.badRequest, "unsafe header field \(field.name)"))
    }
    if headers.contains("Transfer-Encoding") {
      throw .invalidRequest(
        HTTPError(.badRequest, "the client frames bodies with Content-Length only"))
    }
    let length: Int?
    do {
      length = try HTTPFraming.contentLength(headers)
    } catch {
      throw .invalidRequest(error)
    }
    if let length, length != request.body.count {
      throw .invalidRequest(HTTPError(.badRequest, "Content-Length does not match the body"))
    }
    if !headers.contains("Host") { headers.add("Host", address.description) }
    if length == nil, !request.body.isEmpty || [.post, .put, .patch].contains(request.method) {
      headers.add("Content-Length", String(request.body.count))
    }
    var message: [UInt8] = []
    message.reserveCapacity(256 + request.body.count)
    HTTPSerializer.appendRequestHead(
      method: request.method, target: request.target, headers: headers, into: &message)
    message.append(contentsOf: request.body)
    return message
  }
}
