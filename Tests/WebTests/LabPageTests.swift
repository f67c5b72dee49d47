import Foundation
import Testing
import Wire

@testable import Web

@Suite struct LabPageTests {
  private let lab = LabPageSamples.path

  private func withServer(_ body: (WebServerFixture) async throws -> Void) async throws {
    try await WebServerFixture.with(
      configure: { try? LabPageSamples.write(labsFolder: $0.labsFolder) }, body)
  }

  /// The CSRF token of the page's first step form (the header's sign-out form comes first).
  private func stepCSRF(_ page: Browser.Page) throws -> String {
    let form = try #require(page.text.range(of: "/steps/"))
    let rest = page.text[form.upperBound...]
    let start = try #require(rest.range(of: #"name="csrf" value=""#))
    let tail = rest[start.upperBound...]
    return String(tail[..<(try #require(tail.firstIndex(of: "\"")))])
  }

  @Test func labsList_showsLabsWithProgressAndLinks() async throws {
    try await withServer { server in
      let browser = Browser(server)
      let labs = try await browser.join(name: "<b>Eve</b>")
      #expect(labs.status == 200)
      #expect(labs.text.contains("/rejoin/"))
      #expect(labs.text.contains("Signed in as &lt;b&gt;Eve&lt;/b&gt;"))
      #expect(labs.text.contains(#"<a href="\#(lab)">Escape &lt;b&gt;room&lt;/b&gt;"#))
      #expect(labs.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(!labs.text.contains("<script>alert"))
      #expect(labs.text.contains(#"<progress value="0" max="2">"#))
      #expect(labs.text.contains("about 7 minutes"))
    }
  }

  @Test func labPage_opensTheLabAndRendersEscapedSteps() async throws {
    try await withServer { server in
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let page = try await browser.get(lab)
      #expect(page.status == 200)
      #expect(
        page.text.contains("<h1>Escape &lt;b&gt;room&lt;/b&gt; &amp; &quot;friends&quot;</h1>"))
      #expect(!page.text.contains("<i>raw</i>"))
      #expect(page.text.contains(#"<details class="step step-active" id="step-pick-one" open>"#))
      #expect(page.text.contains(#"<details class="step step-locked" id="step-type-it">"#))
      #expect(page.text.contains(#"id="step-pick-one-state">Current step<"#))
      #expect(page.text.contains(#"id="step-type-it-state">Not started<"#))
      #expect(page.text.contains(#"id="step-pick-one-check-1">not checked yet<"#))
      #expect(page.text.contains("Which &lt;tag&gt; is right?"))
      #expect(page.text.contains(#"value="&lt;b&gt;bold&lt;/b&gt;""#))
      #expect(page.text.contains(#"src="\#(lab)/files/map.svg""#))
      #expect(page.text.contains(#"href="/content/glossary.md""#))
      #expect(page.text.contains(#"action="\#(lab)/steps/pick-one/answer""#))
      #expect(page.text.contains(#"action="\#(lab)/steps/pick-one/hints""#))
      #expect(!page.text.contains("/steps/pick-one/solve"))
      #expect(!page.text.contains("/steps/type-it/answer"))
      #expect(page.text.contains(#"<meta http-equiv="refresh" content="5">"#))
      #expect(page.text.contains(#"data-sse-map="\#(lab)/events""#))
      #expect(page.text.contains(#"href="/sandbox""#))
      #expect(try await browser.get("/labs").text.contains(#"<progress value="0" max="2">"#))
      #expect(try await browser.get("/labs/99-none").status == 404)
    }
  }

  @Test func answerForm_wrongThenRightMovesToTheNextStep() async throws {
    try await withServer { server in
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let page = try await browser.get(lab)
      let csrf = try stepCSRF(page)
      let locked = try await browser.post(
        "\(lab)/steps/type-it/answer", [("text", "yes"), ("csrf", csrf)])
      #expect(locked.status == 409)
      #expect(locked.text.contains(#"role="alert""#))
      let empty = try await browser.post(
        "\(lab)/steps/pick-one/answer", [("text", " "), ("csrf", csrf)])
      #expect(empty.text.contains("Choose or type an answer first."))
      let wrong = try await browser.post(
        "\(lab)/steps/pick-one/answer", [("text", "<b>bold</b>"), ("csrf", csrf)])
      #expect(wrong.status == 200)
      #expect(wrong.text.contains("That is not the answer yet."))
      #expect(wrong.text.contains(#"id="step-pick-one-check-1">failed"#))
      let right = try await browser.post(
        "\(lab)/steps/pick-one/answer", [("text", "plain"), ("csrf", csrf)])
      #expect(right.status == 303)
      #expect(right.location == "\(lab)#step-pick-one")
      let after = try await browser.get(lab)
      #expect(after.text.contains(#"id="step-pick-one-state">Done<"#))
      #expect(after.text.contains(#"id="step-pick-one-check-1">passed"#))
      #expect(after.text.contains(#"<details class="step step-active" id="step-type-it" open>"#))
      #expect(after.text.contains(#"name="text" maxlength="200""#))
      let typed = try await browser.post(
        "\(lab)/steps/type-it/answer", [("text", " YES "), ("csrf", csrf)])
      #expect(typed.status == 303)
      let finished = try await browser.get(lab)
      #expect(!finished.text.contains(#"http-equiv="refresh""#))
      #expect(try await browser.get("/labs").text.contains(#"<progress value="2" max="2">"#))
    }
  }

  @Test func checkAndHintForms_redirectAndShowTheHint() async throws {
    try await withServer { server in
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let csrf = try stepCSRF(try await browser.get(lab))
      let checked = try await browser.post("\(lab)/steps/pick-one/check", [("csrf", csrf)])
      #expect(checked.status == 303)
      #expect(checked.location == "\(lab)#step-pick-one")
      let hinted = try await browser.post("\(lab)/steps/pick-one/hints", [("csrf", csrf)])
      #expect(hinted.status == 303)
      let page = try await browser.get(lab)
      #expect(page.text.contains("Ask for &lt;this&gt;."))
      #expect(!page.text.contains("/steps/pick-one/hints"))
      let noStep = try await browser.post("\(lab)/steps/nope/check", [("csrf", csrf)])
      #expect(noStep.status == 404)
    }
  }

  @Test func solveForm_onlyWhenAnInstructorAllowedIt() async throws {
    try await withServer { server in
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let page = try await browser.get(lab)
      #expect(!page.text.contains("Solve this step"))
      let refused = try await browser.post(
        "\(lab)/steps/pick-one/solve", [("csrf", try stepCSRF(page))])
      #expect(refused.status == 403)
      #expect(refused.text.contains(#"role="alert""#))
      let app = server.app
      let learner = try #require(
        try app.accounts.learners(eventID: app.accounts.defaultEvent.id).first)
      try app.progress.allowSolver(
        learnerID: learner.id, labID: LabPageSamples.labID, stepID: "pick-one", allowed: true)
      let allowed = try await browser.get(lab)
      #expect(allowed.text.contains(#"action="\#(lab)/steps/pick-one/solve""#))
    }
  }

  @Test func forms_refuseMissingCSRFForeignOriginAndOtherRoles() async throws {
    try await withServer { server in
      let anonymous = Browser(server)
      let away = try await anonymous.get(lab)
      #expect(away.status == 303)
      #expect(away.location == "/")
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let csrf = try stepCSRF(try await browser.get(lab))
      let missing = try await browser.post("\(lab)/steps/pick-one/answer", [("text", "plain")])
      #expect(missing.status == 403)
      let forged = try await browser.post(
        "\(lab)/steps/pick-one/answer", [("text", "plain"), ("csrf", csrf)], origin: .foreign)
      #expect(forged.status == 403)
      #expect(try await browser.get(lab).text.contains(#"id="step-pick-one-state">Current step<"#))

      try server.app.addInstructor(name: "Ivy", password: "a long password")
      let instructor = Browser(server)
      #expect(try await instructor.signIn(name: "Ivy", password: "a long password").status == 303)
      #expect(try await instructor.get(lab).status == 403)
      #expect(try await instructor.get("\(lab)/events").status == 403)
    }
  }

  @Test func contentAndFiles_serveOnlyStrictNames() async throws {
    try await withServer { server in
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let glossary = try await browser.get("/content/glossary.md")
      #expect(glossary.status == 200)
      #expect(glossary.text.contains("<title>Glossary · Sidecar Lab</title>"))
      #expect(glossary.text.contains("&lt;marquee&gt;"))
      let shape = try await browser.get("/content/shape.svg")
      #expect(shape.status == 200)
      #expect(shape.headers["Content-Type"] == "image/svg+xml")
      let map = try await browser.get("\(lab)/files/map.svg")
      #expect(map.headers["Content-Type"] == "image/svg+xml")
      #expect(map.text.hasPrefix("<svg"))
      for bad in [
        "/content/Glossary.md", "/content/..%2Fglossary.md", "/content/glossary.txt",
        "/content/missing.md", "/content/.md", "\(lab)/files/lab.md", "\(lab)/files/..%2Fmap.svg",
        "/labs/99-none/files/map.svg", "/content/a/glossary.md",
      ] {
        #expect(try await browser.get(bad).status == 404, "\(bad)")
      }
    }
  }

  @Test func eventStream_sendsAnEventWhenTheStepCompletes() async throws {
    try await withServer { server in
      let browser = Browser(server)
      _ = try await browser.join(name: "Ann")
      let csrf = try stepCSRF(try await browser.get(lab))
      let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
      let stream = try LabPageStream(server.server.address, path: "\(lab)/events", cookie: cookie)
      #expect(await stream.waitFor("text/event-stream"))
      #expect(await stream.waitFor(#""text":"Current step""#))
      #expect(!stream.text.contains(#""text":"Done""#))
      let right = try await browser.post(
        "\(lab)/steps/pick-one/answer", [("text", "plain"), ("csrf", csrf)])
      #expect(right.status == 303)
      #expect(await stream.waitFor(#""text":"Done""#))
      #expect(stream.text.contains("step-pick-one-state"))
    }
  }
}
