import Glibc
import Mesh
import Synchronization
import Wire

/// A running proxy in front of a test upstream, with its access log captured. `stop()` ends
/// its loops and closes its sockets, and stops the upstream stub it owns, if any.
final class ProxyHarness: Sendable {
  let proxy: ProxyServer
  private let log = CapturedLog()
  private let ownedUpstream: UpstreamStub?

  /// Quick mode in front of `upstream`, which ``stop()`` stops too.
  convenience init(owning upstream: UpstreamStub) throws {
    try self.init(
      configuration: try ProxyServer.Configuration(
        listen: SocketAddress("127.0.0.1:0")!, upstream: upstream.address),
      owning: upstream)
  }

  convenience init(
    upstream: SocketAddress,
    configure: (inout ProxyServer.Configuration) -> Void = { _ in }
  ) throws {
    var configuration = try ProxyServer.Configuration(
      listen: SocketAddress("127.0.0.1:0")!, upstream: upstream)
    configure(&configuration)
    try self.init(configuration: configuration)
  }

  init(configuration: ProxyServer.Configuration, owning upstream: UpstreamStub? = nil) throws {
    ownedUpstream = upstream
    var configuration = configuration
    let log = self.log
    configuration.accessLog = { text in log.append(text) }
    proxy = try ProxyServer(configuration: configuration)
    proxy.start()
  }

  func client() throws -> TestClient { try TestClient(proxy.address) }

  /// Waits until the access log holds at least `count` lines, then returns them.
  func accessLog(count: Int, timeout: Duration = .seconds(5)) -> [String] {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      let current = log.lines
      if current.count >= count { return current }
      usleep(2000)
    }
    return log.lines
  }

  func stop() {
    proxy.stop()
    proxy.waitUntilStopped()
    ownedUpstream?.stop()
  }
}

extension ProxyHarness {
  /// Sends `request` through a quick-mode proxy whose upstream answers `response` to every
  /// request: the proxy's answer, the request heads the upstream received and, when
  /// `awaitingClose`, whether the proxy then closed the connection (within 5 s). Proxy and
  /// upstream are stopped before this returns.
  static func exchange(
    _ request: String, upstreamAnswers response: String, awaitingClose: Bool = false
  ) throws -> (response: TestClient.Response, forwarded: [String], closed: Bool) {
    let upstream = try RawUpstream { _ in .respond(Array(response.utf8)) }
    let harness = try ProxyHarness(upstream: upstream.address)
    defer {
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    try client.send(request)
    let answer = try client.response()
    let closed = awaitingClose ? try client.waitForClose() : false
    return (answer, upstream.receivedHeads, closed)
  }
}
