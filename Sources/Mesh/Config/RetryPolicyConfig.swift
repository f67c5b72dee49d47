import Telemetry

/// `httpRoute.retryPolicy` (App Mesh `HttpRetryPolicy`): how often and on which events a
/// request is tried again, each try bounded by `perRetryTimeout`.
public struct RetryPolicyConfig: Sendable, Equatable {
  public var maxRetries: Int
  public var perRetryTimeout: MeshDuration
  /// The events that trigger a retry, HTTP ones and `connection-error` alike.
  public var events: [RetryEvent]

  public init(maxRetries: Int, perRetryTimeout: MeshDuration, events: [RetryEvent]) {
    self.maxRetries = maxRetries
    self.perRetryTimeout = perRetryTimeout
    self.events = events
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "maxRetries", "perRetryTimeout", "httpRetryEvents", "tcpRetryEvents",
    ])
    maxRetries = try reader.required("maxRetries").int(in: 0...10)
    perRetryTimeout = try MeshDuration(reader.required("perRetryTimeout"), minimumMilliseconds: 1)
    events = []
    for item in try reader.optional("httpRetryEvents")?.array(count: 1...4) ?? [] {
      try add(item, allowed: RetryEvent.httpEvents)
    }
    for item in try reader.optional("tcpRetryEvents")?.array(count: 1...1) ?? [] {
      try add(item, allowed: [.connectionError])
    }
    guard !events.isEmpty else { throw reader.error("must give httpRetryEvents or tcpRetryEvents") }
  }

  private mutating func add(_ item: ConfigReader, allowed: [RetryEvent]) throws(MeshConfigError) {
    let text = try item.string(length: 1...25)
    guard let event = RetryEvent(rawValue: text), allowed.contains(event) else {
      throw item.error(
        "must be one of \(allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
    }
    guard !events.contains(event) else { throw item.error("is given twice") }
    events.append(event)
  }

  func write(to json: inout JSONWriter) {
    json.field("maxRetries", maxRetries)
    json.field("perRetryTimeout", perRetryTimeout)
    let http = events.filter { $0 != .connectionError }
    if !http.isEmpty {
      json.key("httpRetryEvents")
      json.beginArray()
      for event in http { json.string(event.rawValue) }
      json.endArray()
    }
    if events.contains(.connectionError) {
      json.key("tcpRetryEvents")
      json.beginArray()
      json.string(RetryEvent.connectionError.rawValue)
      json.endArray()
    }
  }
}
