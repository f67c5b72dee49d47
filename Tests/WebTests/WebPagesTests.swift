import Foundation
import Testing
import Wire

@testable import Web

@Suite struct WebPagesTests {
  @Test func join_setsCookieAndShowsLabsWithRejoinLinkOnce() async throws {
    try await WebServerFixture.with(labs: ["01-first-look", "02-<i>\"quoted\" & odd"]) { fixture in
      let browser = Browser(fixture)
      let labs = try await browser.join(name: "Ada")
      #expect(labs.status == 200)
      #expect(browser.cookies["sidecarlab_session"] != nil)
      #expect(labs.text.contains("01-first-look"))
      #expect(labs.text.contains("02-&lt;i&gt;&quot;quoted&quot; &amp; odd"))
      #expect(labs.text.contains("Signed in as Ada"))
      let link = try #require(labs.text.firstMatch(of: /href="(\/rejoin\/[A-Za-z0-9_-]{43})"/)?.1)
      #expect(try await browser.get("/labs").text.contains("/rejoin/") == false)

      let otherDevice = Browser(fixture)
      let confirm = try await otherDevice.get(String(link))
      #expect(confirm.status == 200)
      #expect(confirm.text.contains("<strong>Ada</strong>"))
      #expect(otherDevice.cookies["sidecarlab_session"] == nil)
      let rejoined = try await otherDevice.post(String(link), [("csrf", confirm.csrf ?? "")])
      #expect(rejoined.status == 303)
      #expect(rejoined.location == "/labs")
      #expect(try await otherDevice.get("/labs").text.contains("Signed in as Ada"))
    }
  }

