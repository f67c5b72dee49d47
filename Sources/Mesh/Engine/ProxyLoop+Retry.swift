import Wire

extension ProxyLoop {
  /// A try got no response (connect failure, reset, per-try timeout). Envoy's router retries
  /// it when the route's policy covers the failure and retries remain; otherwise the client
  /// gets `reply` with `flag`.
  func tryFailed(
    _ connection: DownstreamConnection, _ failure: UpstreamFailure, flag: ResponseFlags,
    reply: LocalReply
  ) {
    guard let exchange = connection.exchange else { return }
    if exchange.retryPolicy.retries(failure), retry(connection) { return }
    replyLocally(connection, reply, flag: flag)
    resumeDownstream(connection)
  }

  /// Schedules the next try after Envoy's fully jittered back-off, if the request can be sent
  /// again and retries remain; when they ran out the exchange gets `URX`.
  /// - Returns: whether a retry was scheduled (the current try's connection is then closed).
  func retry(_ connection: DownstreamConnection) -> Bool {
    guard let exchange = connection.exchange, !exchange.responseStarted else { return false }
    guard exchange.canResend, exchange.retries < exchange.retryPolicy.maxRetries,
      exchange.cluster?.breaker.tryAcquire(.retry) ?? false
    else {
      if exchange.retryPolicy.maxRetries > 0 {
        if exchange.retries < exchange.retryPolicy.maxRetries, exchange.canResend {
          exchange.cluster?.stats.count(.upstreamRetryOverflows)
        }
        exchange.flags.insert(.upstreamRetryLimitExceeded)
      }
      return false
    }
    endTry(exchange)
    if let upstream = connection.upstream {
      connection.upstream = nil
      upstream.downstream = nil
      closeUpstream(upstream)
    }
    exchange.retries += 1
    exchange.toxicsDrawn = false
    exchange.toxicPlan = nil
    connection.toxicAt = 0
    exchange.serviceTimeMilliseconds = nil
    exchange.status = 0
    exchange.cluster?.stats.count(.upstreamRetries)
    // The next try carries the same request id: it stays in `connection.requestID`.
    connection.deadline = 0
    exchange.tryDeadline = 0
    exchange.idleDeadline = 0
    if exchange.routeDeadline != 0 {
      arm(&connection.deadline, after: exchange.routeDeadline &- min(now, exchange.routeDeadline))
    }
    let wait = RetryBackoff.envoyDefault.delay(retry: exchange.retries, random: random.next())
    arm(&connection.retryAt, after: max(1, wait))
    return true
  }

  /// The back-off passed: the next try goes out.
  func retryDue(_ connection: DownstreamConnection) {
    guard let exchange = connection.exchange, connection.upstream == nil, !connection.isClosed
    else { return }
    if exchange.retries > 0 { exchange.cluster?.breaker.release(.retry) }
    beginTry(connection)
  }

  /// Ends the accounting of the current try: `upstream_rq_active`, the response code and time
  /// when an upstream answered, `upstream_rq_retry_success` when a retried request got an
  /// answer its policy does not retry.
  func endTry(_ exchange: Exchange) {
    guard exchange.tryActive, let cluster = exchange.cluster?.stats else { return }
    exchange.tryActive = false
    exchange.cluster?.breaker.release(.request)
    cluster.decrement(.upstreamRequestsActive)
    if exchange.flags.contains(.upstreamRequestTimeout) { cluster.count(.upstreamRequestTimeouts) }
    // A client that went away says nothing about the host.
    if let host = exchange.host, !exchange.flags.contains(.downstreamConnectionTermination) {
      exchange.cluster?.recordOutcome(
        host: host, status: exchange.serviceTimeMilliseconds == nil ? nil : exchange.status,
        now: now)
    }
    guard let serviceTime = exchange.serviceTimeMilliseconds else { return }
    cluster.countResponse(status: exchange.status)
    cluster.upstreamRequestTime.record(milliseconds: UInt64(serviceTime))
    exchange.host?.stats.count(exchange.status >= 500 ? .requestErrors : .requestSuccesses)
    if exchange.retries > 0, !exchange.retryPolicy.retries(status: exchange.status) {
      cluster.count(.upstreamRetrySuccesses)
    }
  }
}
