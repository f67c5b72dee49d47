import Glibc
import Wire

/// Network toxics on the wire (Toxiproxy's model, ``Toxic``): a try's request or response is
/// held in place — the request not yet sent, the response left in the upstream socket — until
/// its latency passes or its cut comes. Only tries of a listener with toxics get here.
extension ProxyLoop {
  /// Draws the toxics for the try about to begin.
  /// - Returns: whether they hold its request (the try then begins when the hold ends).
  func toxicsHoldRequest(_ connection: DownstreamConnection, _ exchange: Exchange) -> Bool {
    exchange.toxicsDrawn = true
    let service: Substring? =
      configuration.direction == .ingress
      ? nil : RouteTable.hostName(Substring(connection.request.head.headers["host"] ?? ""))
    exchange.toxicPlan = ToxicPlan(
      toxics.lazy.filter { $0.applies(to: service) }, random: &random)
    guard let hold = exchange.toxicPlan?.requestHold, hold != .none else { return false }
    exchange.toxicPlan?.stage = .requestHeld
    startHold(connection, hold)
    // A held egress request still has its route timeout (504 `UT`, as a blackhole gives);
    // on ingress the caller's own timeout is what ends the wait.
    connection.deadline = 0
    if configuration.direction == .egress, exchange.routeTimeout > 0 {
      if exchange.routeDeadline == 0 { exchange.routeDeadline = now &+ exchange.routeTimeout }
      arm(&connection.deadline, after: exchange.routeDeadline &- min(now, exchange.routeDeadline))
    }
    return true
  }

  /// Called as the response's bytes arrive. - Returns: whether the toxics hold it there.
  func toxicsHoldResponse(_ connection: DownstreamConnection) -> Bool {
    guard let exchange = connection.exchange, let plan = exchange.toxicPlan else { return false }
    switch plan.stage {
    case .responsePending:
      let hold = plan.responseHold
      guard hold != .none else {
        exchange.toxicPlan?.stage = .passed
        return false
      }
      exchange.toxicPlan?.stage = .responseHeld
      startHold(connection, hold)
      // As for a held request: on ingress, only the caller's timeout ends the wait.
      if configuration.direction == .ingress { connection.deadline = 0 }
      return true
    case .responseHeld:
      return true
    case .requestHeld, .passed:
      return false
    }
  }

  private func startHold(_ connection: DownstreamConnection, _ hold: ToxicPlan.Hold) {
    if case .nanoseconds(let delay) = hold { arm(&connection.toxicAt, after: max(1, delay)) }
  }

  /// A hold's time is up: the connection is cut, or the held stream goes on.
  func toxicHoldEnded(_ connection: DownstreamConnection) {
    guard let exchange = connection.exchange, let plan = exchange.toxicPlan else { return }
    switch plan.stage {
    case .requestHeld:
      if let cut = plan.cut(ending: .upstream) { return cutByToxic(connection, cut) }
      exchange.toxicPlan?.stage = .responsePending
      beginTry(connection)
    case .responseHeld:
      if let cut = plan.cut(ending: .downstream) { return cutByToxic(connection, cut) }
      exchange.toxicPlan?.stage = .passed
      if let upstream = connection.upstream {
        upstream.inputStalled = false
        readUpstream(upstream)
      }
    case .responsePending, .passed:
      return
    }
  }

  /// Cuts the connection a toxic sits on. On ingress that is the caller's connection: reset
  /// (`SO_LINGER` 0 sends a TCP RST) or closed. On egress it is the one to the service, so the
  /// app gets what Envoy answers for an upstream connection cut before a response: 503 `UC`
  /// (retried when the route's policy covers resets).
  private func cutByToxic(_ connection: DownstreamConnection, _ cut: ToxicPlan.Cut) {
    switch configuration.direction {
    case .ingress:
      finishExchange(connection, downstreamGone: true)
      if cut == .reset {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(
          connection.descriptor, SOL_SOCKET, SO_LINGER, &linger,
          socklen_t(MemoryLayout<Glibc.linger>.size))
      }
      closeDownstream(connection)
    case .egress:
      let reason = cut == .reset ? "connection reset" : "connection termination"
      tryFailed(
        connection, .reset, flag: .upstreamConnectionTermination,
        reply: LocalReply(
          status: .serviceUnavailable,
          body: "upstream connect error or disconnect/reset before headers. reset reason: \(reason)"
        ))
    }
  }
}
