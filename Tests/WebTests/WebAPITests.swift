import Foundation
import Testing
import Wire

@testable import Web

@Suite struct WebAPITests {
  @Test func join_thenMe_withBearerToken() async throws {
    try await WebServerFixture.with { fixture in
      let joined = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"join42","name":"Ada"}"#)
      #expect(joined.status == 201)
      let token = try #require(joined.object["token"] as? String)
      #expect(joined.object["learnerId"] as? Int != nil)
      let me = try await fixture.api(.get, "/api/v1/me", bearer: token)
      #expect(me.status == 200)
      #expect(me.object["role"] as? String == "learner")
      #expect(me.object["name"] as? String == "Ada")
      #expect(me.object["id"] as? Int == joined.object["learnerId"] as? Int)
      let event = try #require(me.object["event"] as? [String: Any])
      #expect(event["name"] as? String == "Sidecar Lab workshop")
      #expect(event["code"] == nil)
    }
  }

  @Test func instructor_seesTheCodeAndLearnersAreRefusedWith403() async throws {
    try await WebServerFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let signedIn = try await fixture.api(
        .post, "/api/v1/signin", json: #"{"name":"Grace","password":"a long password"}"#)
      #expect(signedIn.status == 200)
      let token = try #require(signedIn.object["token"] as? String)
      let me = try await fixture.api(.get, "/api/v1/me", bearer: token)
      #expect(me.object["role"] as? String == "instructor")
      #expect((me.object["event"] as? [String: Any])?["code"] as? String == "JOIN42")
      #expect(
        try await fixture.api(.get, "/api/v1/event", bearer: token).object["learners"] as? Int == 0)

      let learner = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"Ada"}"#)
      let refused = try await fixture.api(
        .get, "/api/v1/event", bearer: learner.object["token"] as? String)
      #expect(refused.status == 403)
      #expect(refused.object["error"] as? String == "instructors only")
    }
  }

  @Test func signOut_is204AndEndsTheToken() async throws {
    try await WebServerFixture.with { fixture in
      let joined = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"Ada"}"#)
      let token = try #require(joined.object["token"] as? String)
      #expect(try await fixture.api(.post, "/api/v1/signout", bearer: token).status == 204)
      #expect(try await fixture.api(.get, "/api/v1/me", bearer: token).status == 401)
    }
  }

  @Test func missingInvalidOrExpiredToken_is401() async throws {
    try await WebServerFixture.with { fixture in
      let none = try await fixture.api(.get, "/api/v1/me")
      #expect(none.status == 401)
      #expect(none.object["error"] as? String != nil)
      #expect(try await fixture.api(.get, "/api/v1/me", bearer: "garbage").status == 401)
      #expect(
        try await fixture.api(.get, "/api/v1/me", bearer: Token.generate().text).status == 401)
      let joined = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"Ada"}"#)
      fixture.clock.advance(by: 7 * 24 * 3600)
      #expect(
        try await fixture.api(.get, "/api/v1/me", bearer: joined.object["token"] as? String).status
          == 401)
    }
  }

  @Test func badBodies_getClearErrors() async throws {
    try await WebServerFixture.with { fixture in
      let cases: [(json: String, status: Int, error: String)] = [
        ("{not json", 400, "body is not valid JSON"),
        ("[1, 2]", 400, "body must be a JSON object"),
        (#"{"name":"Ada"}"#, 400, #"missing field "code""#),
        (#"{"code":42,"name":"Ada"}"#, 400, #"field "code" must be a string"#),
        (#"{"code":"NOPE99","name":"Ada"}"#, 404, "no event with that code"),
        (#"{"code":"JOIN42","name":"a\u0007b"}"#, 400, "name must not contain control characters"),
      ]
      for item in cases {
        let reply = try await fixture.api(.post, "/api/v1/join", json: item.json)
        #expect(reply.status == item.status, "\(item.json)")
        #expect(reply.object["error"] as? String == item.error, "\(item.json)")
      }
      let wrongType = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"Ada"}"#, contentType: "text/plain")
      #expect(wrongType.status == 415)
    }
  }

  @Test func oversizedBody_is413AsJSON() async throws {
    try await WebServerFixture.with { fixture in
      let name = String(repeating: "a", count: WebApp.formBodyLimit)
      let reply = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"\#(name)"}"#)
      #expect(reply.status == 413)
      #expect(reply.object["error"] != nil)
    }
  }

  @Test func signIn_rateLimitedIs429WithRetryAfter() async throws {
    try await WebServerFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      for _ in 1...5 {
        let reply = try await fixture.api(
          .post, "/api/v1/signin", json: #"{"name":"Grace","password":"nope nope nope"}"#)
        #expect(reply.status == 401)
      }
      let response = try await fixture.send(
        HTTPClientRequest(
          method: .post, target: "/api/v1/signin", headers: ["Content-Type": "application/json"],
          body: Array(#"{"name":"Grace","password":"a long password"}"#.utf8)))
      #expect(response.status.code == 429)
      #expect(Int(response.headers["Retry-After"] ?? "") ?? 0 > 0)
    }
  }

  @Test func unknownPathAndMethod_areJSONUnderAPI() async throws {
    try await WebServerFixture.with { fixture in
      let missing = try await fixture.api(.get, "/api/v1/nothing")
      #expect(missing.status == 404)
      #expect(missing.object["error"] != nil)
      let response = try await fixture.send(HTTPClientRequest(method: .get, target: "/api/v1/join"))
      #expect(response.status.code == 405)
      #expect(response.headers["Allow"] == "POST")
      #expect(response.headers["Content-Type"] == "application/json")
    }
  }

  @Test func webApp_defaultsToAtLeast600000Iterations() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let configuration = WebConfiguration(dataFolder: folder.path + "/data")
    #expect(configuration.passwordIterations >= 600_000)
    let app = try WebApp(configuration: configuration)
    #expect(app.accounts.hasher.iterations >= 600_000)
    #expect(FileManager.default.fileExists(atPath: folder.path + "/data/sidecarlab.sqlite"))
    #expect(EventCode.lengths.contains(app.event.code.count))
    // One real hash at the full cost: stored with its iteration count, and it verifies.
    try app.addInstructor(name: "Grace", password: "a long password")
    let stored = try app.database.read {
      try $0.queryOne("SELECT password_hash FROM instructors", [])?.string("password_hash")
    }
    #expect(stored?.contains("$\(PasswordHasher.defaultIterations)$") == true)
    #expect(
      try app.accounts.signIn(name: "Grace", password: "a long password", address: "127.0.0.1").text
        .count == 43)
    var raised = configuration
    raised.passwordIterations = 600_001
    #expect(throws: ConfigurationError.self) { try WebApp(configuration: raised) }
  }
}
