import Sandbox

extension WebApp {
  /// Starts the learner's sandbox (or returns the running one) with their event's idle-stop
  /// time, and puts it on their timeline for instructors (issue #5 items 1, 3). The page form
  /// and the API both start through here.
  func startSandbox(_ service: SandboxService, learnerID: Int64) async throws -> SandboxStatus {
    let status = try await service.start(learnerID: learnerID)
    try applyIdleStop(service, learnerID: learnerID)
    recordLearnerActivity(
      learnerID: learnerID, kind: "sandbox.started", detail: "Started the sandbox")
    return status
  }

  /// Stops the learner's sandbox and puts it on their timeline.
  func stopSandbox(_ service: SandboxService, learnerID: Int64) async throws {
    try await service.stop(learnerID: learnerID)
    recordLearnerActivity(
      learnerID: learnerID, kind: "sandbox.stopped", detail: "Stopped the sandbox")
  }
}
