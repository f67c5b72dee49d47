/// A call from one service to another: read from a subsegment with `namespace: "remote"`, or
/// made from a segment whose parent belongs to another service. The service graph turns it
/// into an edge (X-Ray developer guide, "Subsegments" and "Service graph").
public struct RemoteCall: Sendable, Equatable {
  /// The remote subsegment's id (``Telemetry/SpanID/value``), 0 for a call made from a segment.
  public var id: UInt64
  /// The called service (the subsegment's name, or the calling segment's child's name).
  public var target: String
  public var startTime: Double
  public var endTime: Double
  public var fault: Bool
  public var error: Bool
  public var throttle: Bool
  public var status: Int?

  public init(
    id: UInt64 = 0, target: String, startTime: Double, endTime: Double, fault: Bool = false,
    error: Bool = false, throttle: Bool = false, status: Int? = nil
  ) {
    self.id = id
    self.target = target
    self.startTime = startTime
    self.endTime = endTime
    self.fault = fault
    self.error = error
    self.throttle = throttle
    self.status = status
  }

  public var responseTime: Double { max(0, endTime - startTime) }
}
