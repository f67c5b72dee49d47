import Glibc

extension SandboxAgent {
  /// The extra time the log router gets after the grace period of the containers it routes,
  /// to store what they wrote last.
  static let routerDrainMillis: UInt64 = 1000

  /// A stopping sandbox's log router is not sent SIGTERM with the rest (a router that stops
  /// reading would leave the containers' last lines in its pipes): it is thawed should it be
  /// frozen, and gets SIGKILL only after the grace period plus ``routerDrainMillis``. It ends
  /// by itself once ``stopRouterIfLast(_:)`` has closed the route pipes' write ends and it
  /// has read them to the end — as ECS stops a FireLens container after the containers that
  /// depend on it.
  func deferStop(ofRouter router: SupervisedProcess, now: UInt64) {
    router.cause = "stopped by the agent after the containers it routes"
    Glibc.kill(-router.pid, SIGCONT)
    router.lifecycle.thaw()
    router.killAt = now + configuration.stopGraceMillis + Self.routerDrainMillis
  }

  /// Once every other process of a stopping sandbox has exited and every routed container's
  /// output has been read to its end (and forwarded: a paused reader is still open), closes
  /// the route pipes' write ends, so the router reads what is left, delivers it and exits.
  func stopRouterIfLast(_ runtime: SandboxRuntime) {
    guard runtime.stopping, let router = runtime.router, router.isAlive,
      runtime.routes.contains(where: \.isOpen),
      runtime.processes.allSatisfy({ process in
        process === router
          || (!process.isAlive && (process.routes.isEmpty || process.readers.isEmpty))
      })
    else { return }
    for route in runtime.routes { route.closeWriteEnd() }
  }
}
