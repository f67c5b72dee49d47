import Telemetry
import Wire

/// One demo app process: the service listener (swan or unicorn routes) and the control
/// listener for the agent, each one event loop.
public final class DemoApplication: Sendable {
  public let service: HTTPServer
  public let control: HTTPServer
  public let faults: FaultState

  /// Binds both listeners. The control address must be loopback.
  public init(configuration: AppConfiguration) throws {
    guard configuration.control.host == "127.0.0.1" || configuration.control.host == "::1" else {
      throw AppConfigurationError("the control listener must be on 127.0.0.1 or ::1")
    }
    guard !configuration.controlToken.isEmpty else {
      throw AppConfigurationError("the control token must not be empty")
    }
    var emitter: SegmentEmitter?
    if let daemon = configuration.daemon {
      guard let opened = SegmentEmitter(daemonAddress: daemon) else {
        throw AppConfigurationError(
          "cannot send segments to '\(daemon)': want HOST:PORT with a numeric host")
      }
      emitter = opened
    }
    let faults = FaultState()
    let identity = configuration.identity
    let instrumentation = Instrumentation(
      identity: identity, faults: faults,
      segments: emitter,
      containerName: configuration.containerName)
    let routes = DemoRoutes(configuration: configuration, instrumentation: instrumentation)

    var serviceConfiguration = HTTPServer.Configuration(address: configuration.listen, loops: 1)
    serviceConfiguration.metricsPath = nil
    serviceConfiguration.errorPage = { head, error in
      // Requests the router or parser refused are logged too: one line per request.
      if let head {
        let context =
          TraceContext.extract(from: head.headers)
          ?? TraceContext.start(epochSeconds: Int(WallClock.now()))
        instrumentation.log(
          head, status: error.status.code, time: WallClock.now(), duration: 0,
          requestID: RequestID.of(head.headers), traceID: context.traceID)
      }
      return .jsonError(error.status, error.message)
    }
    var controlConfiguration = HTTPServer.Configuration(address: configuration.control, loops: 1)
    controlConfiguration.metricsPath = nil
    controlConfiguration.errorPage = { _, error in .jsonError(error.status, error.message) }

    let endpoint = ControlEndpoint(
      token: configuration.controlToken, effects: FaultEffects(state: faults, identity: identity),
      errors: instrumentation.errors)
    service = try HTTPServer(configuration: serviceConfiguration, router: Router(routes.routes))
    control = try HTTPServer(configuration: controlConfiguration, router: Router(endpoint.routes))
    self.faults = faults
  }

  public func start() {
    service.start()
    control.start()
  }

  /// Stops both listeners, letting in-flight requests finish within `gracePeriod`.
  public func shutdown(gracePeriod: Duration) {
    service.shutdown(gracePeriod: gracePeriod)
    control.shutdown(gracePeriod: gracePeriod)
  }

  public func waitUntilStopped() {
    service.waitUntilStopped()
    control.waitUntilStopped()
  }
}
