import Glibc

/// Turning bytes into requests and responses back into bytes, for one connection at a time.
extension LoopRunner {
  /// Parses and answers as many buffered requests as the connection's state allows.
  func process(_ connection: HTTPConnection) {
    while true {
      switch connection.state {
      case .head:
        guard connection.bufferedInput > 0 else { return }
        if connection.headStartedAt == 0 { connection.headStartedAt = now }
        let result = connection.input.withUnsafeBytes { bytes in
          connection.parser.parseHead(
            UnsafeRawBufferPointer(rebasing: bytes[connection.inputStart...]))
        }
        switch result {
        case .needMore:
          return
        case .failure(let error):
          respondAndClose(connection, head: nil, error: error)
          return
        case .complete(let head, let framing, let headLength):
          connection.consumeInput(headLength)
          connection.headStartedAt = 0
          connection.parser.reset()
          begin(connection, head: head, framing: framing)
        }
      case .body(let remaining):
        let take = min(remaining, connection.bufferedInput)
        guard take > 0 else { return }
        connection.pending!.body.append(
          contentsOf: connection.input[connection.inputStart..<(connection.inputStart + take)])
        connection.consumeInput(take)
        if take == remaining {
          dispatch(connection)
        } else {
          connection.state = .body(remaining: remaining - take)
          return
        }
      case .chunked(var decoder):
        guard connection.bufferedInput > 0 else { return }
        do {
          var body = connection.pending!.body
          connection.pending!.body = []
          let (consumed, finished) = try connection.input.withUnsafeBytes { bytes in
            try decoder.decode(
              UnsafeRawBufferPointer(rebasing: bytes[connection.inputStart...]), into: &body)
          }
          connection.pending!.body = body
          connection.consumeInput(consumed)
          if finished {
            dispatch(connection)
          } else {
            connection.state = .chunked(decoder)
            return
          }
        } catch {
          respondAndClose(connection, head: connection.pending?.head, error: error)
          return
        }
      case .waiting, .streaming, .closing, .lingering, .closed:
        return
      }
    }
  }

  /// A head is complete: route it, check its body against the route's limit, and either
  /// answer now or start reading the body.
  private func begin(_ connection: HTTPConnection, head: HTTPRequestHead, framing: BodyFraming) {
    connection.plan = HTTPConnection.ResponsePlan(
      isHeadRequest: head.method == .head, minorVersion: head.minorVersion,
      keepAlive: head.wantsKeepAlive && !draining, startedAt: now)
    var pending = HTTPConnection.PendingRequest(
      head: head, route: nil, parameters: [:], routingError: nil, body: [])
    var bodyLimit = core.limits.maxBody
    switch core.router.match(method: head.method, path: head.path) {
    case .found(let route, let parameters):
      pending.route = route
      pending.parameters = parameters
      bodyLimit = route.bodyLimit
    case .methodNotAllowed(let allowed):
      pending.allowedMethods = allowed
      pending.routingError = HTTPError(
        .methodNotAllowed,
        "\(head.method) is not allowed here; try \(allowed.map(\.rawValue).joined(separator: ", "))"
      )
    case .notFound:
      pending.routingError = HTTPError(.notFound, "Nothing here.")
    }
    connection.pending = pending

    // RFC 9110 §10.1.1: the only expectation defined is 100-continue.
    let expect = head.headers["Expect"]
    if let expect, !expect.equalsIgnoringASCIICase("100-continue") {
      respondAndClose(
        connection, head: head, error: HTTPError(.expectationFailed, "Unsupported expectation."))
      return
    }
    switch framing {
    case .none, .untilClose, .contentLength(0):
      dispatch(connection)
    case .contentLength(let length):
      guard length <= bodyLimit else {
        respondAndClose(
          connection, head: head,
          error: HTTPError(.contentTooLarge, "The body is larger than \(bodyLimit) bytes."))
        return
      }
      sendContinueIfExpected(connection, expect: expect)
      connection.state = .body(remaining: length)
    case .chunked:
      sendContinueIfExpected(connection, expect: expect)
      connection.state = .chunked(ChunkedDecoder(maxBody: bodyLimit, limits: core.limits))
    }
  }

