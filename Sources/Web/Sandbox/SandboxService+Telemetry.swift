/// Where a learner's telemetry lives: in the sandbox's folder, in the working folder of the
/// process that writes it (`<sandboxRoot>/learner-<id>/<container>/<file>`), so deleting the
/// sandbox deletes its telemetry (DESIGN.md "Storage"). The one place the rule is written;
/// logs, traces and metrics all ask here.
extension SandboxService {
  /// `<sandboxRoot>/learner-<id>/<file>`; `file` is `<container>/<name>`, chosen by the server
  /// to match the task definition (e.g. `tracer/traces.sqlite`).
  func telemetryPath(learnerID: Int64, file: String) -> String {
    [agent.configuration.root, Self.sandboxID(learnerID: learnerID), file].joined(separator: "/")
  }
}
