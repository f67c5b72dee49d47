import Testing
import Wire

@testable import Web

@Suite struct OriginCheckTests {
  static func request(_ headers: HTTPHeaders, body: String = "") -> HTTPRequest {
    HTTPRequest(
      head: HTTPRequestHead(method: .post, target: "/join", headers: headers),
      body: Array(body.utf8))
  }

  @Test func sameOrigin_passes() throws {
    try OriginCheck.verify(
      Self.request(["Host": "lab.example:8080", "Origin": "http://lab.example:8080"]),
      requireSource: true)
    try OriginCheck.verify(
      Self.request(["Host": "lab.example", "Origin": "https://LAB.example"]), requireSource: true)
  }

  @Test func foreignOrigin_is403() {
    for origin in [
      "http://evil.example", "null", "ftp://lab.example", "http://lab.example/x",
      "http://user@lab.example",
    ] {
      #expect(throws: HTTPError.self, "\(origin)") {
        try OriginCheck.verify(
          Self.request(["Host": "lab.example", "Origin": origin]), requireSource: false)
      }
    }
  }

  @Test func refererIsUsedWhenOriginIsMissing() throws {
    try OriginCheck.verify(
      Self.request(["Host": "lab.example", "Referer": "http://lab.example/join?x=1"]),
      requireSource: true)
    #expect(throws: HTTPError.self) {
      try OriginCheck.verify(
        Self.request(["Host": "lab.example", "Referer": "http://evil.example/lab.example"]),
        requireSource: false)
    }
  }

  @Test func neitherHeader_isRefusedOnlyWhenRequired() throws {
    try OriginCheck.verify(Self.request(["Host": "lab.example"]), requireSource: false)
    #expect(throws: HTTPError(.forbidden, "request has neither Origin nor Referer")) {
      try OriginCheck.verify(Self.request(["Host": "lab.example"]), requireSource: true)
    }
  }

  @Test func sessionCSRF_comparesTheField() throws {
    let session = Session(
      role: .learner, ownerID: 1, csrfToken: "right-token", expires: .distantFuture)
    try CSRF.verify(FormData(parsing: Array("csrf=right-token".utf8)), session: session)
    #expect(throws: HTTPError.self) {
      try CSRF.verify(FormData(parsing: Array("csrf=wrong".utf8)), session: session)
    }
    #expect(throws: HTTPError.self) { try CSRF.verify(FormData(parsing: []), session: session) }
  }

  @Test func doubleSubmit_needsCookieAndFieldToMatch() throws {
    let token = Token.generate().text
    let matching = Self.request(["Host": "h", "Cookie": "sidecarlab_csrf=\(token)"])
    try CSRF.verifyDoubleSubmit(FormData(parsing: Array("csrf=\(token)".utf8)), request: matching)
    #expect(throws: HTTPError.self) {
      try CSRF.verifyDoubleSubmit(
        FormData(parsing: Array("csrf=\(Token.generate().text)".utf8)), request: matching)
    }
    #expect(throws: HTTPError.self) {
      try CSRF.verifyDoubleSubmit(
        FormData(parsing: Array("csrf=\(token)".utf8)), request: Self.request(["Host": "h"]))
    }
  }

  @Test func preSessionToken_reusesAValidCookie() {
    let token = Token.generate().text
    let reused = CSRF.preSessionToken(
      for: Self.request(["Cookie": "sidecarlab_csrf=\(token)"]), secure: false)
    #expect(reused.token == token)
    #expect(reused.cookies.isEmpty)
    let fresh = CSRF.preSessionToken(
      for: Self.request(["Cookie": "sidecarlab_csrf=short"]), secure: true)
    #expect(fresh.token != "short")
    #expect(fresh.cookies.first?.headerValue.contains("SameSite=Strict") == true)
    #expect(fresh.cookies.first?.headerValue.contains("Secure") == true)
  }

  @Test func bearer_parsesSchemeCaseInsensitively() {
    let token = Token.generate()
    let request = HTTPRequest(
      head: HTTPRequestHead(
        method: .get, target: "/", headers: ["Authorization": "bearer \(token.text)"]))
    #expect(Credential.bearer(in: request) == Credential(token: token, source: .bearer))
    let basic = HTTPRequest(
      head: HTTPRequestHead(
        method: .get, target: "/", headers: ["Authorization": "Basic \(token.text)"]))
    #expect(Credential.bearer(in: basic) == nil)
  }

  @Test func localPath_refusesOtherSites() {
    #expect(WebApp.localPath("/instructor") == "/instructor")
    #expect(WebApp.localPath("/labs?x=1") == "/labs?x=1")
    for bad in [
      "//evil.example", "/\\evil.example", "http://evil.example", "instructor", "/a b", nil,
    ] {
      #expect(WebApp.localPath(bad) == nil)
    }
  }
}