  /// Sends `100 Continue` when the client waits for it and has not started the body.
  private func sendContinueIfExpected(_ connection: HTTPConnection, expect: String?) {
    guard expect != nil, connection.plan!.minorVersion >= 1, connection.bufferedInput == 0 else {
      return
    }
    connection.output.append(contentsOf: Self.continueLine)
  }

  private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

  /// The request is complete: run its handler inline, or as a task whose answer comes back
  /// to this loop through the mailbox.
  private func dispatch(_ connection: HTTPConnection) {
    guard let pending = connection.pending.take() else { return }
    if let error = pending.routingError {
      var response = core.errorPage(pending.head, error)
      if !pending.allowedMethods.isEmpty {
        response.headers.set(
          "Allow", pending.allowedMethods.map(\.rawValue).joined(separator: ", "))
      }
      respond(connection, response)
      return
    }
    let request = HTTPRequest(
      head: pending.head, body: pending.body, remoteAddress: connection.remoteAddress,
      pathParameters: pending.parameters)
    switch pending.route!.handler {
    case .inline(let handler):
      let response: HTTPResponse
      do {
        response = try handler(request)
      } catch {
        response = errorResponse(for: error, head: pending.head)
      }
      respond(connection, response)
    case .task(let handler):
      connection.state = .waiting
      let loop = self.loop
      let id = connection.id
      let core = self.core
      Task {
        let response: HTTPResponse
        do {
          response = try await handler(request)
        } catch let error as HTTPError {
          response = core.errorPage(request.head, error)
        } catch {
          core.log("handler for \(request.method) \(request.path) failed: \(error)")
          response = core.errorPage(
            request.head, HTTPError(.internalServerError, "Something went wrong on our side."))
        }
        loop.execute { runner in runner.complete(connectionID: id, response) }
      }
    }
  }

  private func errorResponse(for error: any Error, head: HTTPRequestHead) -> HTTPResponse {
    if let error = error as? HTTPError { return core.errorPage(head, error) }
    core.log("handler for \(head.method) \(head.path) failed: \(error)")
    return core.errorPage(
      head, HTTPError(.internalServerError, "Something went wrong on our side."))
  }

  /// An async handler finished: answer, then carry on with any pipelined requests.
  func complete(connectionID: UInt64, _ response: HTTPResponse) {
    guard let connection = connections[connectionID], case .waiting = connection.state else {
      return
    }
    respond(connection, response)
    process(connection)
    flush(connection)
  }

  /// Answers a request the server refuses before any handler (bad syntax, limits, timeouts),
  /// then closes: after such an error the framing of what follows cannot be trusted.
  func respondAndClose(_ connection: HTTPConnection, head: HTTPRequestHead?, error: any Error) {
    let httpError = error as? HTTPError ?? HTTPError(.badRequest, "Malformed request.")
    connection.pending = nil
    if connection.plan == nil {
      connection.plan = HTTPConnection.ResponsePlan(
        isHeadRequest: head?.method == .head, minorVersion: head?.minorVersion ?? 1,
        keepAlive: false,
        startedAt: now)
    }
    connection.plan!.keepAlive = false
    respond(connection, core.errorPage(head, httpError))
  }

