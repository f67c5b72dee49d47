/// Outlier detection thresholds in nanoseconds (Envoy `outlier_detection`; FORMATS.md:
/// consecutive_5xx 5, interval 10 s, base_ejection_time 30 s capped at 300 s, 10 %).
public struct OutlierDetectionSettings: Sendable, Equatable {
  public var consecutiveServerErrors: Int
  public var interval: UInt64
  public var baseEjectionTime: UInt64
  /// Envoy `max_ejection_time`: the longest an ejection lasts, however often a host was ejected.
  public var maxEjectionTime: UInt64
  public var maxEjectionPercent: Int

  public static let envoyDefault = OutlierDetectionSettings()

  public init(
    consecutiveServerErrors: Int = 5, interval: UInt64 = 10_000_000_000,
    baseEjectionTime: UInt64 = 30_000_000_000,
    maxEjectionTime: UInt64 = 300_000_000_000, maxEjectionPercent: Int = 10
  ) {
    self.consecutiveServerErrors = max(1, consecutiveServerErrors)
    self.interval = max(1, interval)
    self.baseEjectionTime = baseEjectionTime
    self.maxEjectionTime = max(maxEjectionTime, baseEjectionTime)
    self.maxEjectionPercent = min(max(0, maxEjectionPercent), 100)
  }

  /// App Mesh's `outlierDetection`, with Envoy's 300 s cap on one ejection.
  public init(_ config: OutlierDetectionConfig) {
    self.init(
      consecutiveServerErrors: config.maxServerErrors, interval: config.interval.nanoseconds,
      baseEjectionTime: config.baseEjectionDuration.nanoseconds,
      maxEjectionPercent: config.maxEjectionPercent)
  }
}
