import Foundation
import Testing
import Wire

@testable import Web

/// A browser's view of the server: it keeps cookies from `Set-Cookie`, sends them back, sends
/// `Origin` on POSTs like a real browser, and reads CSRF tokens out of forms.
final class Browser {
  let fixture: WebServerFixture
  var cookies: [String: String] = [:]

  init(_ fixture: WebServerFixture) { self.fixture = fixture }

  enum OriginHeader { case same, foreign, none }

  struct Page {
    let status: Int
    let headers: HTTPHeaders
    let text: String

    /// The value of the hidden `csrf` field in the page's first form.
    var csrf: String? {
      guard let start = text.range(of: #"name="csrf" value=""#) else { return nil }
      let rest = text[start.upperBound...]
      return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    var location: String? { headers["Location"] }
  }

  func get(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Page {
    try await send(
      HTTPClientRequest(method: .get, target: path, headers: cookieHeader()), sourceLocation)
  }

  func post(
    _ path: String, _ fields: [(String, String)], origin: OriginHeader = .same,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Page {
    var headers = cookieHeader()
    headers.add("Content-Type", "application/x-www-form-urlencoded")
    switch origin {
    case .same: headers.add("Origin", fixture.origin)
    case .foreign: headers.add("Origin", "http://evil.example")
    case .none: break
    }
    let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    return try await send(
      HTTPClientRequest(method: .post, target: path, headers: headers, body: Array(body.utf8)),
      sourceLocation)
  }

  private func send(_ request: HTTPClientRequest, _ sourceLocation: SourceLocation) async throws
    -> Page
  {
    let response = try await fixture.send(request, sourceLocation: sourceLocation)
    for value in response.headers.values("Set-Cookie") {
      let pair = value.split(separator: ";")[0]
      guard let equals = pair.firstIndex(of: "=") else { continue }
      let name = String(pair[..<equals])
      let cookieValue = String(pair[pair.index(after: equals)...])
      if value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = cookieValue }
    }
    return Page(
      status: response.status.code, headers: response.headers,
      text: String(decoding: response.body, as: UTF8.self))
  }

  private func cookieHeader() -> HTTPHeaders {
    cookies.isEmpty
      ? [:] : ["Cookie": cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
  }

  static func encode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// Joins the event through the form and returns the page `/labs` shows after.
  func join(name: String, code: String = "JOIN42") async throws -> Page {
    let form = try await get("/join")
    let joined = try await post(
      "/join", [("code", code), ("name", name), ("csrf", form.csrf ?? "")])
    #expect(joined.status == 303)
    #expect(joined.location == "/labs")
    return try await get("/labs")
  }

  /// Signs in through the form.
  func signIn(name: String, password: String, next: String? = nil) async throws -> Page {
    let form = try await get("/signin" + (next.map { "?next=" + $0 } ?? ""))
    var fields = [("name", name), ("password", password), ("csrf", form.csrf ?? "")]
    if let next { fields.append(("next", next)) }
    return try await post("/signin", fields)
  }
}
