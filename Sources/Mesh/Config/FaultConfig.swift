import Telemetry

/// Extension (App Mesh never had it, roadmap #36): `httpRoute.fault`, named after Envoy's
/// `envoy.filters.http.fault`:
/// `{"abort": {"httpStatus": 503, "percentage": 10}, "delay": {"fixedDelay": {"value": 2, "unit": "s"},
/// "percentage": 50}, "headerOverrides": true}`.
/// Percentages are 0–100 (default 100). With `headerOverrides`, a request's
/// `x-envoy-fault-abort-request` (status) and `x-envoy-fault-delay-request` (milliseconds) replace
/// the configured status and delay — so `httpStatus`/`fixedDelay` may then be left out — and
/// `x-envoy-fault-abort-request-percentage` / `x-envoy-fault-delay-request-percentage` lower the
/// configured percentage (never raise it, as in Envoy). Aborts answer with body
/// `fault filter abort` and flag `FI`; delays add flag `DI`.
public struct FaultConfig: Sendable, Equatable {
  public struct Abort: Sendable, Equatable {
    public var httpStatus: Int?
    public var percentage: Double

    public init(httpStatus: Int?, percentage: Double = 100) {
      self.httpStatus = httpStatus
      self.percentage = percentage
    }
  }

  public struct Delay: Sendable, Equatable {
    public var fixedDelay: MeshDuration?
    public var percentage: Double

    public init(fixedDelay: MeshDuration?, percentage: Double = 100) {
      self.fixedDelay = fixedDelay
      self.percentage = percentage
    }
  }

  public var abort: Abort?
  public var delay: Delay?
  public var headerOverrides: Bool

  public init(abort: Abort? = nil, delay: Delay? = nil, headerOverrides: Bool = false) {
    self.abort = abort
    self.delay = delay
    self.headerOverrides = headerOverrides
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["abort", "delay", "headerOverrides"])
    headerOverrides = try reader.optional("headerOverrides")?.bool() ?? false
    if let abort = try reader.optional("abort") {
      _ = try abort.members(allowed: ["httpStatus", "percentage"])
      let status = try abort.optional("httpStatus")?.int(in: 200...599)
      if status == nil, !headerOverrides { _ = try abort.required("httpStatus") }
      self.abort = Abort(
        httpStatus: status, percentage: try abort.optional("percentage")?.double(in: 0...100) ?? 100
      )
    }
    if let delay = try reader.optional("delay") {
      _ = try delay.members(allowed: ["fixedDelay", "percentage"])
      let fixed = try delay.optional("fixedDelay").map { r throws(MeshConfigError) in
        try MeshDuration(r)
      }
      if fixed == nil, !headerOverrides { _ = try delay.required("fixedDelay") }
      self.delay = Delay(
        fixedDelay: fixed, percentage: try delay.optional("percentage")?.double(in: 0...100) ?? 100)
    }
    guard abort != nil || delay != nil else { throw reader.error("must give abort or delay") }
  }

  func write(to json: inout JSONWriter) {
    if let abort {
      json.object("abort") { object in
        if let status = abort.httpStatus { object.field("httpStatus", status) }
        object.field("percentage", abort.percentage)
      }
    }
    if let delay {
      json.object("delay") { object in
        if let fixed = delay.fixedDelay { object.field("fixedDelay", fixed) }
        object.field("percentage", delay.percentage)
      }
    }
    if headerOverrides { json.field("headerOverrides", true) }
  }
}
