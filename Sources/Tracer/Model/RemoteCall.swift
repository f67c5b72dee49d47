/// A call from one service to another, read from a subsegment with `namespace: "remote"`: the
/// service graph turns it into an edge (X-Ray developer guide, "Subsegments").
public struct RemoteCall: Sendable, Equatable {
  /// The called service (the subsegment's name).
  public var target: String
  public var startTime: Double
  public var endTime: Double
  public var fault: Bool
  public var error: Bool
  public var throttle: Bool
  public var status: Int?

  public init(
    target: String, startTime: Double, endTime: Double, fault: Bool = false, error: Bool = false,
    throttle: Bool = false, status: Int? = nil
  ) {
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