  @Test func join_cookieHasTheSecurityAttributes() async throws {
    try await WebServerFixture.with { fixture in
      let browser = Browser(fixture)
      let form = try await browser.get("/join")
      #expect(
        form.headers.values("Set-Cookie").contains {
          $0.contains("sidecarlab_csrf=") && $0.contains("SameSite=Strict")
        })
      let joined = try await browser.post(
        "/join", [("code", "JOIN42"), ("name", "Ada"), ("csrf", form.csrf ?? "")])
      let cookie = try #require(
        joined.headers.values("Set-Cookie").first { $0.hasPrefix("sidecarlab_session=") })
      #expect(cookie.contains("HttpOnly"))
      #expect(cookie.contains("SameSite=Lax"))
      #expect(cookie.contains("Path=/"))
      #expect(!cookie.contains("Secure"))
    }
  }

  @Test func join_failureShowsTheFormAgain() async throws {
    try await WebServerFixture.with { fixture in
      let browser = Browser(fixture)
      let form = try await browser.get("/join")
      let unknown = try await browser.post(
        "/join", [("code", "WRONG1"), ("name", "Ada"), ("csrf", form.csrf ?? "")])
      #expect(unknown.status == 404)
      #expect(unknown.text.contains("no event with that code"))
      #expect(unknown.text.contains("<form method=\"post\" action=\"/join\""))
      let empty = try await browser.post(
        "/join", [("code", "JOIN42"), ("name", "  "), ("csrf", form.csrf ?? "")])
      #expect(empty.status == 400)
      #expect(empty.text.contains("name must not be empty"))
      #expect(browser.cookies["sidecarlab_session"] == nil)
    }
  }

  @Test func csrf_missingWrongOrForeignOrigin_is403() async throws {
    try await WebServerFixture.with { fixture in
      let browser = Browser(fixture)
      let form = try await browser.get("/join")
      let csrf = try #require(form.csrf)
      let missing = try await browser.post("/join", [("code", "JOIN42"), ("name", "Ada")])
      #expect(missing.status == 403)
      let wrong = try await browser.post(
        "/join", [("code", "JOIN42"), ("name", "Ada"), ("csrf", Token.generate().text)])
      #expect(wrong.status == 403)
      let foreign = try await browser.post(
        "/join", [("code", "JOIN42"), ("name", "Ada"), ("csrf", csrf)], origin: .foreign)
      #expect(foreign.status == 403)
      #expect(browser.cookies["sidecarlab_session"] == nil)
    }
  }

  @Test func signOut_needsSessionTokenAndOrigin() async throws {
    try await WebServerFixture.with { fixture in
      let browser = Browser(fixture)
      let labs = try await browser.join(name: "Ada")
      let csrf = try #require(labs.csrf)
      #expect(try await browser.post("/signout", []).status == 403)
      #expect(try await browser.post("/signout", [("csrf", "wrong")]).status == 403)
      #expect(try await browser.post("/signout", [("csrf", csrf)], origin: .none).status == 403)
      #expect(try await browser.post("/signout", [("csrf", csrf)], origin: .foreign).status == 403)
      #expect(try await browser.get("/labs").status == 200)
      let out = try await browser.post("/signout", [("csrf", csrf)])
      #expect(out.status == 303)
      #expect(out.location == "/")
      #expect(browser.cookies["sidecarlab_session"] == nil)
    }
  }

  @Test func signInAndOut_instructor() async throws {
    try await WebServerFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let browser = Browser(fixture)
      let signedIn = try await browser.signIn(
        name: "Grace", password: "a long password", next: "/instructor")
      #expect(signedIn.status == 303)
      #expect(signedIn.location == "/instructor")
      let home = try await browser.get("/instructor")
      #expect(home.status == 200)
      #expect(home.text.contains("JOIN42"))
      #expect(home.text.contains("Sidecar Lab workshop"))
      let out = try await browser.post("/signout", [("csrf", home.csrf ?? "")])
      #expect(out.status == 303)
      let after = try await browser.get("/instructor")
      #expect(after.status == 303)
      #expect(after.location == "/signin?next=/instructor")
    }
  }

  @Test func signIn_wrongPasswordIs401ThenThrottledWith429() async throws {
    try await WebServerFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let browser = Browser(fixture)
      for _ in 1...5 {
        let page = try await browser.signIn(name: "Grace", password: "not the password")
        #expect(page.status == 401)
        #expect(page.text.contains("Wrong name or password."))
      }
      let throttled = try await browser.signIn(name: "Grace", password: "a long password")
      #expect(throttled.status == 429)
      #expect(Int(throttled.headers["Retry-After"] ?? "") != nil)
    }
  }

  @Test func signIn_nextMustBeLocal() async throws {
    try await WebServerFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let page = try await Browser(fixture).signIn(
        name: "Grace", password: "a long password", next: "//evil.example")
      #expect(page.status == 303)
      #expect(page.location == "/instructor")
    }
  }

  @Test func instructorPage_refusesLearnersAndRedirectsAnonymous() async throws {
    try await WebServerFixture.with { fixture in
      let anonymous = try await Browser(fixture).get("/instructor")
      #expect(anonymous.status == 303)
      #expect(anonymous.location == "/signin?next=/instructor")
      let learner = Browser(fixture)
      _ = try await learner.join(name: "Ada")
      let refused = try await learner.get("/instructor")
      #expect(refused.status == 403)
      #expect(refused.text.contains("<main>"))
      let labs = try await Browser(fixture).get("/labs")
      #expect(labs.status == 303)
      #expect(labs.location == "/")
    }
  }

  @Test func instructorPage_showsHostileNamesEscaped() async throws {
    try await WebServerFixture.with { fixture in
      let hostile = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]
      for name in hostile { _ = try await Browser(fixture).join(name: name) }
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let instructor = Browser(fixture)
      _ = try await instructor.signIn(name: "Grace", password: "a long password")
      let page = try await instructor.get("/instructor")
      #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(page.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
      #expect(!page.text.contains("<script>alert"))
      #expect(!page.text.contains("<img"))
      #expect(page.text.contains("Learners (2)"))
    }
  }

  @Test func sessionExpiry_endsAccess() async throws {
    try await WebServerFixture.with { fixture in
      let browser = Browser(fixture)
      _ = try await browser.join(name: "Ada")
      fixture.clock.advance(by: 7 * 24 * 3600 + 1)
      let labs = try await browser.get("/labs")
      #expect(labs.status == 303)
      #expect(labs.location == "/")
    }
  }

  @Test func bootstrap_createsTheFirstInstructorOnce() async throws {
    try await WebServerFixture.with { fixture in
      let token = try #require(try fixture.app.bootstrapTokenIfNeeded())
      let browser = Browser(fixture)
      let form = try await browser.get("/bootstrap/\(token)")
      #expect(form.status == 200)
      let short = try await browser.post(
        "/bootstrap/\(token)",
        [("name", "Grace"), ("password", "short"), ("csrf", form.csrf ?? "")])
      #expect(short.status == 400)
      let created = try await browser.post(
        "/bootstrap/\(token)",
        [("name", "Grace"), ("password", "a long password"), ("csrf", form.csrf ?? "")])
      #expect(created.status == 303)
      #expect(created.location == "/instructor")
      #expect(try await browser.get("/instructor").status == 200)
      #expect(try await Browser(fixture).get("/bootstrap/\(token)").status == 404)
    }
  }

  @Test func everyResponse_carriesTheSecurityHeaders() async throws {
    try await WebServerFixture.with { fixture in
      // `Browser` checks the headers on every response; these cover the odd corners.
      let browser = Browser(fixture)
      let home = try await browser.get("/")
      #expect(home.status == 200)
      #expect(home.text.contains("Sidecar Lab workshop"))
      #expect(!home.text.contains("<style") && !home.text.contains("<script>"))
      let missing = try await browser.get("/no/such/page")
      #expect(missing.status == 404)
      #expect(missing.text.contains("<main>"))
      let wrongMethod = try await browser.post("/labs", [])
      #expect(wrongMethod.status == 405)
      #expect(wrongMethod.headers["Allow"] == "GET")
      #expect(try await browser.get("/static/site.css").status == 404)
      let health = try await browser.get("/healthz")
      #expect(health.status == 200 && health.text == "ok")
      let ready = try await browser.get("/readyz")
      #expect(ready.status == 200 && ready.text == "ready")
    }
  }
}
