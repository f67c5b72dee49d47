import Dispatch
import Tracer
import Wire

/// `sidecarlab tracer [--udp ADDR] [--http ADDR] --data FILE [--retention-segments N]`: one
/// sandbox's trace daemon. UDP defaults to 127.0.0.1:2000 (the X-Ray daemon's port), HTTP to
/// 127.0.0.1:2001. Prints `udp on HOST:PORT` then `http on HOST:PORT` to stderr once bound.
enum TracerCommand {
  static let knownOptions: Set<String> = ["udp", "http", "data", "retention-segments"]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: knownOptions)
      guard options.positional.isEmpty else {
        throw UsageError("unexpected argument \(options.positional[0])")
      }
      let daemon = try TraceDaemon(configuration: configuration(options))
      daemon.start()
      logToStandardError("udp on \(daemon.listener.address)")
      logToStandardError("http on \(daemon.server.address)")
      let stopped = DispatchSemaphore(value: 0)
      let signals = TerminationSignals { _ in stopped.signal() }
      stopped.wait()
      signals.cancel()
      daemon.shutdown()
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab tracer: \(error)")
      return 2
    } catch {
      logToStandardError("sidecarlab tracer: \(error)")
      return 1
    }
  }

  private static func configuration(_ options: Options) throws -> TraceDaemon.Configuration {
    guard let data = options["data"], !data.isEmpty else {
      throw UsageError("--data FILE is required (the trace store's SQLite file)")
    }
    var configuration = TraceDaemon.Configuration(
      udpAddress: try address(options, "udp", default: "127.0.0.1:2000"),
      httpAddress: try address(options, "http", default: "127.0.0.1:2001"), dataPath: data)
    if let text = options["retention-segments"] {
      guard let count = Int(text), (1...100_000_000).contains(count) else {
        throw UsageError("--retention-segments wants a whole number from 1 to 100000000")
      }
      configuration.retentionSegments = count
    }
    return configuration
  }

  private static func address(_ options: Options, _ name: String, default fallback: String)
    throws -> SocketAddress
  {
    let text = options[name] ?? fallback
    guard let address = SocketAddress(text) else {
      throw UsageError("--\(name) wants HOST:PORT with a numeric host, got \(text)")
    }
    return address
  }
}
