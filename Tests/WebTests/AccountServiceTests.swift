import Foundation
import Testing
import Wire

@testable import Web

@Suite struct AccountServiceTests {
  @Test func defaultEvent_usesTheConfiguredCode() throws {
    let fixture = try AccountFixture.make(eventCode: "join42")
    defer { fixture.remove() }
    #expect(fixture.accounts.defaultEvent.name == "Sidecar Lab workshop")
    #expect(fixture.accounts.defaultEvent.code == "JOIN42")
  }

  @Test func defaultEvent_generatesACodeOnce() throws {
    let fixture = try AccountFixture.make(eventCode: nil)
    defer { fixture.remove() }
    let code = fixture.accounts.defaultEvent.code
    #expect(EventCode.lengths.contains(code.count))
    let again = try AccountService(database: fixture.database)
    #expect(again.defaultEvent == fixture.accounts.defaultEvent)
  }

  @Test func defaultEvent_badConfiguredCode_isAConfigurationError() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    #expect(throws: ConfigurationError.self) {
      try AccountService(database: fixture.database, eventCode: "no")
    }
  }

  @Test func join_createsLearnerSessionAndRejoinToken() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    let joined = try fixture.accounts.join(code: "join42", name: "  Ada ")
    let session = try #require(try fixture.accounts.session(forToken: joined.sessionToken))
    #expect(session.role == .learner)
    #expect(session.ownerID == joined.learnerID)
    #expect(try fixture.accounts.account(for: session)?.name == "Ada")
    let rejoin = try #require(joined.rejoinToken)
    let again = try fixture.accounts.rejoin(token: rejoin)
    #expect(again.learnerID == joined.learnerID)
    #expect(again.sessionToken != joined.sessionToken)
  }

  @Test func join_unknownCode_is404() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    #expect(throws: HTTPError(.notFound, "no event with that code")) {
      try fixture.accounts.join(code: "NOPE99", name: "Ada")
    }
    #expect(throws: HTTPError(.notFound, "no event with that code")) {
      try fixture.accounts.join(code: "?", name: "Ada")
    }
  }

  @Test func join_badName_is400() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    #expect(throws: HTTPError(.badRequest, "name must not be empty")) {
      try fixture.accounts.join(code: "JOIN42", name: " ")
    }
  }

  @Test func tokens_areStoredOnlyHashed() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    let joined = try fixture.accounts.join(code: "JOIN42", name: "Ada")
    let stored = try fixture.database.read { connection in
      try connection.query("SELECT token_hash FROM sessions", []).compactMap {
        $0.string("token_hash")
      }
        + connection.query("SELECT rejoin_token_hash AS token_hash FROM learners", []).compactMap {
          $0.string("token_hash")
        }
    }
    #expect(stored.contains(joined.sessionToken.sha256Hex))
    #expect(!stored.contains(joined.sessionToken.text))
    #expect(!stored.contains(joined.rejoinToken?.text ?? ""))
  }

  @Test func session_expiresAfterItsLifetime() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    let joined = try fixture.accounts.join(code: "JOIN42", name: "Ada")
    fixture.clock.advance(by: 7 * 24 * 3600 - 1)
    #expect(try fixture.accounts.session(forToken: joined.sessionToken) != nil)
    fixture.clock.advance(by: 1)
    #expect(try fixture.accounts.session(forToken: joined.sessionToken) == nil)
    let left = try fixture.database.read {
      try $0.queryOne("SELECT count(*) AS n FROM sessions", [])?.int("n")
    }
    #expect(left == 0)
  }

  @Test func instructorSession_lastsTwelveHours() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    try fixture.accounts.addInstructor(name: "Grace", password: "a long password")
    let token = try fixture.accounts.signIn(
      name: "grace", password: "a long password", address: "10.0.0.1")
    #expect(try fixture.accounts.session(forToken: token)?.role == .instructor)
    fixture.clock.advance(by: 12 * 3600)
    #expect(try fixture.accounts.session(forToken: token) == nil)
  }

  @Test func signOut_endsTheSession() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    let joined = try fixture.accounts.join(code: "JOIN42", name: "Ada")
    try fixture.accounts.signOut(token: joined.sessionToken)
    #expect(try fixture.accounts.session(forToken: joined.sessionToken) == nil)
  }

  @Test func addInstructor_validatesAndRefusesDuplicates() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    #expect(throws: HTTPError(.badRequest, "password must have at least 10 characters")) {
      try fixture.accounts.addInstructor(name: "Grace", password: "short")
    }
    try fixture.accounts.addInstructor(name: "Grace", password: "a long password")
    #expect(throws: HTTPError(.conflict, "an instructor with that name already exists")) {
      try fixture.accounts.addInstructor(name: "GRACE", password: "another long one")
    }
  }

  @Test func signIn_wrongPasswordOrName_is401() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    try fixture.accounts.addInstructor(name: "Grace", password: "a long password")
    #expect(throws: HTTPError(.unauthorized, "wrong name or password")) {
      try fixture.accounts.signIn(name: "Grace", password: "a wrong password", address: "10.0.0.1")
    }
    #expect(throws: HTTPError(.unauthorized, "wrong name or password")) {
      try fixture.accounts.signIn(name: "Nobody", password: "a long password", address: "10.0.0.1")
    }
  }

  @Test func signIn_throttlesPerAccountAcrossAddresses() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    try fixture.accounts.addInstructor(name: "Grace", password: "a long password")
    for attempt in 1...5 {
      #expect(throws: HTTPError.self) {
        try fixture.accounts.signIn(
          name: "Grace", password: "wrong \(attempt)", address: "10.0.0.\(attempt)")
      }
    }
    // Even the right password waits now, from any address.
    let error = #expect(throws: RateLimited.self) {
      try fixture.accounts.signIn(name: "Grace", password: "a long password", address: "10.9.9.9")
    }
    #expect((1...900).contains(error?.retryAfter ?? 0))
    fixture.clock.advance(by: 15 * 60)
    #expect(throws: Never.self) {
      try fixture.accounts.signIn(name: "Grace", password: "a long password", address: "10.9.9.9")
    }
  }

  @Test func signIn_throttlesPerAddressAcrossAccounts() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    try fixture.accounts.addInstructor(name: "Grace", password: "a long password")
    for attempt in 1...5 {
      #expect(throws: HTTPError.self) {
        try fixture.accounts.signIn(
          name: "guess\(attempt)", password: "whatever", address: "10.0.0.66")
      }
    }
    #expect(throws: RateLimited.self) {
      try fixture.accounts.signIn(name: "Grace", password: "a long password", address: "10.0.0.66")
    }
    #expect(throws: Never.self) {
      try fixture.accounts.signIn(name: "Grace", password: "a long password", address: "10.0.0.1")
    }
  }

  @Test func bootstrap_isIssuedOnceAndSingleUse() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    let token = try #require(try fixture.accounts.bootstrapTokenIfNeeded())
    #expect(try fixture.accounts.bootstrapTokenIfNeeded() == nil)
    #expect(try fixture.accounts.bootstrapTokenIsValid(token))
    let session = try fixture.accounts.redeemBootstrap(
      token: token, name: "Grace", password: "a long password")
    #expect(try fixture.accounts.session(forToken: session)?.role == .instructor)
    #expect(try !fixture.accounts.bootstrapTokenIsValid(token))
    #expect(throws: HTTPError.self) {
      try fixture.accounts.redeemBootstrap(
        token: token, name: "Mallory", password: "a long password")
    }
    #expect(try fixture.accounts.bootstrapTokenIfNeeded() == nil)
  }

  @Test func bootstrap_notNeededOnceAnInstructorExists() throws {
    let fixture = try AccountFixture.make()
    defer { fixture.remove() }
    try fixture.accounts.addInstructor(name: "Grace", password: "a long password")
    #expect(try fixture.accounts.bootstrapTokenIfNeeded() == nil)
  }
}
