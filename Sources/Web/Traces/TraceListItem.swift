import Tracer

/// One trace as the list shows it, read from an X-Ray `TraceSummary` object.
struct TraceListItem: Sendable, Equatable {
  var id: String
  /// Unix seconds.
  var startTime: Double
  /// Seconds.
  var duration: Double
  var hasFault: Bool
  var hasError: Bool
  var hasThrottle: Bool
  var isPartial: Bool
  var httpStatus: Int?
  var httpMethod: String?
  var httpURL: String?
  /// `ServiceIds[].Name`, as the tracer sorts them.
  var services: [String]

  /// `nil` when `summary` has no `Id` or `StartTime`.
  init?(_ summary: JSONValue) {
    guard let id = summary["Id"]?.string, let startTime = summary["StartTime"]?.double else {
      return nil
    }
    self.id = id
    self.startTime = startTime
    duration = summary["Duration"]?.double ?? 0
    hasFault = summary["HasFault"]?.bool ?? false
    hasError = summary["HasError"]?.bool ?? false
    hasThrottle = summary["HasThrottle"]?.bool ?? false
    isPartial = summary["IsPartial"]?.bool ?? false
    httpStatus = summary["Http"]?["HttpStatus"]?.int
    httpMethod = summary["Http"]?["HttpMethod"]?.string
    httpURL = summary["Http"]?["HttpURL"]?.string
    services = summary["ServiceIds"]?.array?.compactMap { $0["Name"]?.string } ?? []
  }
}
