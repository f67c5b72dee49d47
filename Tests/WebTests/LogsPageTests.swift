import Foundation
import LogRouter
import Testing
import Wire

@testable import Web

/// `GET /logs` and its live tail `GET /logs/events` on a real server: hostile lines escaped
/// before matched terms are marked, facets and paging links, access, and the tail delivering a
/// line written after it opened.
@Suite struct LogsPageTests {
  static let script = "<script>alert(1)</script> ERROR"
  static let image = #""><img src=x onerror=alert(1)> ERROR"#

  @Test func logsPage_escapesHostileLinesThenMarksTerms() async throws {
    try await LogsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: id).insert([
        LogsFixture.record(Self.script, container: "<b>box</b>", at: now - 2),
        LogsFixture.record(Self.image, source: #"std"err"#, at: now - 1),
        LogsFixture.record("a<b lt", at: now),
      ])
      let page = try await browser.get("/logs?filter=ERROR")
      #expect(page.status == 200)
      #expect(!page.text.contains("<script>alert"))
      #expect(!page.text.contains("<img src=x"))
      #expect(!page.text.contains("<b>box"))
      #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>ERROR</mark>"))
      #expect(page.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; <mark>ERROR</mark>"))
      // Facets are links that keep the search, their values escaped and encoded.
      #expect(page.text.contains("&lt;b&gt;box&lt;/b&gt; (1)</a>"))
      #expect(page.text.contains("/logs?filter=ERROR&amp;container=%3Cb%3Ebox%3C/b%3E"))
      #expect(page.text.contains("std&quot;err (1)</a>"))
      #expect(!page.text.contains("a&lt;b"), "lines not matching the filter are not listed")

      // Escape first, then mark: the term `lt` must not be found inside `&lt;`.
      let marked = try await browser.get("/logs?filter=lt")
      #expect(marked.text.contains("a&lt;b <mark>lt</mark>"))
      #expect(!marked.text.contains("&<mark>"))
    }
  }

  @Test func logsPage_pagesOlderLinesAndRefreshesWithoutScript() async throws {
    try await LogsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: id).insert([
        LogsFixture.record("alpha line", at: now - 2), LogsFixture.record("beta line", at: now - 1),
      ])
      let newest = try await browser.get("/logs?limit=1&range=1h")
      #expect(newest.text.contains("beta line"))
      #expect(!newest.text.contains("alpha line"))
      #expect(newest.text.contains(#"<noscript><meta http-equiv="refresh""#))
      #expect(newest.text.contains(#"<option value="1h" selected>"#))
      let start = try #require(newest.text.range(of: #"<a rel="next" href=""#))
      let rest = newest.text[start.upperBound...]
      let href = String(rest[..<rest.firstIndex(of: "\"")!]).replacingOccurrences(
        of: "&amp;", with: "&")
      #expect(href.contains("next=n"))
      let older = try await browser.get(href + "&limit=1")
      #expect(older.text.contains("alpha line"))
      #expect(!older.text.contains("beta line"))
      #expect(!older.text.contains(#"<a rel="next""#))
    }
  }

  @Test func logsPage_rangePresetLeavesOutOlderLines() async throws {
    try await LogsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: id).insert([
        LogsFixture.record("an hour ago", at: now - 3000), LogsFixture.record("just now", at: now),
      ])
      let recent = try await browser.get("/logs?range=5m")
      #expect(recent.text.contains("just now"))
      #expect(!recent.text.contains("an hour ago"))
      let all = try await browser.get("/logs?range=all")
      #expect(all.text.contains("an hour ago"))
    }
  }

  @Test func logsPage_showsBadSearchesAsA400WithTheReason() async throws {
    try await LogsFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ann")
      let page = try await browser.get("/logs?filter=%7B+%24.status")
      #expect(page.status == 400)
      #expect(page.text.contains("bad filter pattern at position"))
      #expect(page.text.contains(#"<form method="get" action="/logs""#))
      let range = try await browser.get("/logs?range=2d")
      #expect(range.status == 400)
      #expect(range.text.contains("range must be one of"))
    }
  }

  @Test func logsPage_noLogsYetIsNotAnError() async throws {
    try await LogsFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ann")
      let page = try await browser.get("/logs")
      #expect(page.status == 200)
      #expect(page.text.contains("No logs yet"))
    }
  }

  @Test func logsPage_isForLearnersOnly() async throws {
    try await LogsFixture.with { fixture in
      let anonymous = try await Browser(fixture).get("/logs")
      #expect(anonymous.status == 303)
      #expect(anonymous.location == "/")
      let instructor = try await InstructorSupport.instructor(fixture)
      #expect(try await instructor.get("/logs").status == 403)
      #expect(try await instructor.get("/logs/events").status == 403)
    }
  }

  @Test func logEvents_tailSendsMatchingLinesWrittenAfterItOpened() async throws {
    try await LogsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let store = try LogsFixture.store(fixture, learnerID: id)
      let now = LogsFixture.now(fixture)
      try store.insert([LogsFixture.record("ERROR before the stream", at: now)])
      let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
      let stream = try LabPageStream(
        fixture.server.address, path: "/logs/events?filter=ERROR", cookie: cookie)
      #expect(await stream.waitFor("text/event-stream"))
      #expect(await stream.waitFor(": tail"))
      try store.insert([
        LogsFixture.record("INFO not wanted", at: now),
        LogsFixture.record(Self.script, at: now),
      ])
      #expect(await stream.waitFor(#""mark":true"#))
      #expect(stream.text.contains(#""text":"ERROR""#))
      #expect(stream.text.contains(#"<\/script>"#) || stream.text.contains("</script>"))
      #expect(!stream.text.contains("before the stream"))
      #expect(!stream.text.contains("not wanted"))
    }
  }
}
