/// Everything the agent knows, behind its one mutex: the sandboxes, what each epoll token
/// watches, the user ids in use, and the next sampling time.
struct AgentState {
  var sandboxes: [String: SandboxRuntime] = [:]
  var watches: [UInt64: Watch] = [:]
  var nextToken: UInt64 = 2
  var nextSerial: UInt64 = 1
  var nextSampleAt: UInt64 = 0
  /// When the loop next walks the schedule (the earliest deadline it found last time).
  var nextDue: UInt64 = 0
  var running = true
  /// StatsD datagrams of resource samples the kernel refused (see `SandboxAgent.report`).
  var metricsSendFailures = 0
  /// Scratch space for pipe reads, reused so reading allocates nothing.
  var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

  mutating func token() -> UInt64 {
    defer { nextToken += 1 }
    return nextToken
  }
}
