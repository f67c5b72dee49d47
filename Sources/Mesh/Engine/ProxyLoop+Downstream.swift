import CLinux
import Glibc
import Wire

extension ProxyLoop {
  func downstreamEvent(_ events: UInt32, _ connection: DownstreamConnection) {
    if events & CLINUX_EPOLLOUT != 0, !connection.output.isEmpty {
      flushDownstream(connection)
      if connection.isClosed { return }
    }
    if events & (CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
      connection.peerClosed = true
    }
    if events & (CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
      readDownstream(connection)
    }
  }

  /// Reads what the client sent and acts on it. A read that does not fill the buffer drained
  /// the socket (edge-triggered epoll reports the next arrival), so no read ends in EAGAIN
  /// on the common path.
  func readDownstream(_ connection: DownstreamConnection) {
    while !connection.isClosed {
      if let upstream = connection.upstream, !upstream.output.isEmpty {
        connection.inputStalled = true  // backpressure: the upstream is not taking the body
        return
      }
      let buffer = connection.input ?? buffers.take()
      connection.input = buffer
      if buffer.freeSpace == 0 {
        let limit = connection.phase == .head ? headLimit : buffer.capacity
        if !buffer.makeRoom(limit: limit) {
          connection.inputStalled = true
          return
        }
      }
      connection.inputStalled = false
      let space = buffer.freeSpace
      let count = buffer.read(from: connection.descriptor)
      if count > 0 {
        processDownstream(connection)
        if count < space, !connection.peerClosed {
          releaseInputIfEmpty(connection)
          return
        }
        continue
      }
      if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
        releaseInputIfEmpty(connection)
        return
      }
      downstreamEnded(connection)
      return
    }
  }

  func releaseInputIfEmpty(_ connection: DownstreamConnection) {
    if let buffer = connection.input, buffer.isEmpty {
      buffers.give(buffer)
      connection.input = nil
    }
  }

  /// Acts on the buffered input: parses heads, starts exchanges, forwards request bodies.
  /// Pipelined requests wait in the buffer until the exchange before them ends.
  func processDownstream(_ connection: DownstreamConnection) {
    while let buffer = connection.input, !buffer.isEmpty, !connection.isClosed {
      switch connection.phase {
      case .head:
        guard connection.output.isEmpty else { return }  // the last response is still going out
        switch connection.parser.parseHeadRanges(buffer.readable) {
        case .needMore:
          if !connection.headStarted {
            connection.headStarted = true
            arm(&connection.deadline, after: headerTimeout)
          }
          return
        case .failure(let error):
          rejectRequest(connection, error)
          return
        case .complete(let head, let framing, let headLength):
          connection.request.copy(head, from: buffer.readable)
          buffer.consume(headLength)
          connection.parser.reset()
          connection.headStarted = false
          startExchange(connection, framing: framing)
        }
      case .body:
        forwardRequestBody(connection)
        if connection.phase == .body { return }
      case .waiting, .closing:
        return
      }
    }
  }

  /// A request that cannot be parsed is answered (400, 413, 414, 431, 501, 505) and never
  /// forwarded; the connection closes, since where the next request starts is unknown.
  private func rejectRequest(_ connection: DownstreamConnection, _ error: HTTPError) {
    scratch.removeAll(keepingCapacity: true)
    LocalReply(status: error.status, body: error.message)
      .append(headOnly: false, persistence: .close, into: &scratch)
    connection.phase = .closing
    connection.input?.clear()
    sendDownstream(connection, head: scratch, body: UnsafeRawBufferPointer(start: nil, count: 0))
    if !connection.isClosed, connection.output.isEmpty { closeDownstream(connection) }
  }

  /// Forwards the body bytes in the buffer to the upstream, unless the upstream is still
  /// taking earlier ones.
  func forwardRequestBody(_ connection: DownstreamConnection) {
    guard let upstream = connection.upstream, upstream.output.isEmpty,
      let buffer = connection.input
    else { return }
    let count: Int
    do {
      count = try connection.requestBody.advance(over: buffer.readable, decoded: &decoded)
    } catch {
      decoded.removeAll(keepingCapacity: true)
      replyLocally(connection, LocalReply(status: error.status, body: error.message), flag: [])
      return
    }
    decoded.removeAll(keepingCapacity: true)
    let body = UnsafeRawBufferPointer(rebasing: buffer.readable[..<count])
    connection.exchange?.bytesReceived += count
    guard upstream.output.send(upstream.descriptor, head: .init(start: nil, count: 0), body: body)
    else {
      buffer.consume(count)
      upstreamFailed(upstream, reset: true)
      return
    }
    buffer.consume(count)
    if connection.requestBody.isFinished {
      requestSent(connection)
    } else {
      armBodyIdle(connection)
    }
  }

  /// While the request body streams upstream, the stream may idle for the route's idle
  /// timeout (else the listener's).
  func armBodyIdle(_ connection: DownstreamConnection) {
    let idle = connection.exchange?.idleTimeout ?? 0
    arm(&connection.deadline, after: idle > 0 ? idle : idleTimeout)
  }

  /// The whole request went upstream: the route timeout runs from here (Envoy measures it
  /// from the end of the downstream request).
  func requestSent(_ connection: DownstreamConnection) {
    connection.phase = .waiting
    connection.exchange?.requestComplete = true
    guard let exchange = connection.exchange else { return }
    if exchange.routeDeadline == 0, exchange.routeTimeout > 0 {
      exchange.routeDeadline = now &+ exchange.routeTimeout
    }
    exchange.tryDeadline = exchange.perTryTimeout.map { now &+ $0 } ?? 0
    exchange.idleDeadline = exchange.idleTimeout > 0 ? now &+ exchange.idleTimeout : 0
    armExchangeDeadline(connection, exchange)
  }

  /// Arms the connection for the earliest of the route, per-try and idle deadlines.
  func armExchangeDeadline(_ connection: DownstreamConnection, _ exchange: Exchange) {
    // 0 is "none": as UInt64.max - 0 it sorts after every real deadline.
    let deadline =
      min(
        exchange.routeDeadline &- 1, exchange.tryDeadline &- 1, exchange.idleDeadline &- 1) &+ 1
    connection.deadline = 0
    if deadline != 0 { arm(&connection.deadline, after: deadline &- min(now, deadline)) }
  }

  /// Sends bytes to the client; a write error closes the connection.
  func sendDownstream(
    _ connection: DownstreamConnection, head: [UInt8], body: UnsafeRawBufferPointer
  ) {
    let ok = head.withUnsafeBytes {
      connection.output.send(connection.descriptor, head: $0, body: body)
    }
    if ok {
      connection.exchange?.bytesSent += body.count
    } else {
      downstreamEnded(connection)
    }
  }

  /// The client can take more: send what waits, then resume the upstream it was holding back.
  func flushDownstream(_ connection: DownstreamConnection) {
    guard connection.output.flush(connection.descriptor) else {
      downstreamEnded(connection)
      return
    }
    guard connection.output.isEmpty else { return }
    if connection.phase == .closing {
      closeDownstream(connection)
    } else if let upstream = connection.upstream, upstream.inputStalled {
      upstream.inputStalled = false
      readUpstream(upstream)
    } else if connection.phase == .head {
      resumeDownstream(connection)
    }
  }

  /// Carries on with pipelined requests and input held back, after an exchange ended or the
  /// upstream drained.
  func resumeDownstream(_ connection: DownstreamConnection) {
    guard !connection.isClosed else { return }
    processDownstream(connection)
    if !connection.isClosed, connection.inputStalled { readDownstream(connection) }
  }

  /// The client closed or reset its connection. During an exchange that is Envoy's
  /// downstream connection termination (`DC`): the upstream connection is dropped too.
  func downstreamEnded(_ connection: DownstreamConnection) {
    guard !connection.isClosed else { return }
    if let exchange = connection.exchange {
      if !exchange.responseComplete {
        connection.exchange?.flags.insert(.downstreamConnectionTermination)
      }
      finishExchange(connection, downstreamGone: true)
    }
    closeDownstream(connection)
  }

  /// What a downstream deadline means depends on where the connection is.
  func downstreamDeadlinePassed(_ connection: DownstreamConnection) {
    switch connection.phase {
    case .head where connection.headStarted:
      rejectRequest(connection, HTTPError(.requestTimeout, "request header timeout"))
    case .head, .closing:
      closeDownstream(connection)
    case .body:
      // A held request (toxics) runs against its route timeout; else the body idled.
      if let exchange = connection.exchange, exchange.routeDeadline != 0,
        now >= exchange.routeDeadline
      {
        upstreamTimedOut(connection)
      } else {
        streamIdled(connection)
      }
    case .waiting:
      if let exchange = connection.exchange, exchange.idleDeadline != 0,
        exchange.routeDeadline == 0 || now < exchange.routeDeadline,
        exchange.tryDeadline == 0 || now < exchange.tryDeadline
      {
        // Bytes came since the idle deadline was armed: it moved; else it passed.
        if now < exchange.idleDeadline {
          armExchangeDeadline(connection, exchange)
        } else {
          streamIdled(connection)
        }
      } else if let exchange = connection.exchange,
        exchange.routeDeadline == 0 || now < exchange.routeDeadline,
        exchange.perTryTimeout != nil, connection.upstream != nil
      {
        exchange.cluster?.stats.count(.upstreamPerTryTimeouts)
        tryFailed(
          connection, .perTryTimeout, flag: .upstreamRequestTimeout,
          reply: LocalReply(status: .gatewayTimeout, body: "upstream request timeout"))
      } else {
        upstreamTimedOut(connection)
      }
    }
  }

  /// The stream idled past its idle timeout (Envoy's stream idle timeout, flag `SI`): 408
  /// `stream timeout` while no response has begun, else the connection is reset.
  func streamIdled(_ connection: DownstreamConnection) {
    listenerStats.count(.downstreamRequestIdleTimeouts)
    replyLocally(
      connection, LocalReply(status: .requestTimeout, body: "stream timeout"),
      flag: .streamIdleTimeout)
    resumeDownstream(connection)
  }

  func closeDownstream(_ connection: DownstreamConnection) {
    guard !connection.isClosed else { return }
    connection.isClosed = true
    if let upstream = connection.upstream {
      connection.upstream = nil
      upstream.downstream = nil
      closeUpstream(upstream)
    }
    connection.output.discard()
    if let buffer = connection.input {
      buffers.give(buffer)
      connection.input = nil
    }
    Glibc.close(connection.descriptor)
    releaseSlot(connection.token)
    listenerStats.decrement(.downstreamConnectionsActive)
  }
}
