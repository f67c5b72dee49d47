import Glibc
import Telemetry
import Wire

extension ProxyLoop {
  /// A request head arrived: route it (404 `NR` without a route), apply the route's local
  /// rate limit (429 `RL`) and fault filter (`FI`), pick a weighted target and a host, and
  /// write the rewritten head with the body bytes already read in one write.
  /// The head is in `connection.request`.
  func startExchange(_ connection: DownstreamConnection, framing: BodyFraming) {
    connection.requestBody = BodyProgress(framing)
    connection.phase = .body
    connection.requestID.removeAll(keepingCapacity: true)
    listenerStats.count(.downstreamRequestsTotal)
    listenerStats.increment(.downstreamRequestsActive)
    let route: CompiledRoute?
    if configuration.direction == .ingress {
      route = routes.ingress
    } else {
      let head = connection.request.head
      route = routes.route(for: head, service: Substring(head.headers["host"] ?? ""))
    }
    let overrides = connection.request.envoyOverrides
    let timeouts = route?.timeouts(for: overrides)
    connection.exchange = Exchange(
      routeName: route?.name, start: now,
      wallStart: configuration.accessLog == nil && configuration.tracer == nil
        ? timespec() : Self.wallClock(),
      keepAlive: connection.request.wantsKeepAlive, routeTimeout: timeouts?.route ?? 0)
    if configuration.tracer != nil {
      let context =
        TraceContext.extract(from: connection.request.head.headers)
        ?? .start(epochSeconds: Int(connection.exchange?.wallStart.tv_sec ?? 0))
      connection.exchange?.trace = (context, SpanID.random())
    }
    guard let route else {
      listenerStats.count(.noRoute)
      replyLocally(connection, LocalReply(status: .notFound, body: ""), flag: .noRouteFound)
      return
    }
    let delay: UInt64
    switch admission(connection, route) {
    case .refused: return
    case .admitted(let wait): delay = wait
    }
    listenerStats.count(.routedRequests)
    connection.exchange?.cluster = clusters[route.pickTarget(random.next()).index]
    connection.exchange?.retryPolicy = route.retryPolicy.overridden(by: overrides)
    connection.exchange?.perTryTimeout = timeouts?.perTry
    connection.exchange?.idleTimeout = route.idleTimeout
    connection.exchange?.canResend = connection.requestBody.isFinished
    if delay > 0 {
      arm(&connection.retryAt, after: delay)  // the fault filter holds the request (DI)
    } else {
      beginTry(connection)
    }
  }

  /// What the route's filters decided about a request.
  private enum Admission {
    /// It was answered (rate limited or aborted).
    case refused
    /// It goes on after this many nanoseconds (0, or the fault filter's delay).
    case admitted(delay: UInt64)
  }

  /// The route's local rate limit (Envoy's token bucket: 429, `x-envoy-ratelimited`, `RL`),
  /// then its fault filter: abort (`FI`, body `fault filter abort`) or delay (`DI`).
  private func admission(_ connection: DownstreamConnection, _ route: CompiledRoute) -> Admission {
    if var bucket = buckets[route.index] {
      let allowed = bucket.tryTake(now: now)
      buckets[route.index] = bucket
      stats.count(.enabled)
      guard allowed else {
        stats.count(.enforced)
        stats.count(.rateLimited)
        replyLocally(
          connection,
          LocalReply(
            status: .tooManyRequests, body: "local_rate_limited",
            headers: ["x-envoy-ratelimited": "true"]),
          flag: .rateLimited)
        return .refused
      }
      stats.count(.ok)
    }
    guard let fault = route.fault else { return .admitted(delay: 0) }
    let decision = fault.decide(headers: connection.request.head.headers, random: random.next())
    if let status = decision.abortStatus {
      listenerStats.count(.faultAbortsInjected)
      replyLocally(
        connection,
        LocalReply(status: HTTPStatus(status), body: String(describing: FaultDecision.abortBody)),
        flag: .faultInjected)
      return .refused
    }
    if let delay = decision.delay, delay > 0 {
      listenerStats.count(.faultDelaysInjected)
      connection.exchange?.flags.insert(.delayInjected)
      return .admitted(delay: delay)
    }
    return .admitted(delay: 0)
  }

