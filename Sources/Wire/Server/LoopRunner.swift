import CLinux
import Glibc

/// The thread-confined half of an event loop: the epoll wait, accepting, reading, writing,
/// timeouts and draining. Created on, and only ever used by, its loop's thread; other
/// threads reach it through ``EventLoop/execute(_:)``.
final class LoopRunner {
  static let wakeToken: UInt64 = 0
  static let listenerToken: UInt64 = 1
  /// How often timeouts are checked; bounds how late a timeout may fire.
  static let sweepInterval: UInt64 = 200_000_000
  /// How long a closing connection keeps draining what the client still sends, so the
  /// final response is not destroyed by a reset (RFC 9112 §9.6).
  static let lingerTime: UInt64 = 2_000_000_000

  let loop: EventLoop
  let core: ServerCore
  let metrics: ServerMetrics
  private var listener: Int32
  var connections: [UInt64: HTTPConnection] = [:]
  private var nextID: UInt64 = 16
  private let scratch: UnsafeMutableRawBufferPointer
  private var running = true
  private(set) var draining = false
  private var drainDeadline: UInt64 = 0
  private var nextSweep: UInt64 = 0
  var now: UInt64 = MonotonicClock.now()
  private var dateSecond = -1
  private(set) var dateField: [UInt8] = []

  init(loop: EventLoop, listener: Int32, core: ServerCore, metrics: ServerMetrics)
    throws(SystemCallError)
  {
    self.loop = loop
    self.listener = listener
    self.core = core
    self.metrics = metrics
    scratch = .allocate(byteCount: 64 * 1024, alignment: 16)
    try systemCall("epoll_ctl") {
      clinux_epoll_ctl(
        loop.epoll, CLINUX_EPOLL_CTL_ADD, listener, CLINUX_EPOLLIN, Self.listenerToken)
    }
  }

  deinit { scratch.deallocate() }

  /// Runs until the server has drained (or was stopped), then closes what is left.
  func run() {
    let capacity = 256
    let events = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    let tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
    defer {
      events.deallocate()
      tokens.deallocate()
    }
    nextSweep = now + Self.sweepInterval
    while running {
      let count = clinux_epoll_wait(loop.epoll, events, tokens, Int32(capacity), 200)
      now = MonotonicClock.now()
      for index in 0..<max(Int(count), 0) {
        switch tokens[index] {
        case Self.wakeToken:
          for job in loop.drainMailbox() { job(self) }
        case Self.listenerToken:
          acceptConnections()
        case let token:
          guard let connection = connections[token] else { continue }
          handle(events[index], on: connection)
        }
      }
      if now >= nextSweep {
        sweep()
        nextSweep = now + Self.sweepInterval
      }
    }
    for connection in Array(connections.values) { close(connection) }
    stopAccepting()
  }

  // MARK: Accepting

  private func acceptConnections() {
    for _ in 0..<64 {
      let descriptor = clinux_accept4(listener)
      guard descriptor >= 0 else {
        let code = errno
        if code == EMFILE || code == ENFILE { core.log("accept: out of file descriptors") }
        return
      }
      guard connections.count < core.maxConnectionsPerLoop else {
        Glibc.close(descriptor)
        continue
      }
      Socket.setNoDelay(descriptor)
      let id = nextID
      nextID += 1
      let connection = HTTPConnection(
        id: id, descriptor: descriptor, remoteAddress: try? SocketAddress.peer(of: descriptor),
        limits: core.limits, now: now)
      guard
        clinux_epoll_ctl(
          loop.epoll, CLINUX_EPOLL_CTL_ADD, descriptor, CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP, id) == 0
      else {
        Glibc.close(descriptor)
        continue
      }
      connection.interest = CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP
      connections[id] = connection
      metrics.connectionOpened()
    }
  }

  private func stopAccepting() {
    guard listener >= 0 else { return }
    _ = clinux_epoll_ctl(loop.epoll, CLINUX_EPOLL_CTL_DEL, listener, 0, 0)
    Glibc.close(listener)
    listener = -1
  }

  // MARK: Reading and writing

  private func handle(_ events: UInt32, on connection: HTTPConnection) {
    // Both directions are gone (a reset, or the peer closed after our shutdown): nothing
    // more can be delivered.
    if events & (CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
      close(connection)
      return
    }
    if events & (CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP) != 0 {
      guard readAvailable(connection) else { return }
      switch connection.state {
      case .lingering:
        if connection.inputClosed { close(connection) }
        return
      case .streaming where connection.inputClosed:
        // An event-stream client that closes its side has gone away (browsers never half-close).
        close(connection)
        return
      default:
        process(connection)
      }
    }
    flush(connection)
  }

