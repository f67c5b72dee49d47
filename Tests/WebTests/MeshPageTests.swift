import Foundation
import Mesh
import Testing

@testable import Web

/// `/mesh` through a browser's eyes: the mesh with its weights, the route and outlier-detection
/// forms with CSRF, problems shown beside their fields with the typed text escaped, and nothing
/// saved until the whole document is valid.
@Suite struct MeshPageTests {
  static let routeForm = "/mesh/routes/unicorn-router/unicorn-route"

  /// The route form's fields as posted: weights, retries and timeout.
  static func routeFields(
    csrf: String, v1: String = "90", v2: String = "10", maxRetries: String = "",
    perRetryTimeout: String = "", events: [String] = [], perRequest: String = ""
  ) -> [(String, String)] {
    [
      ("csrf", csrf), ("weight.swan", ""), ("weight.unicorn-v1", v1), ("weight.unicorn-v2", v2),
      ("maxRetries", maxRetries), ("perRetryTimeout", perRetryTimeout),
      ("perRetryTimeoutUnit", "ms"), ("perRequest", perRequest), ("perRequestUnit", "s"),
    ] + events.map { ("retryEvent", $0) }
  }

  @Test func meshPage_showsTheMeshWithWeightsAndForms() async throws {
    try await MeshFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ann")
      let page = try await browser.get("/mesh")
      #expect(page.status == 200)
      #expect(page.text.contains("<code>unicorn-route</code>"))
      #expect(page.text.contains("<code>unicorn-v1</code> 90% (weight 90)"))
      #expect(page.text.contains("<code>unicorn-v2</code> 10% (weight 10)"))
      #expect(page.text.contains(#"action="/mesh/routes/unicorn-router/unicorn-route""#))
      #expect(page.text.contains(#"action="/mesh/nodes/unicorn-v1""#))
      #expect(page.text.contains(#"name="retryEvent" value="server-error""#))
      #expect(page.csrf != nil)
      let anonymous = try await Browser(fixture).get("/mesh")
      #expect(anonymous.status == 303)
    }
  }

  @Test func meshPage_savesAValidRouteFormAndShowsTheSidecarsAnswer() async throws {
    try await MeshFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try #require(try await browser.get("/mesh").csrf)
      let posted = try await browser.post(
        Self.routeForm,
        Self.routeFields(
          csrf: csrf, v1: "50", v2: "50", maxRetries: "2", perRetryTimeout: "500",
          events: ["server-error", "connection-error"], perRequest: "3"))
      #expect(posted.status == 303)
      #expect(posted.location == "/mesh")
      let page = try await browser.get("/mesh")
      #expect(page.text.contains("Saved. No sidecar is running"))
      #expect(page.text.contains("<code>unicorn-v2</code> 50% (weight 50)"))
      #expect(page.text.contains("2 on server-error, connection-error, 500ms per try"))
      let route = try #require(try MeshFixture.saved(fixture, learnerID: id)?.routes.first)
      #expect(route.httpRoute.retryPolicy?.events == [.serverError, .connectionError])
      #expect(route.httpRoute.retryPolicy?.perRetryTimeout == .milliseconds(500))
      #expect(route.httpRoute.timeout?.perRequest == .seconds(3))
      // The notice shows once.
      #expect(try await browser.get("/mesh").text.contains("Saved.") == false)
    }
  }

  @Test(arguments: [
    (["v1": "150"], #"name="weight.unicorn-v1""#, "must be 0...100"),
    (["v1": "<b>x</b>"], #"name="weight.unicorn-v1""#, "must be a whole number"),
    (["maxRetries": "2"], #"name="perRetryTimeout""#, "required for a retry policy"),
    (["maxRetries": "2", "perRetryTimeout": "100"], "Retry on:", "httpRetryEvents"),
    (
      ["maxRetries": "11", "perRetryTimeout": "100", "event": "server-error"],
      #"name="maxRetries""#, "0...10"
    ),
    (["v1": "0", "v2": "0"], "Weights (empty", "above 0"),
    (["v1": "", "v2": ""], "Weights (empty", "at least one node"),
  ])
  func meshPage_showsEachProblemBesideItsFieldAndSavesNothing(
    values: [String: String], anchor: String, problem: String
  ) async throws {
    try await MeshFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try #require(try await browser.get("/mesh").csrf)
      let page = try await browser.post(
        Self.routeForm,
        Self.routeFields(
          csrf: csrf, v1: values["v1"] ?? "90", v2: values["v2"] ?? "10",
          maxRetries: values["maxRetries"] ?? "", perRetryTimeout: values["perRetryTimeout"] ?? "",
          events: values["event"].map { [$0] } ?? []))
      #expect(page.status == 400)
      #expect(!page.text.contains("<b>x</b>"))
      let start = try #require(page.text.range(of: anchor))
      let after = page.text[start.upperBound...].prefix(900)
      let error = try #require(after.range(of: "class=\"field-error error\" role=\"alert\">"))
      #expect(after[error.upperBound...].prefix(200).contains(problem), "\(after)")
      #expect(try MeshFixture.saved(fixture, learnerID: id) == nil)
    }
  }

  @Test func meshPage_typedTextComesBackEscaped() async throws {
    try await MeshFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try #require(try await browser.get("/mesh").csrf)
      let page = try await browser.post(
        Self.routeForm, Self.routeFields(csrf: csrf, v1: #""><script>x</script>"#))
      #expect(page.status == 400)
      #expect(page.text.contains(#"value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;""#))
      #expect(!page.text.contains("<script>x"))
    }
  }

  @Test func meshPage_savesOutlierDetectionAllOrNothing() async throws {
    try await MeshFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try #require(try await browser.get("/mesh").csrf)
      let partial = try await browser.post(
        "/mesh/nodes/unicorn-v1", [("csrf", csrf), ("maxServerErrors", "3")])
      #expect(partial.status == 400)
      #expect(partial.text.contains("give all four fields"))
      #expect(try MeshFixture.saved(fixture, learnerID: id) == nil)

      let saved = try await browser.post(
        "/mesh/nodes/unicorn-v1",
        [
          ("csrf", csrf), ("maxServerErrors", "3"), ("interval", "5"), ("intervalUnit", "s"),
          ("baseEjectionDuration", "30"), ("baseEjectionDurationUnit", "s"),
          ("maxEjectionPercent", "50"),
        ])
      #expect(saved.status == 303)
      let detection = try MeshFixture.saved(fixture, learnerID: id)?.virtualNode(
        named: "unicorn-v1")?
        .listener?.outlierDetection
      #expect(
        detection
          == OutlierDetectionConfig(
            maxServerErrors: 3, interval: .seconds(5), baseEjectionDuration: .seconds(30),
            maxEjectionPercent: 50))
      let page = try await browser.get("/mesh")
      #expect(page.text.contains("after 3 server errors, every 5s, eject 30s, at most 50%"))
    }
  }

  @Test func meshPage_formsNeedTheSessionsTokenAndOrigin() async throws {
    try await MeshFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try #require(try await browser.get("/mesh").csrf)
      let noToken = try await browser.post(Self.routeForm, Self.routeFields(csrf: "wrong", v1: "1"))
      #expect(noToken.status == 403)
      let foreign = try await browser.post(
        Self.routeForm, Self.routeFields(csrf: csrf, v1: "1"), origin: .foreign)
      #expect(foreign.status == 403)
      let unknown = try await browser.post(
        "/mesh/routes/unicorn-router/nope", Self.routeFields(csrf: csrf))
      #expect(unknown.status == 404)
      #expect(try MeshFixture.saved(fixture, learnerID: id) == nil)
    }
  }
}
