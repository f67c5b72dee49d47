import CLinux
import Glibc

extension SandboxAgent {
  /// The environment variable that tells the log router which inherited descriptors carry
  /// which streams.
  static let logStreamsVariable = "SIDECARLAB_LOG_STREAMS"

  /// Creates the route pipes of a task: one per stream (stdout, then stderr) of each
  /// `awsfirelens` container, in the order the containers are listed; none without a log
  /// router. Both ends are close-on-exec; the write end is non-blocking. Each route's token
  /// stands for it in the watches; epoll reports it only while the pipe is full.
  func makeRoutes(for definition: TaskDefinition, state: inout AgentState) throws(SandboxError)
    -> [RoutePipe]
  {
    guard definition.logRouter != nil else { return [] }
    var routes: [RoutePipe] = []
    for container in definition.routedContainers {
      for stream in [LogLine.Stream.stdout, .stderr] {
        var ends: [Int32] = [-1, -1]
        guard clinux_pipe_cloexec(&ends) == 0 else {
          let message = String(cString: strerror(errno))
          closeRoutes(routes, state: &state)
          throw .system("cannot create the log route pipes: pipe2: \(message)")
        }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let route = RoutePipe(
          container: container.name, stream: stream, parser: container.logConfiguration?.parser,
          readDescriptor: ends[0], writeDescriptor: ends[1], token: state.token())
        state.watches[route.token] = .route(route)
        routes.append(route)
      }
    }
    return routes
  }

  /// `SIDECARLAB_LOG_STREAMS` for the router: one `fd:container:source:parser` entry per
  /// route pipe, joined by commas, where `fd` is the descriptor the router inherits the read
  /// end as (3, 4, 5, … in `routes` order, see ``ProcessSpawner``), `source` is `stdout` or
  /// `stderr` and `parser` is empty when there is none:
  /// `3:swan:stdout:json,4:swan:stderr:json`. Container and parser names hold no `:` or `,`
  /// (validated: `[a-z0-9_-]` and built-in parser names).
  static func logStreams(_ routes: [RoutePipe]) -> String {
    routes.enumerated().map { index, route in
      "\(3 + index):\(route.container):\(route.stream.rawValue):\(route.parser ?? "")"
    }.joined(separator: ",")
  }

  /// Closes route pipes (the sandbox stopped, or its start failed): a watched write end
  /// leaves epoll, paused readers resume (their output still reaches the log sink), and
  /// whatever was pending or still in a pipe is dropped with the router gone.
  func closeRoutes(_ routes: [RoutePipe], state: inout AgentState) {
    for route in routes {
      if route.isBlocked {
        _ = clinux_epoll_ctl(epollDescriptor, CLINUX_EPOLL_CTL_DEL, route.writeDescriptor, 0, 0)
      }
      state.watches[route.token] = nil
      for reader in route.paused { resume(reader) }
      route.paused.removeAll()
      route.close()
    }
  }
}
