import CLinux
import Glibc
import Wire

extension ProxyLoop {
  /// An idle pooled connection to `host`, or a new one (connecting in the background), or
  /// `nil` when the cluster's `max_connections` breaker is full.
  func acquireUpstream(_ host: UpstreamHost, in cluster: UpstreamCluster) throws(SystemCallError)
    -> UpstreamConnection?
  {
    if let pooled = host.idle.popLast() { return pooled }
    guard cluster.breaker.tryAcquire(.connection) else {
      cluster.stats.count(.upstreamConnectionOverflows)
      return nil
    }
    let descriptor: Int32
    let connected: Bool
    do {
      (descriptor, connected) = try Socket.connect(to: host.address)
    } catch {
      cluster.breaker.release(.connection)
      throw error
    }
    let token = reserveSlot()
    do {
      try register(descriptor, events: Self.connectionEvents, token: token)
    } catch {
      releaseSlot(token)
      Glibc.close(descriptor)
      cluster.breaker.release(.connection)
      throw error
    }
    let connection = UpstreamConnection(
      descriptor: descriptor, token: token, host: host, cluster: cluster, connected: connected)
    fill(token, with: .upstream(connection))
    host.stats.count(.connectionsTotal)
    host.stats.increment(.connectionsActive)
    host.clusterStats.count(.upstreamConnectionsTotal)
    host.clusterStats.increment(.upstreamConnectionsActive)
    if !connected { arm(&connection.deadline, after: connectTimeout) }
    return connection
  }

  /// Puts a connection back in its host's pool when it can carry another request; closes it
  /// otherwise.
  func releaseUpstream(_ connection: UpstreamConnection, reusable: Bool) {
    guard reusable, !connection.isClosed, connection.connected, connection.output.isEmpty,
      connection.input?.isEmpty ?? true, connection.keepAlive
    else {
      closeUpstream(connection)
      return
    }
    if let buffer = connection.input {
      buffers.give(buffer)
      connection.input = nil
    }
    connection.phase = .idle
    connection.inputStalled = false
    connection.parser.reset()
    connection.host.idle.append(connection)
    servePending(connection.cluster)
  }

  func upstreamEvent(_ events: UInt32, _ connection: UpstreamConnection) {
    if !connection.connected {
      guard events & (CLINUX_EPOLLOUT | CLINUX_EPOLLERR | CLINUX_EPOLLHUP) != 0 else { return }
      guard Socket.pendingError(connection.descriptor) == 0 else {
        connectFailed(connection)
        return
      }
      connection.connected = true
      connection.deadline = 0
    }
    if events & CLINUX_EPOLLOUT != 0, !connection.output.isEmpty {
      flushUpstream(connection)
      if connection.isClosed { return }
    }
    if events & (CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
      connection.peerClosed = true
    }
    if events & (CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
      readUpstream(connection)
    }
  }

  /// The upstream can take more: send what waits, then the request body held back.
  func flushUpstream(_ connection: UpstreamConnection) {
    guard connection.output.flush(connection.descriptor) else {
      upstreamFailed(connection, reset: true)
      return
    }
    if connection.output.isEmpty, let downstream = connection.downstream,
      downstream.phase == .body
    {
      resumeDownstream(downstream)
    }
  }

  /// Reads the response and forwards it; stops while the client is not taking what it got.
  func readUpstream(_ connection: UpstreamConnection) {
    guard connection.downstream != nil else {
      // Idle in the pool: the upstream closed it (or sent what nobody asked for).
      closeUpstream(connection)
      return
    }
    while !connection.isClosed, let downstream = connection.downstream {
      if !downstream.output.isEmpty
        || (downstream.exchange?.toxicPlan != nil && toxicsHoldResponse(downstream))
      {
        connection.inputStalled = true
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
      let space = buffer.freeSpace
      let count = buffer.read(from: connection.descriptor)
      if count > 0 {
        processUpstream(connection, downstream)
        if count < space, !connection.peerClosed {
          releaseUpstreamInputIfEmpty(connection)
          return
        }
        continue
      }
      if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
        releaseUpstreamInputIfEmpty(connection)
        return
      }
      upstreamFailed(connection, reset: count < 0)
      return
    }
  }

