import Synchronization
import Wire

/// Runs `body` against a server on 127.0.0.1:0 with `routes`, and always stops it after.
func withServer<R>(
  _ routes: [Route], configure: (inout HTTPServer.Configuration) -> Void = { _ in },
  _ body: (HTTPServer) async throws -> R
) async throws -> R {
  var configuration = HTTPServer.Configuration(address: SocketAddress("127.0.0.1:0")!, loops: 2)
  configuration.log = { _ in }
  configure(&configuration)
  let server = try HTTPServer(configuration: configuration, router: Router(routes))
  server.start()
  do {
    let result = try await body(server)
    server.shutdown(gracePeriod: .milliseconds(100))
    server.waitUntilStopped()
    return result
  } catch {
    server.shutdown(gracePeriod: .milliseconds(100))
    server.waitUntilStopped()
    throw error
  }
}

/// A one-shot gate a test opens to let a waiting handler go on.
final class Gate: Sendable {
  private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

  func wait() async {
    await withCheckedContinuation { continuation in
      let resumeNow = state.withLock { state in
        if state.open { return true }
        state.waiters.append(continuation)
        return false
      }
      if resumeNow { continuation.resume() }
    }
  }

  func open() {
    let waiters = state.withLock { state in
      state.open = true
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }
}

/// Waits (polling with a deadline) until `condition` holds.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return condition()
}
