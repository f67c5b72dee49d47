import Foundation
import Testing

@testable import Web

/// One learner up close shows their logs and service map read-only (issue #5 item 3).
@Suite struct InstructorTelemetryTests {
  @Test func learnerPage_showsTheirLogsAndServiceMapWithoutForms() async throws {
    try await LogsFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await LogsFixture.learner(fixture, name: "Ann")
      let (_, bob) = try await LogsFixture.learner(fixture, name: "Bob")
      let now = LogsFixture.now(fixture)
      try LogsFixture.store(fixture, learnerID: ann).insert([
        LogsFixture.record("<b>boom</b> upstream reset", at: now - 5)
      ])
      try LogsFixture.store(fixture, learnerID: bob).insert([
        LogsFixture.record("only bob's line", at: now - 5)
      ])
      let traces = try TracesFixture.store(fixture, learnerID: ann)
      defer { traces.close() }
      try TracesFixture.request(into: traces, now: now, serial: 1, at: now - 60)

      let page = try await instructor.get("/instructor/learners/\(ann)")
      #expect(page.status == 200)
      #expect(page.text.contains("Their logs"))
      #expect(page.text.contains("&lt;b&gt;boom&lt;/b&gt; upstream reset"))
      #expect(!page.text.contains("<b>boom"))
      #expect(!page.text.contains("only bob's line"))
      #expect(page.text.contains("Their service map"))
      #expect(!page.text.contains("No traced requests in this window yet."))
      #expect(page.text.contains("<svg"))
      #expect(!page.text.contains("data-logs-sse"))
      #expect(!page.text.contains("action=\"/logs\""))

      let empty = try await instructor.get("/instructor/learners/\(bob)")
      #expect(
        empty.text.contains("only bob&#39;s line") || empty.text.contains("only bob&#x27;s line"))
      #expect(empty.text.contains("No traced requests in this window yet."))
    }
  }
}
