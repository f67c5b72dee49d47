import Dispatch
import Metrics
import Wire

/// `sidecarlab metrics --statsd ADDR --http ADDR --data FILE [--scrape 'JOB=URL;…'
/// --scrape-interval-ms N] [--max-series N]`: the metrics agent beside a sandbox. Prints
/// `statsd on HOST:PORT` and `http on HOST:PORT` to stderr once bound; stops on SIGTERM/SIGINT.
enum MetricsCommand {
  static let knownOptions: Set<String> = [
    "statsd", "http", "data", "scrape", "scrape-interval-ms", "max-series",
  ]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let agent = try MetricsAgent(
        configuration: configuration(Options(arguments, known: knownOptions)))
      agent.start()
      logToStandardError("statsd on \(agent.receiver.address)")
      logToStandardError("http on \(agent.server.address)")
      let stopped = DispatchSemaphore(value: 0)
      let signals = TerminationSignals { _ in
        agent.stop()
        stopped.signal()
      }
      stopped.wait()
      signals.cancel()
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab metrics: \(error)")
      return 2
    } catch {
      logToStandardError("sidecarlab metrics: \(error)")
      return 1
    }
  }

  private static func configuration(_ options: Options) throws -> MetricsAgent.Configuration {
    var configuration = MetricsAgent.Configuration(
      statsd: try address(options, "statsd"), http: try address(options, "http"))
    guard let data = options["data"], !data.isEmpty else {
      throw UsageError("--data FILE is required (the SQLite file for the minute buckets)")
    }
    configuration.dataPath = data
    if let text = options["scrape"] {
      do { configuration.scrapeTargets = try ScrapeTarget.list(text) } catch {
        throw UsageError("--scrape: \(error)")
      }
    }
    if let text = options["scrape-interval-ms"] {
      guard let milliseconds = Int(text), (100...3_600_000).contains(milliseconds) else {
        throw UsageError("--scrape-interval-ms wants 100–3600000")
      }
      configuration.scrapeInterval = .milliseconds(milliseconds)
    }
    if let text = options["max-series"] {
      guard let count = Int(text), (1...1_000_000).contains(count) else {
        throw UsageError("--max-series wants 1–1000000")
      }
      configuration.maxSeries = count
    }
    return configuration
  }

  private static func address(_ options: Options, _ name: String) throws -> SocketAddress {
    guard let text = options[name] else { throw UsageError("--\(name) HOST:PORT is required") }
    guard let address = SocketAddress(text) else {
      throw UsageError("--\(name) wants HOST:PORT with a numeric host, got '\(text)'")
    }
    return address
  }
}
