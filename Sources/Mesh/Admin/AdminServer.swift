import Glibc
import Wire

/// Envoy's admin listener, on Wire's server (one loop: it is for humans and scrapers, not
/// the data path): `/stats` (histograms as P0…P100), `/stats/prometheus` (text format
/// 0.0.4), `/clusters` (`cluster::host::stat::value`), `/config_dump`, `/ready` (200 `LIVE`, or
/// 503 `INITIALIZING` while clusters warm, as Envoy answers) and
/// `/server_info`. Only reads are served with GET; changes come by POST (Envoy's rule).
public final class AdminServer: Sendable {
  private let server: HTTPServer
  public var address: SocketAddress { server.address }

  /// - Parameters:
  ///   - configDump: the configuration in force, as JSON.
  ///   - readiness: what `/ready` reports; without one the proxy is always `LIVE`.
  ///   - extraRoutes: further routes, such as `POST /config` in configuration mode.
  public init(
    address: SocketAddress, stats: ProxyStats, configDump: @escaping @Sendable () -> [UInt8],
    readiness: ProxyReadiness? = nil, extraRoutes: [Route] = []
  ) throws {
    let started = time(nil)
    let routes: [Route] = [
      Route(.get, "/stats", .inline { _ in Self.text(stats.renderText()) }),
      Route(
        .get, "/stats/prometheus",
        .inline { _ in
          HTTPResponse(
            contentType: ProxyStats.prometheusContentType, text: stats.renderPrometheus())
        }),
      Route(.get, "/clusters", .inline { _ in Self.text(stats.renderClusters()) }),
      Route(
        .get, "/config_dump",
        .inline { _ in
          HTTPResponse(headers: ["Content-Type": "application/json"], body: .bytes(configDump()))
        }),
      Route(
        .get, "/ready",
        .inline { _ in
          guard readiness?.isLive ?? true else {
            return HTTPResponse(
              status: .serviceUnavailable, contentType: "text/plain; charset=utf-8",
              text: "INITIALIZING\n")
          }
          return Self.text("LIVE\n")
        }),
      Route(
        .get, "/server_info",
        .inline { _ in
          HTTPResponse(
            contentType: "application/json",
            text:
              "{\"version\":\"sidecarlab\",\"state\":\"LIVE\",\"uptime_current_epoch\":\"\(time(nil) - started)s\",\"hot_restart_version\":\"disabled\"}\n"
          )
        }),
    ]
    var configuration = HTTPServer.Configuration(address: address, loops: 1)
    configuration.metricsPath = nil
    server = try HTTPServer(configuration: configuration, router: Router(routes + extraRoutes))
    server.start()
  }

  public func stop() {
    server.shutdown(gracePeriod: .seconds(1))
    server.waitUntilStopped()
  }

  private static func text(_ body: String) -> HTTPResponse {
    HTTPResponse(contentType: "text/plain; charset=utf-8", text: body)
  }
}
