/// Work done within a segment, such as a call to another service (`namespace: "remote"`, which
/// the service graph turns into an edge). Written inside its segment's `subsegments` array.
public struct Subsegment: XRayEntity {
  public var id: SpanID
  public var name: String
  public var startTime: Double
  public var endTime: Double?
  /// `"remote"` for calls to other services, `"aws"` for AWS SDK calls, else `nil`.
  public var namespace: String?
  public var http: XRayHTTP?
  public var error: Bool
  public var fault: Bool
  public var throttle: Bool
  public var subsegments: [Subsegment]

  public init(
    name: String, id: SpanID = .random(), startTime: Double, endTime: Double? = nil,
    namespace: String? = nil, http: XRayHTTP? = nil, error: Bool = false, fault: Bool = false,
    throttle: Bool = false, subsegments: [Subsegment] = []
  ) {
    self.id = id
    self.name = name
    self.startTime = startTime
    self.endTime = endTime
    self.namespace = namespace
    self.http = http
    self.error = error
    self.fault = fault
    self.throttle = throttle
    self.subsegments = subsegments
  }

  func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writeCommonFields(to: &writer) { writer in
      if let namespace {
        writer.key("namespace")
        writer.string(namespace)
      }
    }
    writeSubsegments(to: &writer)
    writer.endObject()
  }
}
