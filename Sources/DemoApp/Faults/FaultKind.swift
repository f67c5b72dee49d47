/// The faults an app can be told to inject, each with its bounded parameters (DESIGN.md, fault catalog).
public enum FaultKind: String, CaseIterable, Sendable {
  case latency
  case errors
  case crash
  case memoryLeak = "memory-leak"
  case cpuHog = "cpu-hog"
  case failingHealth = "failing-health"
  case logFlood = "log-flood"

  /// The parameters a `PUT /faults/{kind}` body must carry, all of them and nothing else.
  public var parameters: [FaultParameter] {
    switch self {
    case .latency:
      [
        FaultParameter("fixed_ms", 0...60_000, default: 1_000),
        FaultParameter("jitter_ms", 0...60_000, default: 0),
        FaultParameter("percent", 0...100, default: 100),
      ]
    case .errors:
      [
        FaultParameter("status", 400...599, default: 500),
        FaultParameter("percent", 0...100, default: 50),
      ]
    case .crash:
      [
        FaultParameter("exit_code", 1...255, default: 1),
        FaultParameter("after_requests", 0...1_000_000, default: 0),
      ]
    case .memoryLeak:
      [FaultParameter("mb_per_second", 1...256, default: 8)]
    case .cpuHog:
      [FaultParameter("percent", 1...100, default: 50)]
    case .failingHealth:
      []
    case .logFlood:
      [FaultParameter("lines_per_second", 1...10_000, default: 100)]
    }
  }

  /// What the fault does, for the catalog.
  public var summary: String {
    switch self {
    case .latency: "delay a share of requests by fixed_ms plus up to jitter_ms"
    case .errors: "answer a share of requests with the given status"
    case .crash: "exit with exit_code after answering after_requests more requests (0: now)"
    case .memoryLeak: "allocate and touch mb_per_second MB every second until stopped or killed"
    case .cpuHog: "keep percent of one core busy"
    case .failingHealth: "answer 503 on /health"
    case .logFlood: "print lines_per_second JSON lines to standard output"
    }
  }
}
