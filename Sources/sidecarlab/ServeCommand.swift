import Dispatch
import Foundation
import Web
import Wire

/// `sidecarlab serve`: the lab server on an embedded default, stopped gracefully by SIGTERM/SIGINT.
enum ServeCommand {
  static let knownOptions: Set<String> = [
    "listen", "data", "public", "labs", "event-code", "workers", "grace", "secure-cookies",
  ]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: knownOptions)
      let listen = options["listen"] ?? "127.0.0.1:8080"
      guard let address = SocketAddress(listen) else {
        throw UsageError("--listen wants HOST:PORT with a numeric host, got '\(listen)'")
      }
      var web = WebConfiguration(dataFolder: options["data"] ?? "data")
      web.publicFolder = options["public"] ?? "Public"
      web.labsFolder = options["labs"] ?? "Labs"
      web.eventCode = options["event-code"]
      web.sandboxRoot = web.dataFolder + "/sandboxes"
      switch options["secure-cookies"] {
      case nil, "no": web.secureCookies = false
      case "yes": web.secureCookies = true
      case let other?: throw UsageError("--secure-cookies wants yes or no, got '\(other)'")
      }
      let app = try WebApp(configuration: web)

      var configuration = HTTPServer.Configuration(address: address)
      if let workers = options["workers"] {
        guard let count = Int(workers), (1...64).contains(count) else {
          throw UsageError("--workers wants 1–64")
        }
        configuration.loops = count
      }
      let grace =
        try options["grace"].map { text throws(UsageError) in
          guard let seconds = Int(text), (0...3600).contains(seconds) else {
            throw UsageError("--grace wants seconds, 0–3600")
          }
          return seconds
        } ?? 10
      app.configure(&configuration)
      let server = try HTTPServer(configuration: configuration, router: Router(app.routes()))
      server.start()
      app.startBackgroundWork()

      logToStandardError("listening on http://\(server.address)")
      logToStandardError("event: \(app.event.name)")
      logToStandardError("event code: \(app.event.code)")
      if let problem = app.sandboxAgent?.accessProblem { logToStandardError("warning: \(problem)") }
      if let token = try app.bootstrapTokenIfNeeded() {
        logToStandardError(
          "first start: create the first instructor at http://\(server.address)/bootstrap/\(token) (works once)"
        )
      }
      let signals = TerminationSignals { number in
        logToStandardError("signal \(number): finishing in-flight requests (up to \(grace) s)")
        server.shutdown(gracePeriod: .seconds(grace))
      }
      server.waitUntilStopped()
      app.shutdown()
      signals.cancel()
      logToStandardError("stopped")
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab serve: \(error)\n\n\(Usage.text)")
      return 2
    } catch {
      logToStandardError("sidecarlab serve: \(error)")
      return 1
    }
  }
}
