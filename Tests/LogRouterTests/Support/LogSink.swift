import Synchronization
import Wire

@testable import LogRouter

/// An HTTP receiver for the router's `http` output that counts every numbered line it
/// accepts (`line <n>` in `log`), and can be made slow or failing.
final class LogSink: Sendable {
  enum Mode: Sendable {
    case ok
    case slow(milliseconds: Int)
    case failing
  }

  private struct State {
    var mode = Mode.ok
    var counts: [Int: Int] = [:]
    var lines = 0
    var refused = 0
  }
  private final class Shared: Sendable {
    let state = Mutex(State())
  }
  private let shared = Shared()
  let server: HTTPServer

  init() throws {
    var configuration = HTTPServer.Configuration(address: SocketAddress("127.0.0.1:0")!, loops: 1)
    configuration.metricsPath = nil
    let shared = shared
    server = try HTTPServer(
      configuration: configuration,
      router: Wire.Router([
        Route(
          .post, "/logs", bodyLimit: 64 * 1024 * 1024,
          .task { request in
            switch shared.state.withLock({ $0.mode }) {
            case .failing:
              shared.state.withLock { $0.refused += 1 }
              return HTTPResponse(status: HTTPStatus(500, "Internal Server Error"))
            case .slow(let milliseconds):
              try await Task.sleep(for: .milliseconds(milliseconds))
            case .ok:
              break
            }
            let numbers = Self.numbers(in: request.body)
            shared.state.withLock { state in
              for number in numbers { state.counts[number, default: 0] += 1 }
              state.lines += numbers.count
            }
            return HTTPResponse(status: .ok)
          })
      ]))
    server.start()
  }

  static func numbers(in body: [UInt8]) -> [Int] {
    body.split(separator: 0x0A).compactMap { line in
      guard let record = try? LogRecord.fromJSONLine(line, tag: ""),
        case .string(let text) = record["log"] ?? .null, text.hasPrefix("line ")
      else { return nil }
      return Int(text.dropFirst(5))
    }
  }

  var mode: Mode {
    get { shared.state.withLock { $0.mode } }
    set { shared.state.withLock { $0.mode = newValue } }
  }

  var lines: Int { shared.state.withLock { $0.lines } }
  var refused: Int { shared.state.withLock { $0.refused } }
  var counts: [Int: Int] { shared.state.withLock { $0.counts } }

  func stop() {
    server.shutdown(gracePeriod: .milliseconds(100))
    server.waitUntilStopped()
  }
}
