import CLinux
import Glibc
import Wire

/// One event loop of the proxy, on its own thread: its listener, its client connections, its
/// upstream connections and pools, its buffers. Only this thread touches it; other threads
/// reach it through its ``LoopMailbox``.
///
/// Every socket is registered once, edge-triggered for input and output, so a request costs
/// no `epoll_ctl`: a read of the request, one write of the rewritten head with the body bytes
/// already read, a read of the response, one write back (plus a shared `epoll_wait`).
final class ProxyLoop {
  /// What a registered descriptor belongs to.
  enum Endpoint {
    case downstream(DownstreamConnection)
    case upstream(UpstreamConnection)
    case probe(HealthProbe)
  }

  static let wakeToken: UInt64 = 0
  static let listenerToken: UInt64 = 1
  /// Tokens below this are reserved; a slot's token is `slot + firstSlotToken` with the
  /// slot's generation in the upper 32 bits, so a stale event never reaches a reused slot.
  static let firstSlotToken = 2
  static let maxEvents: Int32 = 256

  let epoll: Int32
  let listener: Int32
  let mailbox: LoopMailbox
  let configuration: ProxyServer.Configuration
  /// Envoy's `http.<prefix>.*` stats of the listener, in this loop's shard.
  let listenerStats: ListenerStats
  let stats: StatsShard
  let buffers = BufferPool()
  /// The routes in force; requests in flight keep the route and cluster they started with.
  var routes: RouteTable
  /// This loop's pools for `routes.clusters`, by cluster index.
  var clusters: [UpstreamCluster] = []
  /// Local rate-limit buckets for `routes.routes`, by route index.
  var buckets: [TokenBucket?] = []
  /// The network toxics of this listener's side (``ProxyServer/install(toxics:)``); empty
  /// costs a request one check.
  var toxics: [Toxic] = []
  /// The node's access-log format (App Mesh `logging.accessLog.file.format`), else Envoy's.
  var accessLogFormat = AccessLogFormatter.envoyDefault
  var random = RandomSource()
  /// Reused storage for heads being written and for decoded chunk data.
  var scratch: [UInt8] = []
  var decoded: [UInt8] = []
  var logLines: [UInt8] = []
  /// The largest a head (start line, fields, CRLFs) may be.
  let headLimit: Int
  let connectTimeout: UInt64
  let headerTimeout: UInt64
  let idleTimeout: UInt64

  private var endpoints: [Endpoint?] = []
  private var generations: [UInt32] = []
  private var freeSlots: [Int] = []
  var now = MonotonicClock.now()
  /// When the earliest deadline may pass; the loop sweeps then.
  private var nextSweep = UInt64.max
  private var stopping = false
  /// Whether this loop told the readiness its clusters are warm.
  var reportedWarm = false

  init(
    listener: Int32, mailbox: LoopMailbox, configuration: ProxyServer.Configuration,
    stats: StatsShard
  ) throws {
    epoll = try systemCall("epoll_create1") { clinux_epoll_create() }
    self.listener = listener
    self.mailbox = mailbox
    self.configuration = configuration
    let limits = configuration.limits
    headLimit = limits.maxRequestLine + limits.maxHeaderBytes + 8
    connectTimeout = configuration.connectTimeout.nanoseconds
    headerTimeout = configuration.headerTimeout.nanoseconds
    idleTimeout = configuration.idleTimeout.nanoseconds
    listenerStats = stats.listener(configuration.direction.statPrefix)
    self.stats = stats
    routes = configuration.routes
    install(configuration.routes)
    scratch.reserveCapacity(4096)
    do {
      try register(mailbox.wakeDescriptor, events: CLINUX_EPOLLIN, token: Self.wakeToken)
      try register(listener, events: CLINUX_EPOLLIN, token: Self.listenerToken)
    } catch {
      close(epoll)
      throw error
    }
  }

  deinit { close(epoll) }

