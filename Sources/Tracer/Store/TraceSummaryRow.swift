import Telemetry

/// One trace's summary row as the store keeps it (X-Ray `TraceSummary` fields).
public struct TraceSummaryRow: Sendable {
  public var traceID: String
  public var startTime: Double
  public var endTime: Double?
  public var fault: Bool
  public var error: Bool
  public var throttle: Bool
  public var http: XRayHTTP
  public var responseTime: Double?
  public var rootService: String?

  /// From the root segment's start to the end of the last segment.
  public var duration: Double { max(0, (endTime ?? startTime) - startTime) }

  /// The facts a filter expression reads, without segments.
  var facts: TraceFacts {
    TraceFacts(
      duration: duration, responseTime: responseTime ?? duration, http: http, fault: fault,
      error: error, throttle: throttle)
  }
}