  private func releaseUpstreamInputIfEmpty(_ connection: UpstreamConnection) {
    if let buffer = connection.input, buffer.isEmpty {
      buffers.give(buffer)
      connection.input = nil
    }
  }

  /// Parses the response head, then forwards head and body bytes at hand in one write.
  private func processUpstream(
    _ connection: UpstreamConnection, _ downstream: DownstreamConnection
  ) {
    if let exchange = downstream.exchange, exchange.idleDeadline != 0 {
      exchange.idleDeadline = now &+ exchange.idleTimeout  // bytes came: the stream is not idle
    }
    while let buffer = connection.input, !buffer.isEmpty, connection.downstream === downstream,
      !downstream.isClosed
    {
      switch connection.phase {
      case .idle:
        closeUpstream(connection)
        return
      case .head:
        guard downstream.exchange != nil else { return }
        let received = buffer.readable
        switch connection.parser.parseHeadRanges(received, requestMethod: downstream.request.method)
        {
        case .needMore:
          return
        case .failure(let error):
          replyLocally(
            downstream,
            LocalReply(status: .badGateway, body: "upstream protocol error: \(error.message)"),
            flag: .upstreamProtocolError)
          resumeDownstream(downstream)
          return
        case .complete(let head, let framing, let headLength):
          // The consumed head stays in place until the next read into the buffer.
          buffer.consume(headLength)
          connection.parser.reset()
          if head.code / 100 == 1 {
            interimResponse(head.code, connection, downstream)
            continue
          }
          startResponse(head, in: received, framing: framing, connection, downstream)
        }
      case .body:
        forwardResponseBody(connection, downstream, head: [])
      }
      if connection.phase == .body, connection.responseBody.isFinished {
        responseEnded(connection, downstream)
        return
      }
    }
  }

  /// 1xx (RFC 9110 §15.2): `100 Continue` goes to the client, other interim answers are
  /// dropped; `101` would switch protocols, which this proxy does not do: 502.
  private func interimResponse(
    _ code: Int, _ connection: UpstreamConnection, _ downstream: DownstreamConnection
  ) {
    if code == 101 {
      replyLocally(
        downstream, LocalReply(status: .badGateway, body: "upstream switched protocols"),
        flag: .upstreamProtocolError)
      return
    }
    if code == 100, downstream.request.minorVersion == 1 {
      scratch.removeAll(keepingCapacity: true)
      scratch.append(literal: "HTTP/1.1 100 Continue\r\n\r\n")
      sendDownstream(downstream, head: scratch, body: UnsafeRawBufferPointer(start: nil, count: 0))
    }
  }

  /// Forwards a response head (`head` locates it in `received`) with the body bytes at hand,
  /// unless the retry policy covers its status.
  private func startResponse(
    _ head: HTTPResponseHeadRanges, in received: UnsafeRawBufferPointer, framing: BodyFraming,
    _ connection: UpstreamConnection, _ downstream: DownstreamConnection
  ) {
    guard let exchange = downstream.exchange else { return }
    if exchange.retryPolicy.retries(status: head.code) {
      exchange.serviceTimeMilliseconds = Int((now &- exchange.upstreamStart) / 1_000_000)
      exchange.status = head.code
      if retry(downstream) { return }
    }
    connection.keepAlive = head.allowsKeepAlive(in: received)
    connection.phase = .body
    connection.responseBody = BodyProgress(framing)
    connection.dechunk = framing == .chunked && downstream.request.minorVersion == 0
    // A body that ends at close cannot be followed by another response on this connection.
    if framing == .untilClose || connection.dechunk { exchange.keepAlive = false }
    let serviceTime = Int((now &- exchange.upstreamStart) / 1_000_000)
    exchange.serviceTimeMilliseconds = serviceTime
    exchange.status = head.code
    exchange.responseStarted = true
    let persistence: ForwardedHead.Persistence =
      !exchange.keepAlive ? .close : downstream.request.minorVersion == 0 ? .keepAlive : .implicit
    scratch.removeAll(keepingCapacity: true)
    ForwardedHead.appendResponse(
      head, in: received, serviceTimeMilliseconds: serviceTime, persistence: persistence,
      dechunk: connection.dechunk, into: &scratch)
    forwardResponseBody(connection, downstream, head: scratch)
  }