  /// Serializes `response` for the planned answer and moves the connection on.
  func respond(_ connection: HTTPConnection, _ response: HTTPResponse) {
    guard let plan = connection.plan.take() else { return }
    var keepAlive =
      plan.keepAlive && !draining && !response.headers.hasToken("close", in: "Connection")
    let status = response.status
    let sendsBody = !plan.isHeadRequest && status.mayHaveBody
    let minorVersion = plan.minorVersion
    metrics.recordRequest(status: status.code, nanoseconds: now &- plan.startedAt)

    var chunked = false
    var contentLength: Int?
    switch response.body {
    case .bytes(let bytes):
      if status.mayHaveBody && status.code != 204 { contentLength = bytes.count }
    case .stream:
      if sendsBody {
        if minorVersion >= 1 { chunked = true } else { keepAlive = false }
      } else if status.mayHaveBody {
        contentLength = 0
      }
    }

    HTTPSerializer.appendStatusLine(status, into: &connection.output)
    if let prepared = response.preparedBytes {
      connection.output.append(contentsOf: prepared)
    } else {
      for field in response.headers
      where !PreparedHeaders.isServerOwned(field.name) && !isFixedField(field.name) {
        HTTPSerializer.appendField(name: field.name, value: field.value, into: &connection.output)
      }
    }
    connection.output.append(contentsOf: core.fixedFields)
    connection.output.append(contentsOf: currentDateField())
    if let contentLength {
      HTTPSerializer.appendField(
        name: "Content-Length", value: String(contentLength), into: &connection.output)
    }
    if chunked { connection.output.append(contentsOf: Self.chunkedField) }
    if !keepAlive {
      connection.output.append(contentsOf: Self.closeField)
    } else if minorVersion == 0 {
      connection.output.append(contentsOf: Self.keepAliveField)
    }
    connection.output.append(13)
    connection.output.append(10)

    switch response.body {
    case .bytes(let bytes):
      if sendsBody { connection.output.append(contentsOf: bytes) }
      connection.state = keepAlive ? .head : .closing
    case .stream(let producer):
      guard sendsBody else {
        connection.state = keepAlive ? .head : .closing
        return
      }
      let writer = StreamWriter(loop: loop, connectionID: connection.id)
      connection.state = .streaming(writer, chunked: chunked, keepAlive: keepAlive)
      producer(writer)
    }
  }

  /// A streaming response wrote `bytes`: frame them and flush now.
  func streamWrite(connectionID: UInt64, writer: StreamWriter, _ bytes: [UInt8]) {
    guard let connection = connections[connectionID],
      case .streaming(let current, let chunked, _) = connection.state, current === writer
    else { return }
    if chunked {
      HTTPSerializer.appendChunk(bytes, into: &connection.output)
    } else {
      connection.output.append(contentsOf: bytes)
    }
    flush(connection)
    if connection.output.count - connection.outputStart > core.maxStreamBacklog {
      core.log(
        "closing a stream to \(connection.remoteAddress?.description ?? "?"): the client reads too slowly"
      )
      close(connection)
    }
  }

  /// A streaming response ended: close the body and go on with the next request.
  func streamFinish(connectionID: UInt64, writer: StreamWriter) {
    guard let connection = connections[connectionID],
      case .streaming(let current, let chunked, let keepAlive) = connection.state,
      current === writer
    else { return }
    writer.markClosed()
    if chunked { HTTPSerializer.appendLastChunk(into: &connection.output) }
    connection.state = keepAlive && !draining ? .head : .closing
    process(connection)
    flush(connection)
  }

  /// A client that is too slow to send its head or body gets 408 (RFC 9110 §15.5.9) and is closed.
  func timeOut(_ connection: HTTPConnection) {
    let head = connection.pending?.head
    respondAndClose(
      connection, head: head,
      error: HTTPError(.requestTimeout, "The request took too long to arrive."))
    flush(connection)
  }

  private func isFixedField(_ name: String) -> Bool {
    core.fixedNames.contains { $0.equalsIgnoringASCIICase(name) }
  }

  private static let chunkedField = Array("Transfer-Encoding: chunked\r\n".utf8)
  private static let closeField = Array("Connection: close\r\n".utf8)
  private static let keepAliveField = Array("Connection: keep-alive\r\n".utf8)
}
