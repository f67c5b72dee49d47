import Telemetry
import Wire

extension HTTPResponse {
  /// A response with a JSON body.
  static func json(_ status: HTTPStatus = .ok, _ body: [UInt8]) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: .bytes(body))
  }

  /// `{"error": message}` with `status`.
  static func jsonError(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("error")
    writer.string(message)
    writer.endObject()
    return json(status, writer.bytes)
  }
}
