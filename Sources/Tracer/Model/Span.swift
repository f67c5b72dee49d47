import Telemetry

/// A span as OpenTelemetry and Zipkin describe one, before it becomes an X-Ray document (see
/// ``Span/xrayDocument``).
public struct Span: Sendable {
  /// OTLP `SpanKind` (1 internal, 2 server, 3 client, 4 producer, 5 consumer); Zipkin's kinds map
  /// onto the same values.
  public enum Kind: Int, Sendable {
    case unspecified = 0
    case `internal`, server, client, producer, consumer
  }

  public var traceID: TraceID
  public var id: SpanID
  public var parentID: SpanID?
  public var name: String
  public var kind: Kind
  /// Epoch seconds.
  public var startTime: Double
  public var endTime: Double
  /// `service.name` of the resource, or Zipkin's `localEndpoint.serviceName`.
  public var service: String
  /// The service called, when the sender named it (Zipkin `remoteEndpoint.serviceName`).
  public var remoteService: String?
  /// String, number and boolean attributes (OTLP) or tags (Zipkin).
  public var attributes: [(key: String, value: AnnotationValue)]
  /// OTLP status code 2 (`STATUS_CODE_ERROR`) or a Zipkin `error` tag.
  public var isError: Bool
}
