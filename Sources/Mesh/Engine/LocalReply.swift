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
    out.append(contentsOf: "content-type: text/plain\r\ncontent-length: ".utf8)
    out.appendDecimal(body.utf8.count)
    out.append(contentsOf: "\r\ndate: ".utf8)
    out.append(text: HTTPDate.format(time(nil)))
    out.append(contentsOf: "\r\nserver: envoy\r\n".utf8)
    for field in headers {
      HTTPSerializer.appendField(name: field.name, value: field.value, into: &out)
    }
    ForwardedHead.appendPersistence(persistence, into: &out)
    out.append(contentsOf: "\r\n".utf8)
    if !headOnly { out.append(text: body) }
  }
}
