import Telemetry

/// The trace side of one request: its request id, the context it continues, its own segment id,
/// and the calls it made (swan's call to unicorn), filled in as the handler runs.
public struct RequestTrace: Sendable {
  public let requestID: String
  public let context: TraceContext
  public let segmentID: SpanID
  /// Remote subsegments for the calls made while answering.
  public var calls: [Subsegment] = []

  public init(requestID: String, context: TraceContext, segmentID: SpanID = .random()) {
    self.requestID = requestID
    self.context = context
    self.segmentID = segmentID
  }
}