  /// Reads what the socket holds into the connection's input; `false` when it was closed.
  private func readAvailable(_ connection: HTTPConnection) -> Bool {
    while true {
      let count = read(connection.descriptor, scratch.baseAddress, scratch.count)
      if count > 0 {
        connection.lastActivity = now
        if case .lingering = connection.state { continue }  // discarded
        connection.input.append(
          contentsOf: UnsafeRawBufferPointer(start: scratch.baseAddress, count: count))
        if count < scratch.count { return true }
      } else if count == 0 {
        connection.inputClosed = true
        return true
      } else {
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return true }
        close(connection)
        return false
      }
    }
  }

  /// Writes pending output; closes or lingers when the last response is out; updates interest.
  func flush(_ connection: HTTPConnection) {
    guard connections[connection.id] != nil else { return }
    while connection.hasPendingOutput {
      let count = connection.output.withUnsafeBytes { bytes in
        send(
          connection.descriptor, bytes.baseAddress! + connection.outputStart,
          bytes.count - connection.outputStart, CLINUX_MSG_NOSIGNAL)
      }
      if count > 0 {
        connection.consumeOutput(count)
        connection.lastActivity = now
        continue
      }
      let code = errno
      if count < 0 && code == EINTR { continue }
      if count < 0 && (code == EAGAIN || code == EWOULDBLOCK) { break }
      close(connection)
      return
    }
    if !connection.hasPendingOutput {
      switch connection.state {
      case .closing:
        startLingering(connection)
        return
      case .head where connection.inputClosed && connection.bufferedInput == 0:
        close(connection)
        return
      case .head where draining && connection.isIdle:
        close(connection)
        return
      default:
        break
      }
    }
    updateInterest(connection)
  }

  /// Half-closes the connection and drains the peer's remaining bytes for a short while.
  private func startLingering(_ connection: HTTPConnection) {
    if connection.inputClosed {
      close(connection)
      return
    }
    shutdown(connection.descriptor, Int32(SHUT_WR))
    connection.state = .lingering(since: now)
    connection.input.removeAll()
    connection.inputStart = 0
    updateInterest(connection)
  }

  /// Keeps epoll's interest in line with the connection: read unless the peer is done or
  /// too much pipelined input is waiting; write while output is pending.
  private func updateInterest(_ connection: HTTPConnection) {
    var wanted: UInt32 = 0
    let backlogFull = connection.bufferedInput > core.limits.maxBody + core.limits.maxHeaderBytes
    if !connection.inputClosed && !backlogFull { wanted |= CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP }
    if connection.hasPendingOutput { wanted |= CLINUX_EPOLLOUT }
    guard wanted != connection.interest else { return }
    connection.interest = wanted
    _ = clinux_epoll_ctl(
      loop.epoll, CLINUX_EPOLL_CTL_MOD, connection.descriptor, wanted, connection.id)
  }

  func close(_ connection: HTTPConnection) {
    guard connections.removeValue(forKey: connection.id) != nil else { return }
    Glibc.close(connection.descriptor)
    metrics.connectionClosed()
    if case .streaming(let writer, _, _) = connection.state { writer.markClosed() }
    connection.state = .closed
    if draining && connections.isEmpty { running = false }
  }

  // MARK: Timeouts and draining

  private func sweep() {
    for connection in Array(connections.values) {
      let quiet = now &- connection.lastActivity
      switch connection.state {
      case .head:
        if connection.headStartedAt != 0 && now &- connection.headStartedAt > core.headerTimeout {
          timeOut(connection)
        } else if connection.isIdle && quiet > core.idleTimeout {
          close(connection)
        }
      case .body, .chunked:
        if quiet > core.bodyTimeout { timeOut(connection) }
      case .lingering(let since):
        if now &- since > Self.lingerTime { close(connection) }
      case .streaming, .closing:
        if connection.hasPendingOutput && quiet > core.writeTimeout { close(connection) }
      case .waiting, .closed:
        break
      }
    }
    if draining && now > drainDeadline {
      for connection in Array(connections.values) { close(connection) }
      running = false
    }
  }

  /// Stops accepting and closes idle connections; busy ones close after their response.
  func beginDrain(gracePeriod: UInt64) {
    guard !draining else { return }
    draining = true
    drainDeadline = now + gracePeriod
    stopAccepting()
    for connection in Array(connections.values) {
      switch connection.state {
      case .streaming(let writer, let chunked, _):
        writer.markClosed()
        if chunked { HTTPSerializer.appendLastChunk(into: &connection.output) }
        connection.state = .closing
        flush(connection)
      default:
        if connection.isIdle { close(connection) }
      }
    }
    if connections.isEmpty { running = false }
  }

  /// Ends the loop at once (used when the server is torn down without a grace period).
  func stop() {
    draining = true
    running = false
  }

  /// The `Date` field for responses, formatted once per second (RFC 9110 §6.6.1).
  func currentDateField() -> [UInt8] {
    let second = time(nil)
    if second != dateSecond {
      dateSecond = second
      dateField = Array("Date: \(HTTPDate.format(second))\r\n".utf8)
    }
    return dateField
  }
}
