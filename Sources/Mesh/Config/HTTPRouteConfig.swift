import Telemetry

/// A route's `spec.httpRoute`: match, weighted targets, retry policy and timeout as in App Mesh,
/// plus the two extensions `localRateLimit` and `fault` (see their types).
public struct HTTPRouteConfig: Sendable, Equatable {
  public var match: RouteMatchConfig
  /// `action.weightedTargets`, 1–10 of them.
  public var weightedTargets: [WeightedTargetConfig]
  public var retryPolicy: RetryPolicyConfig?
  public var timeout: TimeoutConfig?
  public var localRateLimit: LocalRateLimitConfig?
  public var fault: FaultConfig?

  public init(
    match: RouteMatchConfig, weightedTargets: [WeightedTargetConfig],
    retryPolicy: RetryPolicyConfig? = nil,
    timeout: TimeoutConfig? = nil, localRateLimit: LocalRateLimitConfig? = nil,
    fault: FaultConfig? = nil
  ) {
    self.match = match
    self.weightedTargets = weightedTargets
    self.retryPolicy = retryPolicy
    self.timeout = timeout
    self.localRateLimit = localRateLimit
    self.fault = fault
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "match", "action", "retryPolicy", "timeout", "localRateLimit", "fault",
    ])
    match = try RouteMatchConfig(reader.required("match"))
    let action = try reader.required("action")
    _ = try action.members(allowed: ["weightedTargets"])
    let targets = try action.required("weightedTargets")
    weightedTargets = []
    for target in try targets.array(count: 1...10) {
      weightedTargets.append(try WeightedTargetConfig(target))
    }
    guard weightedTargets.contains(where: { $0.weight > 0 }) else {
      throw targets.error("at least one weight must be above 0")
    }
    retryPolicy = try reader.optional("retryPolicy").map { r throws(MeshConfigError) in
      try RetryPolicyConfig(r)
    }
    timeout = try reader.optional("timeout").map { r throws(MeshConfigError) in try TimeoutConfig(r)
    }
    localRateLimit = try reader.optional("localRateLimit").map { r throws(MeshConfigError) in
      try LocalRateLimitConfig(r)
    }
    fault = try reader.optional("fault").map { r throws(MeshConfigError) in try FaultConfig(r) }
  }

  func write(to json: inout JSONWriter) {
    json.object("match") { match.write(to: &$0) }
    json.object("action") { action in
      action.objects("weightedTargets", weightedTargets) { json, target in target.write(to: &json) }
    }
    if let retryPolicy { json.object("retryPolicy") { retryPolicy.write(to: &$0) } }
    if let timeout { json.object("timeout") { timeout.write(to: &$0) } }
    if let localRateLimit { json.object("localRateLimit") { localRateLimit.write(to: &$0) } }
    if let fault { json.object("fault") { fault.write(to: &$0) } }
  }
}