  /// Sends `head` (if any) and the response body bytes at hand to the client in one write.
  private func forwardResponseBody(
    _ connection: UpstreamConnection, _ downstream: DownstreamConnection, head: [UInt8]
  ) {
    guard let buffer = connection.input else {
      sendDownstream(downstream, head: head, body: UnsafeRawBufferPointer(start: nil, count: 0))
      return
    }
    let count: Int
    do {
      count = try connection.responseBody.advance(over: buffer.readable, decoded: &decoded)
    } catch {
      decoded.removeAll(keepingCapacity: true)
      if head.isEmpty {
        downstream.exchange?.flags.insert(.upstreamProtocolError)
        finishExchange(downstream, downstreamGone: true)
        closeDownstream(downstream)
      } else {
        replyLocally(
          downstream,
          LocalReply(status: .badGateway, body: "upstream protocol error: \(error.message)"),
          flag: .upstreamProtocolError)
      }
      return
    }
    if connection.dechunk {
      let chunkData = decoded
      decoded.removeAll(keepingCapacity: true)
      chunkData.withUnsafeBytes { sendDownstream(downstream, head: head, body: $0) }
    } else {
      decoded.removeAll(keepingCapacity: true)
      sendDownstream(
        downstream, head: head, body: UnsafeRawBufferPointer(rebasing: buffer.readable[..<count]))
    }
    buffer.consume(count)
  }

  /// The response is complete: the exchange ends and the client connection moves on.
  private func responseEnded(_ connection: UpstreamConnection, _ downstream: DownstreamConnection) {
    downstream.exchange?.responseComplete = true
    if !(downstream.exchange?.requestComplete ?? true) {
      // Answered before the request body ended: neither connection can be reused.
      downstream.exchange?.keepAlive = false
    }
    finishExchange(downstream)
    resumeDownstream(downstream)
  }

  /// The upstream closed or reset the connection. Before a response head: 503 `UC` (Envoy's
  /// "upstream connect error or disconnect/reset before headers"); a body that ends at close
  /// is complete; any other body is cut short and the client connection is closed. On HTTP/1
  /// Envoy flags a TCP reset `UC` as well (connection termination); `UR` is a stream reset,
  /// which only multiplexed protocols have. `reset` only words the reply.
  func upstreamFailed(_ connection: UpstreamConnection, reset: Bool) {
    guard let downstream = connection.downstream else {
      closeUpstream(connection)
      return
    }
    switch connection.phase {
    case .body where connection.responseBody.endsAtClose:
      connection.keepAlive = false
      responseEnded(connection, downstream)
    case .body:
      downstream.exchange?.flags.insert(.upstreamConnectionTermination)
      finishExchange(downstream, downstreamGone: true)
      closeDownstream(downstream)
    case .idle, .head:
      let reason = reset ? "connection reset" : "connection termination"
      tryFailed(
        downstream, .reset, flag: .upstreamConnectionTermination,
        reply: LocalReply(
          status: .serviceUnavailable,
          body: "upstream connect error or disconnect/reset before headers. reset reason: \(reason)"
        ))
    }
  }

  /// A connect that failed: 503 `UF`.
  private func connectFailed(_ connection: UpstreamConnection) {
    connection.host.stats.count(.connectFailures)
    connection.host.clusterStats.count(.upstreamConnectFailures)
    guard let downstream = connection.downstream else {
      closeUpstream(connection)
      return
    }
    tryFailed(
      downstream, .connectFailure, flag: .upstreamConnectionFailure, reply: Self.connectFailure)
  }

  func upstreamConnectTimedOut(_ connection: UpstreamConnection) {
    if !connection.connected { connectFailed(connection) }
  }

  func closeUpstream(_ connection: UpstreamConnection) {
    guard !connection.isClosed else { return }
    connection.isClosed = true
    if let index = connection.host.idle.firstIndex(where: { $0 === connection }) {
      connection.host.idle.remove(at: index)
    }
    connection.host.stats.decrement(.connectionsActive)
    connection.host.clusterStats.decrement(.upstreamConnectionsActive)
    connection.output.discard()
    if let buffer = connection.input {
      buffers.give(buffer)
      connection.input = nil
    }
    connection.downstream = nil
    Glibc.close(connection.descriptor)
    releaseSlot(connection.token)
    connection.cluster.breaker.release(.connection)
    servePending(connection.cluster)
  }
}