  /// Starts one try: a host of the exchange's cluster, within its circuit breakers
  /// (`max_requests`, then `max_connections` with `max_pending_requests` waiting), a pooled
  /// or new connection to it, and the request written to it.
  func beginTry(_ connection: DownstreamConnection) {
    guard let exchange = connection.exchange, let cluster = exchange.cluster else { return }
    if !toxics.isEmpty, !exchange.toxicsDrawn, toxicsHoldRequest(connection, exchange) { return }
    guard let host = cluster.pickHost() else {
      replyLocally(
        connection, LocalReply(status: .serviceUnavailable, body: "no healthy upstream"),
        flag: .noHealthyUpstream)
      return
    }
    guard cluster.breaker.tryAcquire(.request) else {
      cluster.stats.count(.upstreamPendingOverflows)
      overflowed(connection)
      return
    }
    connection.exchange?.host = host
    cluster.stats.count(.upstreamRequestsTotal)
    cluster.stats.increment(.upstreamRequestsActive)
    host.stats.count(.requestsTotal)
    connection.exchange?.tryActive = true
    connectTry(connection, host: host, cluster: cluster)
  }

  /// Gives the try a connection, or queues it while the connection limit is reached.
  private func connectTry(
    _ connection: DownstreamConnection, host: UpstreamHost, cluster: UpstreamCluster
  ) {
    let upstream: UpstreamConnection
    do {
      guard let acquired = try acquireUpstream(host, in: cluster) else {
        guard cluster.breaker.tryAcquire(.pendingRequest) else {
          cluster.stats.count(.upstreamPendingOverflows)
          overflowed(connection)
          return
        }
        cluster.stats.count(.upstreamPendingTotal)
        cluster.stats.increment(.upstreamPendingActive)
        connection.waitingIn = cluster
        cluster.pending.append(connection)
        // The route timeout covers the wait for a connection.
        if let timeout = connection.exchange?.routeTimeout, timeout > 0 {
          arm(&connection.deadline, after: timeout)
        }
        return
      }
      upstream = acquired
    } catch {
      tryFailed(
        connection, .connectFailure, flag: .upstreamConnectionFailure, reply: Self.connectFailure)
      return
    }
    connection.upstream = upstream
    upstream.downstream = connection
    upstream.phase = .head
    sendRequest(connection, to: upstream)
  }

  /// A connection of `cluster` was pooled or closed: the oldest waiting request takes it.
  func servePending(_ cluster: UpstreamCluster) {
    while !cluster.pending.isEmpty {
      let next = cluster.pending[0]
      guard let host = next.exchange?.host, !next.isClosed else {
        leaveQueue(next)
        continue
      }
      guard
        !host.idle.isEmpty
          || cluster.breaker.active(.connection) < cluster.breaker.limits.maxConnections
      else { return }
      leaveQueue(next)
      connectTry(next, host: host, cluster: cluster)
    }
  }

  /// Takes a request out of its cluster's queue of requests waiting for a connection.
  func leaveQueue(_ connection: DownstreamConnection) {
    guard let cluster = connection.waitingIn else { return }
    connection.waitingIn = nil
    if let index = cluster.pending.firstIndex(where: { $0 === connection }) {
      cluster.pending.remove(at: index)
      cluster.breaker.release(.pendingRequest)
      cluster.stats.decrement(.upstreamPendingActive)
    }
  }

  /// A circuit breaker was full: 503 with `x-envoy-overloaded: true` and flag `UO` (Envoy).
  private func overflowed(_ connection: DownstreamConnection) {
    replyLocally(
      connection,
      LocalReply(
        status: .serviceUnavailable,
        body: "upstream connect error or disconnect/reset before headers. reset reason: overflow",
        headers: ["x-envoy-overloaded": "true"]),
      flag: .upstreamOverflow)
  }

