import DemoApp
import Glibc
import Wire

/// `sidecarlab loadgen --target HOST:PORT [--rate 5] [--duration SECONDS] [--paths MIX]`:
/// steady traffic with a weighted mix of paths; ends cleanly on SIGTERM or SIGINT.
enum LoadgenCommand {
  static let knownOptions: Set<String> = ["target", "rate", "duration", "paths"]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let generator = LoadGenerator(
        configuration: try configuration(Options(arguments, known: knownOptions)))
      let signals = TerminationSignals { _ in generator.stop() }
      generator.run()
      signals.cancel()
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab loadgen: \(error)")
      return 2
    } catch {
      logToStandardError("sidecarlab loadgen: \(error)")
      return 2
    }
  }

  private static func configuration(_ options: Options) throws -> LoadGenerator.Configuration {
    guard let text = options["target"], let target = SocketAddress(text) else {
      throw UsageError("--target HOST:PORT (numeric host) is required")
    }
    var configuration = LoadGenerator.Configuration(
      target: target, mix: try LoadMix(options["paths"] ?? LoadMix.standard))
    if let text = options["rate"] {
      guard let rate = Double(text), LoadPacer.rates.contains(rate) else {
        throw UsageError("--rate wants requests per second, 0.1–1000")
      }
      configuration.rate = rate
    }
    if let text = options["duration"] {
      guard let seconds = Double(text), seconds > 0, seconds <= 30 * 24 * 3600 else {
        throw UsageError("--duration wants seconds, more than 0 and at most 30 days")
      }
      configuration.duration = seconds
    }
    return configuration
  }
}
