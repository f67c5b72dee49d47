import Telemetry

/// Extension (App Mesh never had it, roadmap #107): `httpRoute.localRateLimit`, named after
/// Envoy's `envoy.filters.http.local_ratelimit`:
/// `{"tokenBucket": {"maxTokens": 100, "tokensPerFill": 10, "fillInterval": {"value": 1, "unit": "s"}}}`.
/// A request takes one token; with none left it is answered 429 with `x-envoy-ratelimited`, flag `RL`.
public struct LocalRateLimitConfig: Sendable, Equatable {
  public var maxTokens: Int
  public var tokensPerFill: Int
  public var fillInterval: MeshDuration

  public init(maxTokens: Int, tokensPerFill: Int = 1, fillInterval: MeshDuration) {
    self.maxTokens = maxTokens
    self.tokensPerFill = tokensPerFill
    self.fillInterval = fillInterval
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["tokenBucket"])
    let bucket = try reader.required("tokenBucket")
    _ = try bucket.members(allowed: ["maxTokens", "tokensPerFill", "fillInterval"])
    maxTokens = try bucket.required("maxTokens").int(in: 1...1_000_000_000)
    tokensPerFill = try bucket.optional("tokensPerFill")?.int(in: 1...1_000_000_000) ?? 1
    // Envoy requires fill_interval of at least 50 ms.
    fillInterval = try MeshDuration(bucket.required("fillInterval"), minimumMilliseconds: 50)
  }

  func write(to json: inout JSONWriter) {
    json.object("tokenBucket") { bucket in
      bucket.field("maxTokens", maxTokens)
      bucket.field("tokensPerFill", tokensPerFill)
      bucket.field("fillInterval", fillInterval)
    }
  }
}
