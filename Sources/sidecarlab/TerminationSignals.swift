import Dispatch
import Glibc

/// SIGTERM and SIGINT delivered to a handler on a Dispatch queue instead of killing the
/// process, so each command can stop gracefully. `cancel()` restores nothing: the command is
/// ending anyway.
struct TerminationSignals {
  private let sources: [any DispatchSourceSignal]

  /// Runs `handler` with the signal's number each time SIGTERM or SIGINT arrives.
  init(_ handler: @escaping @Sendable (Int32) -> Void) {
    sources = [SIGTERM, SIGINT].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { handler(number) }
      source.resume()
      return source
    }
  }

  func cancel() { sources.forEach { $0.cancel() } }
}
