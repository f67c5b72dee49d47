import Glibc
import Wire

/// A response the proxy makes itself (an error, a fault, a rate-limit answer), shaped as
/// Envoy's local replies: `text/plain` body, `content-length`, `date`, `server: envoy`.
struct LocalReply {
  var status: HTTPStatus
  var body: String
  /// Extra fields such as `x-envoy-overloaded: true`.
  var headers: HTTPHeaders = [:]

  /// Writes the whole response; no body after a HEAD request (RFC 9110 §9.3.2).
  func append(headOnly: Bool, persistence: ForwardedHead.Persistence, into out: inout [UInt8]) {
    HTTPSerializer.appendStatusLine(status, into: &out)
    out.append(literal: "content-type: text/plain\r\ncontent-length: ")
    out.appendDecimal(body.utf8.count)
    out.append(literal: "\r\ndate: ")
    out.append(text: HTTPDate.format(time(nil)))
    out.append(literal: "\r\nserver: envoy\r\n")
    for field in headers {
      HTTPSerializer.appendField(name: field.name, value: field.value, into: &out)
    }
    ForwardedHead.appendPersistence(persistence, into: &out)
    out.append(literal: "\r\n")
    if !headOnly { out.append(text: body) }
  }
}
