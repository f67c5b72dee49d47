/// The check kinds known today; later issues register theirs beside these.
extension CheckKind {
  /// A process's state, health, restart count or last exit (the sandbox agent's status API).
  public static let sandbox = CheckKind(
    name: "sandbox",
    fields: [
      CheckFieldRule("process", required: true),
      CheckFieldRule(
        "state",
        .oneOf([
          "starting", "running", "healthy", "unhealthy", "frozen", "backing-off", "stopped",
          "crash-loop",
        ])),
      CheckFieldRule("health", .oneOf(["unknown", "healthy", "unhealthy"])),
      CheckFieldRule("restarts-at-least", .integer(1...1000)),
      CheckFieldRule("last-exit-code", .integer(0...255)),
      CheckFieldRule(
        "last-exit-signal",
        .oneOf([
          "SIGHUP", "SIGINT", "SIGQUIT", "SIGABRT", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
          "SIGTERM",
        ])),
    ],
    exactlyOneOf: ["state", "health", "restarts-at-least", "last-exit-code", "last-exit-signal"])

  /// The learner triggered a fault of a kind (the app faults and the agent's freeze and kill).
  public static let fault = CheckKind(
    name: "fault",
    fields: [
      CheckFieldRule(
        "kind", required: true,
        .oneOf([
          "latency", "errors", "crash", "memory-leak", "cpu-hog", "failing-health", "log-flood",
          "freeze", "kill",
        ])),
      CheckFieldRule("target"),
    ])

  /// The step's answer block is the question; the check holds once it was answered correctly.
  public static let answer = CheckKind(name: "answer", fields: [])
}