  /// Writes the request head with the body bytes at hand, in one write (queued while the
  /// connection is still being made).
  func sendRequest(_ connection: DownstreamConnection, to upstream: UpstreamConnection) {
    guard let exchange = connection.exchange, let host = exchange.host else { return }
    let timeout = exchange.routeTimeout == 0 ? idleTimeout : exchange.routeTimeout
    scratch.removeAll(keepingCapacity: true)
    var additions = ForwardedHead.RequestAdditions(
      clientAddress: connection.clientAddress, authority: host.authority,
      timeoutMilliseconds: Int(timeout / 1_000_000))
    if let trace = exchange.trace {
      trace.context.inject(into: &additions.extra, parent: trace.segment)
    }
    ForwardedHead.appendRequest(
      connection.request, additions: additions,
      random: &random, requestID: &connection.requestID, into: &scratch)
    var bodyCount = 0
    if let buffer = connection.input {
      do {
        bodyCount = try connection.requestBody.advance(over: buffer.readable, decoded: &decoded)
      } catch {
        decoded.removeAll(keepingCapacity: true)
        replyLocally(connection, LocalReply(status: error.status, body: error.message), flag: [])
        return
      }
      decoded.removeAll(keepingCapacity: true)
    }
    exchange.bytesReceived += bodyCount
    exchange.upstreamStart = now
    let body =
      connection.input.map { UnsafeRawBufferPointer(rebasing: $0.readable[..<bodyCount]) }
      ?? UnsafeRawBufferPointer(start: nil, count: 0)
    let sent = scratch.withUnsafeBytes { head in
      upstream.connected
        ? upstream.output.send(upstream.descriptor, head: head, body: body)
        : upstream.output.enqueue(head: head, body: body)
    }
    connection.input?.consume(bodyCount)
    guard sent else {
      upstreamFailed(upstream, reset: true)
      return
    }
    if connection.requestBody.isFinished {
      requestSent(connection)
    } else {
      armBodyIdle(connection)
    }
  }

  /// The reply Envoy makes when the upstream cannot be reached (`UF`).
  static let connectFailure = LocalReply(
    status: .serviceUnavailable,
    body:
      "upstream connect error or disconnect/reset before headers. reset reason: connection failure"
  )

  /// Answers the current exchange from the proxy itself, unless the upstream's response has
  /// already begun (then the client connection is all that can be closed).
  func replyLocally(
    _ connection: DownstreamConnection, _ reply: LocalReply, flag: ResponseFlags
  ) {
    guard let exchange = connection.exchange, !connection.isClosed else { return }
    if let upstream = connection.upstream {
      connection.upstream = nil
      upstream.downstream = nil
      closeUpstream(upstream)
    }
    exchange.flags.insert(flag)
    guard !exchange.responseStarted else {
      finishExchange(connection, downstreamGone: true)
      closeDownstream(connection)
      return
    }
    exchange.status = reply.status.code
    exchange.responseStarted = true
    let method = connection.request.method
    if method != .head { exchange.bytesSent += reply.body.utf8.count }
    // A request body not read to its end leaves the connection unusable.
    let persists = exchange.keepAlive && connection.requestBody.isFinished
    if !persists { connection.phase = .closing }
    scratch.removeAll(keepingCapacity: true)
    reply.append(
      headOnly: method == .head,
      persistence: persists
        ? (connection.request.minorVersion == 0 ? .keepAlive : .implicit) : .close,
      into: &scratch)
    sendDownstream(connection, head: scratch, body: UnsafeRawBufferPointer(start: nil, count: 0))
    if connection.exchange != nil { connection.exchange?.requestComplete = persists }
    finishExchange(connection)
  }

  /// Ends the exchange: logs it, pools or closes its upstream connection, and readies the
  /// client connection for its next request (or closes it).
  func finishExchange(_ connection: DownstreamConnection, downstreamGone: Bool = false) {
    guard let exchange = connection.exchange else { return }
    connection.exchange = nil
    if connection.retryAt != 0, exchange.retries > 0 { exchange.cluster?.breaker.release(.retry) }
    connection.retryAt = 0
    connection.toxicAt = 0
    leaveQueue(connection)
    if let upstream = connection.upstream {
      connection.upstream = nil
      upstream.downstream = nil
      releaseUpstream(
        upstream, reusable: exchange.requestComplete && exchange.responseComplete)
    }
    record(exchange, connection: connection)
    guard !downstreamGone, !connection.isClosed else { return }
    if connection.phase == .closing || !exchange.keepAlive || !exchange.requestComplete {
      connection.phase = .closing
      if connection.output.isEmpty { closeDownstream(connection) }
      return
    }
    connection.phase = .head
    arm(&connection.deadline, after: idleTimeout)
  }

