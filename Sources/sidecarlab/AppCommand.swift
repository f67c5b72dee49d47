import DemoApp
import Glibc
import Wire

/// `sidecarlab app --service swan|unicorn --listen HOST:PORT --control HOST:PORT --instance ID
/// --version V [--upstream HOST:PORT [--upstream-host NAME]] [--upstream-timeout-ms N]`: one demo
/// app process; `--upstream-host` is the `Host` swan sends (the virtual service its sidecar routes by).
/// Environment: `SIDECARLAB_CONTROL_TOKEN` (required), `AWS_XRAY_DAEMON_ADDRESS`, `ECS_CONTAINER_NAME`.
/// Prints `listening on HOST:PORT` then `control on HOST:PORT` to stderr once bound.
enum AppCommand {
  static let knownOptions: Set<String> = [
    "service", "listen", "control", "instance", "version", "upstream", "upstream-host",
    "upstream-timeout-ms",
  ]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let configuration = try configuration(Options(arguments, known: knownOptions))
      let app = try DemoApplication(configuration: configuration)
      app.start()
      logToStandardError("listening on \(app.service.address)")
      logToStandardError("control on \(app.control.address)")
      let signals = TerminationSignals { _ in app.shutdown(gracePeriod: .seconds(5)) }
      app.waitUntilStopped()
      signals.cancel()
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab app: \(error)")
      return 2
    } catch {
      logToStandardError("sidecarlab app: \(error)")
      return 1
    }
  }

  private static func configuration(_ options: Options) throws -> AppConfiguration {
    guard let name = options["service"], let service = DemoService(rawValue: name) else {
      throw UsageError("--service wants swan or unicorn")
    }
    let listen = try address(options, "listen", required: true)!
    let control = try address(options, "control", required: true)!
    let instance = options["instance"] ?? "\(name)-1"
    let version = options["version"] ?? "v1"
    for (option, value) in [("instance", instance), ("version", version)] {
      guard (1...64).contains(value.utf8.count),
        value.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
      else {
        throw UsageError("--\(option) wants 1–64 visible ASCII characters")
      }
    }
    guard let token = getenv("SIDECARLAB_CONTROL_TOKEN").map({ String(cString: $0) }),
      !token.isEmpty
    else {
      throw UsageError("SIDECARLAB_CONTROL_TOKEN must be set (the control endpoint's bearer token)")
    }
    var configuration = AppConfiguration(
      identity: ServiceIdentity(service: service, instance: instance, version: version),
      listen: listen,
      control: control, controlToken: token,
      upstream: try address(options, "upstream", required: false))
    if service == .swan, configuration.upstream == nil {
      throw UsageError("swan needs --upstream HOST:PORT (where unicorn is reached)")
    }
    if let host = options["upstream-host"] {
      guard (1...253).contains(host.utf8.count),
        host.utf8.allSatisfy({
          $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":")
            || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0)
        })
      else {
        throw UsageError(
          "--upstream-host wants a lower-case host name (letters, digits, '-', '.', ':')")
      }
      configuration.upstreamHost = host
    }
    if let text = options["upstream-timeout-ms"] {
      guard let milliseconds = Int(text), (1...600_000).contains(milliseconds) else {
        throw UsageError("--upstream-timeout-ms wants 1–600000")
      }
      configuration.upstreamTimeout = .milliseconds(milliseconds)
    }
    if let daemon = getenv("AWS_XRAY_DAEMON_ADDRESS").map({ String(cString: $0) }), !daemon.isEmpty
    {
      configuration.daemon = daemon
    }
    configuration.containerName = getenv("ECS_CONTAINER_NAME").map { String(cString: $0) }
    return configuration
  }

  private static func address(_ options: Options, _ name: String, required: Bool) throws
    -> SocketAddress?
  {
    guard let text = options[name] else {
      if required { throw UsageError("--\(name) HOST:PORT is required") }
      return nil
    }
    guard let address = SocketAddress(text) else {
      throw UsageError("--\(name) wants HOST:PORT with a numeric host, got '\(text)'")
    }
    return address
  }
}
