import Tracer

/// One segment or subsegment of a trace as the waterfall draws it, read from an X-Ray segment
/// document (developer guide, "Segment documents"): its place in the tree, its times, its
/// fault/error/throttle flags and the details shown on demand.
struct WaterfallSpan: Sendable {
  var id: String
  /// `parent_id`, or for a nested subsegment the entity it sits in.
  var parentID: String?
  var name: String
  var isSegment: Bool
  /// `namespace` of a subsegment (`remote` for a call to another service, `aws`, `local`).
  var namespace: String?
  var start: Double
  /// `nil` while `in_progress`.
  var end: Double?
  var fault: Bool
  var error: Bool
  var throttle: Bool
  /// `http.request.*` and `http.response.*` fields, as `request.method: GET`.
  var http: [(key: String, value: String)]
  var annotations: [(key: String, value: String)]
  /// The messages of `cause.exceptions`.
  var exceptions: [String]
  /// Nesting level in the tree, 0 for a root.
  var depth = 0

  /// Most details of one kind shown for one span.
  static let maxDetails = 50

  /// `nil` when the entity lacks an `id`, `name` or `start_time`.
  init?(_ document: JSONValue, enclosing: String?) {
    guard let id = document["id"]?.string, let name = document["name"]?.string,
      let start = document["start_time"]?.double
    else { return nil }
    self.id = id
    self.name = name
    self.start = start
    parentID = enclosing ?? document["parent_id"]?.string
    isSegment = enclosing == nil && document["type"]?.string != "subsegment"
    namespace = document["namespace"]?.string
    end = document["end_time"]?.double
    fault = document["fault"]?.bool ?? false
    error = document["error"]?.bool ?? false
    throttle = document["throttle"]?.bool ?? false
    http = ["request", "response"].flatMap { part in
      (document["http"]?[part]?.members ?? []).map { ("\(part).\($0.key)", Self.text($0.value)) }
    }.prefix(Self.maxDetails).map { $0 }
    annotations = (document["annotations"]?.members ?? []).prefix(Self.maxDetails).map {
      ($0.key, Self.text($0.value))
    }
    exceptions = (document["cause"]?["exceptions"]?.array ?? []).prefix(Self.maxDetails)
      .compactMap { exception in
        let type = exception["type"]?.string
        let message = exception["message"]?.string
        guard type != nil || message != nil else { return nil }
        return [type, message].compactMap { $0 }.joined(separator: ": ")
      }
  }

  /// A string as it is, anything else as JSON text.
  private static func text(_ value: JSONValue) -> String {
    value.string ?? value.jsonText
  }

  /// Every entity of a document: the segment (or subsegment sent alone), then its nested
  /// subsegments, each pointing at the entity it sits in.
  static func all(in document: JSONValue, enclosing: String? = nil) -> [WaterfallSpan] {
    guard let span = WaterfallSpan(document, enclosing: enclosing) else { return [] }
    return [span]
      + (document["subsegments"]?.array ?? []).flatMap { all(in: $0, enclosing: span.id) }
  }
}
