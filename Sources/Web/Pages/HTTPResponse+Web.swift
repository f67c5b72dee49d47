import Foundation
import Wire

extension HTTPResponse {
  /// An HTML page, `text/html; charset=utf-8`, never cached (it may show private data).
  static func html(_ status: HTTPStatus = .ok, _ page: String, cookies: [SetCookie] = [])
    -> HTTPResponse
  {
    var response = HTTPResponse(status: status, contentType: "text/html; charset=utf-8", text: page)
    response.headers.set("Cache-Control", "no-store")
    for cookie in cookies { response.headers.add("Set-Cookie", cookie.headerValue) }
    return response
  }

  /// `303 See Other` to a local path (RFC 9110 §15.4.4): the browser follows with a GET.
  static func seeOther(_ location: String, cookies: [SetCookie] = []) -> HTTPResponse {
    var response = HTTPResponse(
      status: .seeOther, headers: ["Location": location, "Cache-Control": "no-store"])
    for cookie in cookies { response.headers.add("Set-Cookie", cookie.headerValue) }
    return response
  }

  /// A JSON body (RFC 8259) from an object `JSONSerialization` can write.
  static func json(_ status: HTTPStatus = .ok, _ object: [String: Any]) -> HTTPResponse {
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
      ?? Data("{}".utf8)
    var response = HTTPResponse(
      status: status, headers: ["Content-Type": "application/json"], body: .bytes(Array(data)))
    response.headers.set("Cache-Control", "no-store")
    return response
  }

  /// The API's error shape: `{"error": "…"}`.
  static func jsonError(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
    json(status, ["error": message])
  }
}
