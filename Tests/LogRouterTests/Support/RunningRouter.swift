import Synchronization
import Wire

@testable import LogRouter

/// A router running `run()` on a thread of its own, for in-process tests.
final class RunningRouter: Sendable {
  let router: LogRouter.Router
  private let finished = Atomic<Bool>(false)

  init(_ config: String, metadata: FireLensMetadata = .test) throws {
    router = try LogRouter.Router(
      config: RouterConfig.parse(config, file: "test.conf"), metadata: metadata)
    let router = router
    LoopThread.detached(name: "test-router") { [self] in
      router.run()
      finished.store(true, ordering: .releasing)
    }
  }

  /// Waits up to `seconds` for `run()` to return.
  func waitUntilFinished(seconds: Double) async -> Bool {
    await eventually(within: seconds) { finished.load(ordering: .acquiring) }
  }
}

extension FireLensMetadata {
  static let test = FireLensMetadata(
    cluster: "workshop", taskID: "t-1", taskDefinition: "demo:3", containerName: "swan")
}
