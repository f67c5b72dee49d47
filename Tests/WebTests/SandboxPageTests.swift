import Foundation
import Testing
import Wire

@testable import Web

/// The sandbox page in a browser's shoes: CSRF-checked forms, start progress, the process
/// table and charts, the fault forms and the learner's faults.
@Suite(.serialized) struct SandboxPageTests {
  @Test func sandboxPage_startsShowsProcessesChartsAndFaultFormsAndStops() async throws {
    try await SandboxWebFixture.with { fixture in
      let anonymous = try await Browser(fixture).get("/sandbox")
      #expect(anonymous.status == 303)
      #expect(anonymous.location == "/")

      let browser = Browser(fixture)
      _ = try await browser.join(name: "<Ada & \"co\">")
      let empty = try await browser.get("/sandbox")
      #expect(empty.status == 200)
      #expect(empty.text.contains("You have no sandbox yet."))
      #expect(empty.text.contains("&lt;Ada &amp; &quot;co&quot;&gt;"))
      #expect(!empty.text.contains("<Ada"))
      let csrf = try #require(empty.csrf)

      // A form without the session's token starts nothing.
      let forged = try await browser.post("/sandbox/start", [])
      #expect(forged.status == 403)
      #expect(fixture.app.sandboxAgent?.sandboxIDs.isEmpty == true)

      let start = try await browser.post("/sandbox/start", [("csrf", csrf)])
      #expect(start.status == 303)
      #expect(start.location == "/sandbox")
      var page = try await browser.get("/sandbox")
      if !page.text.contains("every process is up") {
        #expect(page.text.contains(#"<meta http-equiv="refresh" content="2">"#))
        #expect(page.text.contains("<progress max=\"12\""))
      }
      try await SandboxWebFixture.waitUntil("the page shows every process up", seconds: 20) {
        page = try await browser.get("/sandbox")
        return page.text.contains("every process is up")
      }
      #expect(!page.text.contains("http-equiv=\"refresh\""))
      let names = [
        "tracer", "metrics", "logrouter", "swan", "unicorn-v1-a", "unicorn-v1-b", "unicorn-v2",
        "swan-envoy", "unicorn-v1-a-envoy", "unicorn-v1-b-envoy", "unicorn-v2-envoy", "loadgen",
      ]
      for name in names {
        #expect(page.text.contains("<td>\(name)</td>"), "\(name) in the process table")
        #expect(page.text.contains("<figcaption>\(name)</figcaption>"), "\(name) charts")
      }
      #expect(page.text.components(separatedBy: #"<figure class="process-chart">"#).count - 1 == 12)
      #expect(page.text.contains("<section class=\"mesh\">"))
      #expect(page.text.components(separatedBy: #"action="/sandbox/faults""#).count - 1 == 12)
      #expect(
        page.text.contains(
          #"<input type="number" name="fixed_ms" min="0" max="60000" value="1000" required>"#))
      #expect(page.text.contains("<option selected>SIGKILL</option>"))
      #expect(!page.text.contains("<script>"))
      #expect(!page.text.contains("style="))

      // A fault through the form shows in the list with an End button.
      let applied = try await browser.post(
        "/sandbox/faults",
        [
          ("csrf", csrf), ("kind", "latency"), ("target", "unicorn-v1-a"), ("fixed_ms", "5"),
          ("jitter_ms", "0"), ("percent", "100"),
        ])
      #expect(applied.status == 303)
      page = try await browser.get("/sandbox")
      let faultID = try #require(
        try fixture.app.sandboxes?.history.list(learnerID: 1).first?.id)
      #expect(page.text.contains(#"action="/sandbox/faults/\#(faultID)/end""#))
      #expect(page.text.contains("<code>{&quot;fixed_ms&quot;:5,"))

      // A refused form shows the page again with the reason.
      let refused = try await browser.post(
        "/sandbox/faults",
        [("csrf", csrf), ("kind", "latency"), ("target", "unicorn-v2"), ("fixed_ms", "-5")])
      #expect(refused.status == 400)
      #expect(refused.text.contains("fixed_ms: must be an integer between 0 and 60000"))
      let twice = try await browser.post(
        "/sandbox/faults", [("csrf", csrf), ("kind", "latency"), ("target", "unicorn-v1-a")])
      #expect(twice.status == 409)
      #expect(twice.text.contains("already open"))

      let end = try await browser.post("/sandbox/faults/\(faultID)/end", [("csrf", csrf)])
      #expect(end.status == 303)
      page = try await browser.get("/sandbox")
      #expect(!page.text.contains("/sandbox/faults/\(faultID)/end"))

      let stop = try await browser.post("/sandbox/stop", [("csrf", csrf)])
      #expect(stop.status == 303)
      #expect(fixture.app.sandboxAgent?.status(sandboxID: "learner-1")?.phase == .stopped)
    }
  }

  @Test func sandboxPage_isForLearnersOnly() async throws {
    try await SandboxWebFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let browser = Browser(fixture)
      _ = try await browser.signIn(name: "Grace", password: "a long password")
      let page = try await browser.get("/sandbox")
      #expect(page.status == 403)
      #expect(page.text.contains("The sandbox is for learners."))
    }
  }
}
