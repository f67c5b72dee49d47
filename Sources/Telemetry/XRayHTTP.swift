/// The `http` object of a segment or subsegment: `request{method, url, user_agent, client_ip}`
/// and `response{status, content_length}` (developer guide, "Segment documents: HTTP request
/// data"). Fields left `nil` are not written.
public struct XRayHTTP: Sendable, Equatable {
  public var method: String?
  public var url: String?
  public var userAgent: String?
  public var clientIP: String?
  public var status: Int?
  public var contentLength: Int?

  public init(
    method: String? = nil, url: String? = nil, userAgent: String? = nil, clientIP: String? = nil,
    status: Int? = nil, contentLength: Int? = nil
  ) {
    self.method = method
    self.url = url
    self.userAgent = userAgent
    self.clientIP = clientIP
    self.status = status
    self.contentLength = contentLength
  }

  /// Writes `"http": {…}`, or nothing when every field is `nil`.
  func write(to writer: inout JSONWriter) {
    let request: [(String, String?)] = [
      ("method", method), ("url", url), ("user_agent", userAgent), ("client_ip", clientIP),
    ]
    let response: [(String, Int?)] = [("status", status), ("content_length", contentLength)]
    let hasRequest = request.contains { $0.1 != nil }
    let hasResponse = response.contains { $0.1 != nil }
    guard hasRequest || hasResponse else { return }
    writer.key("http")
    writer.beginObject()
    if hasRequest {
      writer.key("request")
      writer.beginObject()
      for case (let key, let value?) in request {
        writer.key(key)
        writer.string(value)
      }
      writer.endObject()
    }
    if hasResponse {
      writer.key("response")
      writer.beginObject()
      for case (let key, let value?) in response {
        writer.key(key)
        writer.int(value)
      }
      writer.endObject()
    }
    writer.endObject()
  }
}
