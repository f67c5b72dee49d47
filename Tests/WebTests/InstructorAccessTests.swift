import Foundation
import Testing
import Wire

@testable import Web

/// Issue #5 item 5: the authorization matrix over every route of the instructor area's table
/// (so a route added there cannot escape it), and the audit line behind every instructor action.
@Suite struct InstructorAccessTests {
  enum Who: String, CaseIterable { case anonymous, learnerA, learnerB, instructor }

  /// A concrete path for `pattern`: the default event, learner B, a well-formed unknown token.
  static func path(_ pattern: String, event: Int64, learnerB: Int64) -> String {
    pattern.replacingOccurrences(of: ":event", with: String(event))
      .replacingOccurrences(of: ":learner", with: String(learnerB))
      .replacingOccurrences(of: ":token", with: String(repeating: "A", count: 43))
  }

  /// Form fields that make each instructor form succeed when it can.
  static func fields(_ pattern: String) -> [(String, String)] {
    let event = [
      ("name", "Matrix event"), ("capacity", ""), ("labs", ""), ("solver", "1"), ("idle", "30"),
    ]
    switch pattern {
    case "/instructor/events": return event + [("code", "MATRIX1")]
    case "/instructor/events/:event": return event + [("code", "JOIN42")]
    case "/instructor/password":
      return [("current", InstructorSupport.password), ("new", InstructorSupport.password)]
    case let learner where learner.hasSuffix("/solver"):
      return [("step", "\(ProgressSamples.labID)/break-it")]
    case let learner where learner.hasSuffix("/messages"): return [("text", "hello")]
    default: return []
    }
  }

  /// The status line and head of a response that may stream forever (event streams).
  static func streamStatus(_ fixture: WebServerFixture, _ path: String, cookie: String) async throws
    -> Bool
  {
    let stream = try LabPageStream(fixture.server.address, path: path, cookie: cookie)
    let found = await stream.waitFor("text/event-stream")
    if !found { Issue.record("\(path): \(stream.text.prefix(300))") }
    return found
  }

  @Test func everyInstructorRoute_refusesAnonymousAndLearnersAndServesInstructors() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (learnerA, _) = try await InstructorSupport.learner(fixture, name: "A")
      let (learnerB, idB) = try await InstructorSupport.learner(fixture, name: "B")
      let browsers: [Who: Browser] = [
        .anonymous: Browser(fixture), .learnerA: learnerA, .learnerB: learnerB,
        .instructor: instructor,
      ]
      var csrf: [Who: String] = [:]
      csrf[.learnerA] = try await learnerA.get("/labs").csrf
      csrf[.learnerB] = try await learnerB.get("/labs").csrf
      csrf[.instructor] = try await instructor.get("/instructor").csrf
      let table = fixture.app.instructorRouteTable().filter(\.isInstructorOnly)
      #expect(table.count >= 20)
      let registered = Router(fixture.app.routes())
      for route in table {
        let path = Self.path(
          route.pattern, event: fixture.app.accounts.defaultEvent.id, learnerB: idB)
        let label = "\(route.method) \(route.pattern)"
        if case .found = registered.match(method: route.method, path: Substring(path)) {
        } else {
          Issue.record("\(label) is not served")
        }
        for who in Who.allCases {
          let browser = try #require(browsers[who])
          let token = browser.cookies[Credential.cookieName]
          if path.hasPrefix("/api/") {
            let answer = try await fixture.api(route.method, path, bearer: token)
            let expected =
              switch who {
              case .anonymous: 401
              case .learnerA, .learnerB: 403
              case .instructor: 200
              }
            #expect(answer.status == expected, "\(label) as \(who)")
            continue
          }
          if who == .instructor, Self.isEventStream(route) {
            let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            #expect(try await Self.streamStatus(fixture, path, cookie: cookie), "\(label)")
            continue
          }
          let page =
            route.method == .get
            ? try await browser.get(path)
            : try await browser.post(path, [("csrf", csrf[who] ?? "")] + Self.fields(route.pattern))
          switch who {
          case .anonymous:
            #expect(page.status == 303, "\(label) as anonymous")
            #expect(page.location?.hasPrefix("/signin?next=") == true, "\(label) as anonymous")
          case .learnerA, .learnerB:
            #expect(page.status == 403, "\(label) as \(who)")
            #expect(!page.text.contains(">B</a>"), "\(label) as \(who)")
          case .instructor:
            #expect(![401, 403].contains(page.status), "\(label) as instructor: \(page.status)")
            #expect(page.location?.hasPrefix("/signin") != true, "\(label) as instructor")
          }
        }
      }
    }
  }

  @Test func everySuccessfulInstructorForm_writesAnAuditLine() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, idB) = try await InstructorSupport.learner(fixture, name: "B")
      let csrf = try await instructor.get("/instructor").csrf ?? ""
      var succeeded = 0
      for route in fixture.app.instructorRouteTable() {
        guard case .form = route.handler else { continue }
        let path = Self.path(
          route.pattern, event: fixture.app.accounts.defaultEvent.id, learnerB: idB)
        let before = try Self.auditCount(fixture)
        let page = try await instructor.post(path, [("csrf", csrf)] + Self.fields(route.pattern))
        guard page.status < 400 else { continue }
        succeeded += 1
        let lines = try fixture.app.database.read { connection in
          try connection.query(
            "SELECT actor, at FROM audit_log ORDER BY id DESC LIMIT ?",
            [.integer(Int64(try Self.auditCount(fixture) - before))])
        }
        #expect(!lines.isEmpty, "POST \(route.pattern) wrote no audit line")
        #expect(lines.allSatisfy { $0.string("actor")?.hasPrefix("instructor:") == true })
      }
      // Events (2), invite, password, solver and message succeed without sandboxes.
      #expect(succeeded >= 6)
    }
  }

  @Test func learnerRoutes_refuseInstructorsAndSendAnonymousHome() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (learner, _) = try await InstructorSupport.learner(fixture, name: "A")
      for route in fixture.app.instructorRouteTable() {
        guard case .learner = route.handler, !Self.isEventStream(route) else { continue }
        #expect(try await Browser(fixture).get(route.pattern).location == "/")
        #expect(try await instructor.get(route.pattern).status == 403)
        #expect(try await learner.get(route.pattern).status == 200)
      }
    }
  }

  @Test func instructorForm_needsTheSessionsCSRFTokenAndSameOrigin() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let csrf = try await instructor.get("/instructor").csrf ?? ""
      let missing = try await instructor.post("/instructor/invites", [])
      #expect(missing.status == 403)
      let foreign = try await instructor.post(
        "/instructor/invites", [("csrf", csrf)], origin: .foreign)
      #expect(foreign.status == 403)
      #expect(try InstructorSupport.audit(fixture, action: "invite.created").isEmpty)
    }
  }

  /// Event streams never end, so the matrix only reads their head.
  static func isEventStream(_ route: InstructorRoute) -> Bool {
    route.method == .get && route.pattern.hasSuffix("/events")
      && route.pattern != "/instructor/events"
  }

  static func auditCount(_ fixture: WebServerFixture) throws -> Int {
    try fixture.app.database.read { connection in
      try connection.queryOne("SELECT count(*) AS n FROM audit_log")?.int("n") ?? 0
    }
  }
}