  func run() {
    let events = UnsafeMutablePointer<UInt32>.allocate(capacity: Int(Self.maxEvents))
    let tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(Self.maxEvents))
    defer {
      events.deallocate()
      tokens.deallocate()
    }
    reportIfWarm()
    while !stopping {
      let timeout: Int32 =
        nextSweep == .max
        ? -1 : Int32(clamping: (nextSweep &- min(now, nextSweep)) / 1_000_000 + 1)
      let count = clinux_epoll_wait(epoll, events, tokens, Self.maxEvents, timeout)
      now = MonotonicClock.now()
      if count < 0 {
        if errno == EINTR { continue }
        logToStandardError(
          "proxy: epoll_wait failed: \(SystemCallError("epoll_wait", errno: errno))")
        break
      }
      for index in 0..<Int(count) { dispatch(events[index], token: tokens[index]) }
      if now >= nextSweep { sweep() }
      flushAccessLog()
    }
    closeEverything()
  }

  func stop() { stopping = true }

  /// Puts a new route table in force. Clusters whose name and hosts are unchanged keep their
  /// pooled connections; the pools of the others close as their exchanges end.
  func install(_ table: RouteTable) {
    let previous = Dictionary(
      clusters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    clusters = table.clusters.map { cluster in
      if let kept = previous[cluster.name], kept.hosts.map(\.address) == cluster.hosts,
        kept.breaker.limits == cluster.circuitBreaker,
        kept.outlier?.settings == cluster.outlierDetection, kept.healthCheck == cluster.healthCheck
      {
        return kept
      }
      return UpstreamCluster(
        name: cluster.name, addresses: cluster.hosts, limits: cluster.circuitBreaker,
        outlierDetection: cluster.outlierDetection, healthCheck: cluster.healthCheck, now: now,
        stats: stats.cluster(cluster.name))
    }
    let inUse = Set(clusters.map(ObjectIdentifier.init))
    for old in previous.values where !inUse.contains(ObjectIdentifier(old)) {
      for host in old.hosts {
        for connection in host.idle { closeUpstream(connection) }
      }
    }
    buckets = table.routes.map { route in route.rateLimit.map { TokenBucket($0, now: now) } }
    routes = table
    // The document was validated, so its format compiles; Envoy's line is the fallback.
    accessLogFormat =
      (try? AccessLogFormatter(table.accessLog?.format)) ?? AccessLogFormatter.envoyDefault
    for cluster in clusters {
      if let tick = cluster.tickOutlierDetection(now: now), tick < nextSweep { nextSweep = tick }
    }
    if clusters.contains(where: { $0.healthCheck != nil }) { nextSweep = now }
  }

  private func dispatch(_ events: UInt32, token: UInt64) {
    switch token {
    case Self.wakeToken:
      for job in mailbox.drain() { job(self) }
    case Self.listenerToken:
      acceptConnections()
    default:
      let slot = Int(token & 0xFFFF_FFFF) - Self.firstSlotToken
      guard slot < endpoints.count, generations[slot] == UInt32(token >> 32) else { return }
      switch endpoints[slot] {
      case .downstream(let connection): downstreamEvent(events, connection)
      case .upstream(let connection): upstreamEvent(events, connection)
      case .probe(let probe): probeEvent(events, probe)
      case nil: return
      }
    }
  }

  // MARK: Registration

  func register(_ descriptor: Int32, events: UInt32, token: UInt64) throws(SystemCallError) {
    try systemCall("epoll_ctl") {
      clinux_epoll_ctl(epoll, CLINUX_EPOLL_CTL_ADD, descriptor, events, token)
    }
  }

  /// Every connection socket watches the same events for its whole life.
  static let connectionEvents =
    CLINUX_EPOLLIN | CLINUX_EPOLLOUT | CLINUX_EPOLLRDHUP | CLINUX_EPOLLET

  /// Reserves a slot and returns its token.
  func reserveSlot() -> UInt64 {
    let slot: Int
    if let free = freeSlots.popLast() {
      slot = free
    } else {
      slot = endpoints.count
      endpoints.append(nil)
      generations.append(0)
    }
    return UInt64(generations[slot]) << 32 | UInt64(slot + Self.firstSlotToken)
  }

  func fill(_ token: UInt64, with endpoint: Endpoint) {
    endpoints[Int(token & 0xFFFF_FFFF) - Self.firstSlotToken] = endpoint
  }

  /// Frees a slot; its generation moves on so late events for it are ignored.
  func releaseSlot(_ token: UInt64) {
    let slot = Int(token & 0xFFFF_FFFF) - Self.firstSlotToken
    endpoints[slot] = nil
    generations[slot] &+= 1
    freeSlots.append(slot)
  }

  // MARK: Accepting

  private func acceptConnections() {
    for _ in 0..<64 {
      let descriptor = clinux_accept4(listener)
      if descriptor < 0 {
        switch errno {
        case EINTR, ECONNABORTED: continue
        case EMFILE, ENFILE:
          logToStandardError("proxy: out of file descriptors; not accepting for now")
        default: break
        }
        return
      }
      Socket.setNoDelay(descriptor)
      let peer = (try? SocketAddress.peer(of: descriptor))?.host ?? "-"
      let token = reserveSlot()
      let connection = DownstreamConnection(
        descriptor: descriptor, token: token, clientAddress: peer,
        limits: configuration.limits)
      do {
        try register(descriptor, events: Self.connectionEvents, token: token)
      } catch {
        releaseSlot(token)
        Glibc.close(descriptor)
        continue
      }
      fill(token, with: .downstream(connection))
      arm(&connection.deadline, after: idleTimeout)
      listenerStats.count(.downstreamConnectionsTotal)
      listenerStats.increment(.downstreamConnectionsActive)
    }
  }

  // MARK: Deadlines

  /// Sets a deadline `delay` from now and makes sure the loop wakes for it.
  func arm(_ deadline: inout UInt64, after delay: UInt64) {
    deadline = now &+ delay
    if deadline < nextSweep { nextSweep = deadline }
  }

  /// Acts on every passed deadline and finds the next one.
  private func sweep() {
    // Deadlines armed while sweeping (retries, probes, keep-alive idles) lower this again.
    nextSweep = .max
    var next = UInt64.max
    for endpoint in endpoints {
      switch endpoint {
      case .downstream(let connection):
        if connection.retryAt != 0, connection.retryAt <= now {
          connection.retryAt = 0
          retryDue(connection)
        }
        if connection.toxicAt != 0, connection.toxicAt <= now, !connection.isClosed {
          connection.toxicAt = 0
          toxicHoldEnded(connection)
        }
        if connection.deadline != 0, connection.deadline <= now, !connection.isClosed {
          connection.deadline = 0
          downstreamDeadlinePassed(connection)
        }
        guard !connection.isClosed else { continue }
        if connection.deadline != 0 { next = min(next, connection.deadline) }
        if connection.retryAt != 0 { next = min(next, connection.retryAt) }
        if connection.toxicAt != 0 { next = min(next, connection.toxicAt) }
      case .upstream(let connection) where connection.deadline != 0:
        if connection.deadline <= now {
          connection.deadline = 0
          upstreamConnectTimedOut(connection)
        }
        if !connection.isClosed, connection.deadline != 0 { next = min(next, connection.deadline) }
      case .probe(let probe):
        if probe.deadline <= now { probeTimedOut(probe) }
        if !probe.isClosed { next = min(next, probe.deadline) }
      default: continue
      }
    }
    for cluster in clusters {
      if let tick = cluster.tickOutlierDetection(now: now) { next = min(next, tick) }
    }
    if let check = runHealthChecks() { next = min(next, check) }
    nextSweep = min(nextSweep, next)
  }

  // MARK: Access log

  /// Writes the lines gathered during one pass of the loop with one call.
  private func flushAccessLog() {
    guard !logLines.isEmpty, let sink = configuration.accessLog else { return }
    sink(String(decoding: logLines, as: UTF8.self))
    logLines.removeAll(keepingCapacity: true)
  }

  private func closeEverything() {
    for endpoint in endpoints {
      switch endpoint {
      case .downstream(let connection): closeDownstream(connection)
      case .upstream(let connection): closeUpstream(connection)
      case .probe(let probe): probeTimedOut(probe)
      case nil: continue
      }
    }
  }
}
