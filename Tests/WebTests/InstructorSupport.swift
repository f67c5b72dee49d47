import Foundation
import Testing

@testable import Web

/// Helpers the instructor tests share: a signed-in instructor and a joined learner.
enum InstructorSupport {
  static let password = "a long password"

  /// An instructor `name` added to the app and signed in through the form.
  static func instructor(_ fixture: WebServerFixture, name: String = "Grace") async throws
    -> Browser
  {
    try fixture.app.addInstructor(name: name, password: password)
    let browser = Browser(fixture)
    let page = try await browser.signIn(name: name, password: password)
    #expect(page.status == 303)
    return browser
  }

  /// A learner who joined through the form, with their id.
  static func learner(_ fixture: WebServerFixture, name: String) async throws -> (Browser, Int64) {
    let browser = Browser(fixture)
    _ = try await browser.join(name: name)
    let id = try fixture.app.database.read { connection in
      try connection.queryOne(
        "SELECT max(id) AS id FROM learners WHERE display_name = ?", [.text(name)])?.int64("id")
    }
    return (browser, try #require(id))
  }

  /// Audit lines with `action`, as `actor detail`.
  static func audit(_ fixture: WebServerFixture, action: String) throws -> [String] {
    try fixture.app.database.read { connection in
      try connection.query(
        "SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY id", [.text(action)]
      ).map { "\($0.string("actor") ?? "") \($0.string("detail") ?? "")" }
    }
  }
}
