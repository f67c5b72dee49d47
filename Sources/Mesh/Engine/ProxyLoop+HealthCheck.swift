import CLinux
import Glibc
import Wire

extension ProxyLoop {
  /// Starts the checks that are due in every cluster with a health check, and says when the
  /// next ones are due (`nil` when no cluster checks).
  func runHealthChecks() -> UInt64? {
    var next: UInt64?
    for cluster in clusters {
      guard let config = cluster.healthCheck, let tracker = cluster.health else { continue }
      if now >= cluster.nextHealthCheck {
        cluster.nextHealthCheck = now &+ tracker.interval
        for host in cluster.hosts {
          startProbe(cluster, host, config: config, timeout: tracker.timeout)
        }
      }
      next = min(next ?? .max, cluster.nextHealthCheck)
    }
    return next
  }

  private func startProbe(
    _ cluster: UpstreamCluster, _ host: UpstreamHost, config: HealthCheckConfig, timeout: UInt64
  ) {
    let address =
      config.port.flatMap { SocketAddress(host: host.address.host, port: UInt16(clamping: $0)) }
      ?? host.address
    cluster.stats.count(.healthCheckAttempts)
    guard let (descriptor, connected) = try? Socket.connect(to: address) else {
      recordCheck(cluster, host, passed: false)
      return
    }
    let token = reserveSlot()
    do {
      try register(descriptor, events: Self.connectionEvents, token: token)
    } catch {
      releaseSlot(token)
      Glibc.close(descriptor)
      recordCheck(cluster, host, passed: false)
      return
    }
    let probe = HealthProbe(
      descriptor: descriptor, token: token, cluster: cluster, host: host,
      path: config.checkProtocol == .tcp ? nil : (config.path ?? "/"), connected: connected,
      deadline: 0)
    fill(token, with: .probe(probe))
    arm(&probe.deadline, after: timeout)
    if connected { probeConnected(probe) }
  }

  func probeEvent(_ events: UInt32, _ probe: HealthProbe) {
    if !probe.connected {
      guard events & (CLINUX_EPOLLOUT | CLINUX_EPOLLERR | CLINUX_EPOLLHUP) != 0 else { return }
      guard Socket.pendingError(probe.descriptor) == 0 else {
        finishProbe(probe, passed: false)
        return
      }
      probeConnected(probe)
      if probe.isClosed { return }
    }
    guard events & (CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0
    else { return }
    var chunk = [UInt8](repeating: 0, count: 4096)
    while !probe.isClosed {
      let count = chunk.withUnsafeMutableBytes {
        Glibc.read(probe.descriptor, $0.baseAddress, $0.count)
      }
      if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
        if errno == EINTR { continue }
        return
      }
      guard count > 0, probe.received.count + count <= 64 * 1024 else {
        finishProbe(probe, passed: false)
        return
      }
      probe.received += chunk[..<count]
      let result = probe.received.withUnsafeBytes {
        probe.parser.parseHead($0, requestMethod: .get)
      }
      switch result {
      case .needMore: continue
      case .failure: finishProbe(probe, passed: false)
      case .complete(let head, _, _):
        finishProbe(probe, passed: HealthCheckTracker.passes(status: head.status.code))
      }
    }
  }

  /// Connected: a TCP check has passed; an HTTP check sends its request.
  private func probeConnected(_ probe: HealthProbe) {
    probe.connected = true
    guard let path = probe.path else {
      finishProbe(probe, passed: true)
      return
    }
    var request = Array("GET \(path) HTTP/1.1\r\n".utf8)
    HTTPSerializer.appendField(name: "host", value: probe.host.authority, into: &request)
    request += Array("user-agent: Envoy/HC\r\nconnection: close\r\n\r\n".utf8)
    let sent = request.withUnsafeBytes {
      Glibc.send(probe.descriptor, $0.baseAddress, $0.count, CLINUX_MSG_NOSIGNAL)
    }
    if sent != request.count { finishProbe(probe, passed: false) }
  }

  /// The probe's time is up: a failed check.
  func probeTimedOut(_ probe: HealthProbe) { finishProbe(probe, passed: false) }

  private func finishProbe(_ probe: HealthProbe, passed: Bool) {
    guard !probe.isClosed else { return }
    probe.isClosed = true
    Glibc.close(probe.descriptor)
    releaseSlot(probe.token)
    recordCheck(probe.cluster, probe.host, passed: passed)
  }

  /// Feeds a check's result to the cluster's tracker and publishes the host's health.
  private func recordCheck(_ cluster: UpstreamCluster, _ host: UpstreamHost, passed: Bool) {
    guard var tracker = cluster.health else { return }
    cluster.stats.count(passed ? .healthCheckSuccesses : .healthCheckFailures)
    tracker.record(host: host.index, passed: passed)
    cluster.health = tracker
    var flags = host.stats.health
    if tracker.isHealthy(host.index) {
      flags.remove(.failedActiveHealthCheck)
    } else {
      flags.insert(.failedActiveHealthCheck)
    }
    host.stats.setHealth(flags)
    cluster.publishMembership()
    reportIfWarm()
  }

  /// Tells the readiness once that every health-checked cluster has checked all its hosts.
  func reportIfWarm() {
    guard !reportedWarm, clusters.allSatisfy({ $0.health?.allChecked ?? true }) else { return }
    reportedWarm = true
    configuration.readiness?.loopWarmed()
  }
}