  /// The route timeout passed with no complete response: 504 `UT` (Envoy), or a closed
  /// connection when the response had begun.
  func upstreamTimedOut(_ connection: DownstreamConnection) {
    replyLocally(
      connection, LocalReply(status: .gatewayTimeout, body: "upstream request timeout"),
      flag: .upstreamRequestTimeout)
    resumeDownstream(connection)
  }

  /// Counts a finished exchange under Envoy's stat names and writes its access-log line.
  private func record(_ exchange: Exchange, connection: DownstreamConnection) {
    let duration = (now &- exchange.start) / 1_000_000
    listenerStats.decrement(.downstreamRequestsActive)
    if exchange.status > 0 { listenerStats.countResponse(status: exchange.status) }
    listenerStats.downstreamRequestTime.record(milliseconds: duration)
    endTry(exchange)
    if let tracer = configuration.tracer, let trace = exchange.trace, trace.context.sampled {
      tracer.send(
        segment(
          for: exchange, request: connection.request.head, trace: trace,
          client: connection.clientAddress))
    }
    guard configuration.accessLog != nil else { return }
    var request = connection.request.head
    // Logged as forwarded: with the client's address appended and the request id used.
    let forwardedFor = request.headers.values("x-forwarded-for").last
    request.headers.set(
      "x-forwarded-for",
      forwardedFor.map { "\($0), \(connection.clientAddress)" } ?? connection.clientAddress)
    if !request.headers.contains("x-request-id"), !connection.requestID.isEmpty {
      request.headers.add("x-request-id", String(decoding: connection.requestID, as: UTF8.self))
    }
    let start =
      UInt64(exchange.wallStart.tv_sec) &* 1_000_000_000 &+ UInt64(exchange.wallStart.tv_nsec)
    let entry = AccessLogEntry(
      startTime: start, request: request, responseCode: exchange.status, flags: exchange.flags,
      bytesReceived: UInt64(exchange.bytesReceived), bytesSent: UInt64(exchange.bytesSent),
      durationMillis: duration,
      upstreamServiceTimeMillis: exchange.serviceTimeMilliseconds.map(UInt64.init),
      upstreamHost: exchange.host?.authority, upstreamCluster: exchange.cluster?.name,
      routeName: exchange.routeName,
      downstreamRemoteAddress: connection.clientAddress)
    accessLogFormat.append(entry, to: &logLines)
  }

  /// This hop's X-Ray segment: named after the node, child of the caller's span, with the
  /// request and response and Envoy-style error (4xx), throttle (429) and fault (5xx) marks.
  private func segment(
    for exchange: Exchange, request: HTTPRequestHead,
    trace: (context: TraceContext, segment: SpanID), client: String
  ) -> Segment {
    let start = Double(exchange.wallStart.tv_sec) + Double(exchange.wallStart.tv_nsec) / 1e9
    let end = start + Double(now &- exchange.start) / 1e9
    let status = exchange.status
    return Segment(
      name: configuration.serviceName, traceID: trace.context.traceID, id: trace.segment,
      parentID: trace.context.parentID, startTime: start, endTime: end,
      http: XRayHTTP(
        method: request.method.rawValue,
        url: "http://\(request.headers["host"] ?? "-")\(request.target)",
        userAgent: request.headers["user-agent"], clientIP: client,
        status: status == 0 ? nil : status, contentLength: exchange.bytesSent),
      error: status >= 400 && status < 500, fault: status >= 500 || status == 0,
      throttle: status == 429, origin: "AWS::AppMesh::Proxy")
  }

  static func wallClock() -> timespec {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return spec
  }
}
