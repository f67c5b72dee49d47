import LogRouter

/// The learner's log store: `logs.sqlite` in the working folder of the sandbox's log router,
/// `logrouter` (``SandboxService/telemetryPath(learnerID:file:)``).
extension SandboxService: LogStoreSource {
  /// The log router's store file, under its container's folder.
  static let logsFileName = "logrouter/logs.sqlite"

  /// Every learner's open log store, shared by the apps of this process.
  static let logStores = TelemetryStoreCache<LogStore>(capacity: 32) { path in
    try LogStore(path: path)
  }

  /// The learner's log store, or `nil` while their sandbox has logged nothing yet.
  func logStore(learnerID: Int64) throws -> LogStore? {
    try Self.logStores.store(at: telemetryPath(learnerID: learnerID, file: Self.logsFileName))
  }
}
