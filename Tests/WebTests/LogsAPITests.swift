import Foundation
import LogRouter
import Testing
import Wire

@testable import Web

/// `GET /api/v1/logs` on a real server: the caller's own store, filters, facets, paging, time
/// bounds, and the 400/401/403 answers.
@Suite struct LogsAPITests {
  @Test func logsAPI_filtersFacetsAndPagesNewestFirst() async throws {
    try await LogsFixture.with { fixture in
      let ann = try await LogsFixture.learner(fixture, name: "Ann")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: ann.id).insert([
        LogsFixture.record("ERROR one", at: now - 50),
        LogsFixture.record("INFO fine", at: now - 40),
        LogsFixture.record("ERROR two", at: now - 30),
        LogsFixture.record(
          "ERROR three", container: "unicorn", source: "stderr", at: now - 20,
          extra: [LogField("status", .integer(503))]),
        LogsFixture.record("ERROR four", at: now - 10),
      ])
      let first = try await LogsFixture.get(
        fixture, "/api/v1/logs?filter=ERROR&limit=2", bearer: ann.token)
      #expect(first.status == 200)
      #expect(LogsFixture.lines(first.object) == ["ERROR four", "ERROR three"])
      let facets = try #require(first.object["facets"] as? [String: [String: Int]])
      #expect(facets["containers"] == ["swan": 3, "unicorn": 1])
      #expect(facets["sources"] == ["stdout": 3, "stderr": 1])
      let next = try #require(first.object["next"] as? String)
      let second = try await LogsFixture.get(
        fixture, "/api/v1/logs?filter=ERROR&limit=2&next=\(next)", bearer: ann.token)
      #expect(LogsFixture.lines(second.object) == ["ERROR two", "ERROR one"])
      #expect(second.object["next"] is NSNull)

      let unicorn = try await LogsFixture.get(
        fixture, "/api/v1/logs?filter=%7B+%24.status+%3D+503+%7D&container=unicorn",
        bearer: ann.token)
      let record = try #require((unicorn.object["records"] as? [[String: Any]])?.first)
      #expect(record["container"] as? String == "unicorn")
      #expect(record["source"] as? String == "stderr")
      #expect(record["timeMs"] as? Int == Int((now - 20) * 1000))
      #expect((record["fields"] as? [String: Any])?["status"] as? Int == 503)
    }
  }

  @Test func logsAPI_boundsTimesGivenAsISOOrMilliseconds() async throws {
    try await LogsFixture.with { fixture in
      let ann = try await LogsFixture.learner(fixture, name: "Ann")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: ann.id).insert([
        LogsFixture.record("old", at: now - 100), LogsFixture.record("new", at: now),
      ])
      let start = ISOTime.string(now - 50)
      let iso = try await LogsFixture.get(fixture, "/api/v1/logs?start=\(start)", bearer: ann.token)
      #expect(LogsFixture.lines(iso.object) == ["new"])
      let endMs = Int((now - 50) * 1000)
      let ms = try await LogsFixture.get(fixture, "/api/v1/logs?end=\(endMs)", bearer: ann.token)
      #expect(LogsFixture.lines(ms.object) == ["old"])
    }
  }

  @Test(arguments: [
    ("filter=%7B+%24.status+%3D", "position"), ("filter=%22open", "position"),
    ("start=yesterday", "start"), ("end=2026-13-45", "end"), ("limit=0", "limit"),
    ("limit=1001", "limit"), ("limit=ten", "limit"), ("next=zzz", "next"),
    ("filter=%FF", "UTF-8"),
  ])
  func logsAPI_rejectsBadParametersNamingThem(query: String, named: String) async throws {
    try await LogsFixture.with { fixture in
      let ann = try await LogsFixture.learner(fixture, name: "Ann")
      _ = try LogsFixture.store(fixture, learnerID: ann.id)
      let answer = try await LogsFixture.get(fixture, "/api/v1/logs?\(query)", bearer: ann.token)
      #expect(answer.status == 400)
      #expect((answer.object["error"] as? String)?.contains(named) == true, "\(answer.object)")
    }
  }

  @Test func logsAPI_readsOnlyTheCallersOwnSandbox() async throws {
    try await LogsFixture.with { fixture in
      let ann = try await LogsFixture.learner(fixture, name: "Ann")
      let bob = try await LogsFixture.learner(fixture, name: "Bob")
      let cat = try await LogsFixture.learner(fixture, name: "Cat")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: ann.id).insert([
        LogsFixture.record("ann's line", at: now)
      ])
      try LogsFixture.store(fixture, learnerID: bob.id).insert([
        LogsFixture.record("bob's secret", at: now)
      ])
      let asAnn = try await LogsFixture.get(fixture, "/api/v1/logs", bearer: ann.token)
      #expect(LogsFixture.lines(asAnn.object) == ["ann's line"])
      let asBob = try await LogsFixture.get(fixture, "/api/v1/logs", bearer: bob.token)
      #expect(LogsFixture.lines(asBob.object) == ["bob's secret"])
      // No logs yet is an empty answer, not an error.
      let asCat = try await LogsFixture.get(fixture, "/api/v1/logs", bearer: cat.token)
      #expect(asCat.status == 200)
      #expect(LogsFixture.lines(asCat.object).isEmpty)
    }
  }

  @Test func logsAPI_refusesInstructorsAndAnonymousCallers() async throws {
    try await LogsFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: InstructorSupport.password)
      let signedIn = try await fixture.api(
        .post, "/api/v1/signin",
        json: #"{"name":"Grace","password":"\#(InstructorSupport.password)"}"#)
      let token = try #require(signedIn.object["token"] as? String)
      #expect(try await LogsFixture.get(fixture, "/api/v1/logs", bearer: token).status == 403)
      #expect(try await LogsFixture.get(fixture, "/api/v1/logs", bearer: nil).status == 401)
      #expect(try await LogsFixture.get(fixture, "/api/v1/logs", bearer: "x").status == 401)
    }
  }

  @Test func logsAPI_acceptsTheSessionCookie() async throws {
    try await LogsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      try LogsFixture.store(fixture, learnerID: id).insert([
        LogsFixture.record("from the cookie", at: LogsFixture.now(fixture))
      ])
      let page = try await browser.get("/api/v1/logs")
      #expect(page.status == 200)
      #expect(page.text.contains("from the cookie"))
    }
  }
}
