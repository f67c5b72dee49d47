import Tracer

/// The learner's trace store: `traces.sqlite` in the working folder of the sandbox's trace
/// daemon, `tracer` (``SandboxService/telemetryPath(learnerID:file:)``, `TaskDefinition.demo`).
extension SandboxService: TraceStoreSource {
  /// The trace daemon's store file, under its container's folder.
  static let tracesFileName = "tracer/traces.sqlite"

  /// Every learner's open trace store, shared by the apps of this process.
  static let traceStores = TelemetryStoreCache<TraceStore>(capacity: 32) { path in
    try TraceStore(path: path)
  }

  func traceStore(learnerID: Int64) throws -> TraceStore? {
    try Self.traceStores.store(at: telemetryPath(learnerID: learnerID, file: Self.tracesFileName))
  }
}
