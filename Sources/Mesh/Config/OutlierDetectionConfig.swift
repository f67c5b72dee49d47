import Telemetry

/// A listener's outlier detection (App Mesh `OutlierDetection`, Envoy `outlier_detection`):
/// `maxServerErrors` consecutive 5xx eject a host for `baseEjectionDuration` × times ejected.
public struct OutlierDetectionConfig: Sendable, Equatable {
  public var maxServerErrors: Int
  public var interval: MeshDuration
  public var baseEjectionDuration: MeshDuration
  public var maxEjectionPercent: Int

  /// Envoy's defaults: consecutive_5xx 5, interval 10 s, base_ejection_time 30 s, 10 %.
  public init(
    maxServerErrors: Int = 5, interval: MeshDuration = .seconds(10),
    baseEjectionDuration: MeshDuration = .seconds(30), maxEjectionPercent: Int = 10
  ) {
    self.maxServerErrors = maxServerErrors
    self.interval = interval
    self.baseEjectionDuration = baseEjectionDuration
    self.maxEjectionPercent = maxEjectionPercent
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "maxServerErrors", "interval", "baseEjectionDuration", "maxEjectionPercent",
    ])
    maxServerErrors = try reader.required("maxServerErrors").int(in: 1...1_000_000)
    interval = try MeshDuration(reader.required("interval"), minimumMilliseconds: 1)
    baseEjectionDuration = try MeshDuration(
      reader.required("baseEjectionDuration"), minimumMilliseconds: 1)
    maxEjectionPercent = try reader.required("maxEjectionPercent").int(in: 0...100)
  }

  func write(to json: inout JSONWriter) {
    json.field("maxServerErrors", maxServerErrors)
    json.field("interval", interval)
    json.field("baseEjectionDuration", baseEjectionDuration)
    json.field("maxEjectionPercent", maxEjectionPercent)
  }
}
