import Foundation
import Labs
import Mesh
import Sandbox
import Testing

@testable import Web

/// `check mesh-config`: judged from the learner's current mesh document, registered in the
/// standard registry, its fields validated when labs load, and end to end through the engine:
/// pending before a change through the mesh API, passed after.
@Suite struct MeshCheckTests {
  /// A context whose mesh document is fixed.
  struct Context: CheckContext {
    let step = Step(id: "s", title: "S", body: "", checks: [], hints: [], answer: nil, line: 1)
    let stepStartedAt = 0.0
    let document: MeshDocument?
    func sandboxStatus() -> SandboxStatus? { nil }
    func faults() throws -> [FaultRecord] { [] }
    func latestAnswer() throws -> String? { nil }
    func meshDocument() throws -> MeshDocument? { document }
  }

  static let route = "virtualRouter/unicorn-router/route/unicorn-route"

  static func check(_ fields: [(String, String)]) -> CheckSpec {
    CheckSpec(
      kind: "mesh-config",
      fields: fields.enumerated().map { CheckField(key: $1.0, value: $1.1, line: $0 + 2) },
      line: 1)
  }

  static func judge(_ fields: [(String, String)], _ document: MeshDocument?) throws -> CheckOutcome
  {
    try MeshConfigCheckEvaluator().evaluate(check(fields), context: Context(document: document))
  }

  /// The demo mesh with two retries on server errors, 500 ms per try.
  static var withRetries: MeshDocument {
    var document = MeshDocument.demo
    document.routes[0].httpRoute.retryPolicy = RetryPolicyConfig(
      maxRetries: 2, perRetryTimeout: .milliseconds(500), events: [.serverError])
    return document
  }

  @Test func meshConfigCheck_comparesAFieldOfTheCurrentDocument() throws {
    let retries = [("resource", Self.route), ("path", "httpRoute.retryPolicy.maxRetries")]
    #expect(
      try Self.judge(retries + [("at-least", "2")], .demo)
        == .pending(
          "route unicorn-router/unicorn-route httpRoute.retryPolicy.maxRetries is not set"))
    #expect(try Self.judge(retries + [("at-least", "2")], Self.withRetries) == .passed)
    #expect(
      try Self.judge(retries + [("at-least", "3")], Self.withRetries)
        == .pending(
          "route unicorn-router/unicorn-route httpRoute.retryPolicy.maxRetries is 2, wanted at least 3"
        ))
    let events = [("resource", Self.route), ("path", "httpRoute.retryPolicy.httpRetryEvents")]
    #expect(try Self.judge(events + [("contains", "server-error")], Self.withRetries) == .passed)
    #expect(
      try Self.judge(events + [("contains", "gateway-error")], Self.withRetries).holds == false)
    let perTry = [("resource", Self.route), ("path", "httpRoute.retryPolicy.perRetryTimeout")]
    #expect(try Self.judge(perTry + [("at-most", "1s")], Self.withRetries) == .passed)
    #expect(try Self.judge(perTry + [("at-most", "499ms")], Self.withRetries).holds == false)
    #expect(try Self.judge(perTry + [("equals", "500ms")], Self.withRetries) == .passed)
    #expect(try Self.judge(perTry + [("exists", "true")], Self.withRetries) == .passed)
    #expect(try Self.judge(perTry + [("exists", "false")], .demo) == .passed)
    let canary = [
      ("resource", Self.route),
      ("path", "httpRoute.action.weightedTargets[virtualNode=unicorn-v2].weight"),
    ]
    #expect(try Self.judge(canary + [("equals", "10")], .demo) == .passed)
    #expect(try Self.judge(canary + [("at-least", "50")], .demo).reason.contains("is 10"))
    let node = [
      ("resource", "virtualNode/unicorn-v1"),
      ("path", "listeners[0].healthCheck.path"),
    ]
    #expect(try Self.judge(node + [("equals", "/health")], .demo) == .passed)
  }

  @Test func meshConfigCheck_isNotMetWithoutTheResourceOrADocument() throws {
    let fields = [("resource", "virtualNode/nope"), ("path", "listeners"), ("exists", "true")]
    #expect(try Self.judge(fields, .demo) == .pending("your mesh has no virtual node nope"))
    #expect(try Self.judge(fields, nil).holds == false)
    let notAList = [
      ("resource", Self.route), ("path", "httpRoute.match.prefix"), ("contains", "/"),
    ]
    #expect(try Self.judge(notAList, .demo).name == "failed")
    let durationAsNumber = [
      ("resource", Self.route), ("path", "httpRoute.retryPolicy.perRetryTimeout"),
      ("at-most", "2"),
    ]
    #expect(try Self.judge(durationAsNumber, Self.withRetries).name == "failed")
  }

  @Test(arguments: [
    "httpRoute.retryPolicy.maxRetries", "listeners[0].outlierDetection.maxServerErrors",
    "httpRoute.action.weightedTargets[virtualNode=unicorn-v2].weight", "a_b-c.d",
  ])
  func meshConfigPath_readsPaths(text: String) {
    #expect(MeshConfigPath(text)?.description == text)
  }

  @Test(arguments: ["", ".a", "a.", "a[", "a[x]", "a[=1]", "a]b", "a..b", "a b", "a[1]x"])
  func meshConfigPath_refusesBadPaths(text: String) {
    #expect(MeshConfigPath(text) == nil)
  }

  @Test func meshConfigCheck_isRegisteredAndItsFieldsValidateLabs() throws {
    let registry = EvaluatorRegistry.standard
    #expect(registry.evaluator(for: "mesh-config")?.kind == MeshConfigCheckEvaluator.kind)
    let lab = """
      ---
      title: Mesh lab
      summary: Retry.
      minutes: 5
      ---
      ## Retry

      ```check mesh-config
      resource: route/unicorn-route
      path: httpRoute..retryPolicy
      at-least: two
      ```

      ```check mesh-config
      resource: virtualNode/unicorn-v1
      path: listeners
      exists: true
      equals: 1
      ```
      """
    let messages = try labProblems(lab).joined(separator: "\n")
    #expect(messages.contains("check field 'resource' must be virtualNode/NAME"))
    #expect(messages.contains("check field 'path' must be field names"))
    #expect(messages.contains("check field 'at-least' must be a number, or a duration"))
    #expect(messages.contains("needs exactly one of exists, equals, at-least, at-most, contains"))
  }

  /// A lab whose one step wants two retries on server errors of the unicorn route.
  static let lab = """
    ---
    title: Survive failure
    summary: Retries.
    minutes: 5
    ---
    Intro.

    ## Add retries

    ```check mesh-config
    resource: virtualRouter/unicorn-router/route/unicorn-route
    path: httpRoute.retryPolicy.maxRetries
    at-least: 2
    ```

    ```check mesh-config
    resource: virtualRouter/unicorn-router/route/unicorn-route
    path: httpRoute.retryPolicy.httpRetryEvents
    contains: server-error
    ```

    ## Done

    A step the demo mesh never satisfies, so only the first one can be done.

    ```check mesh-config
    resource: virtualNode/swan
    path: listeners
    exists: false
    ```

    """

  @Test func meshConfigCheck_failsBeforeAndPassesAfterAChangeThroughTheAPI() async throws {
    try await MeshFixture.with(labs: [("06-resilience", Self.lab)]) { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let opened = try await fixture.api(
        .post, "/api/v1/labs/06-resilience/open", json: "{}", bearer: ann.token)
      #expect(opened.status == 200, "\(opened.object)")
      let step = "/api/v1/labs/06-resilience/steps/add-retries/check"
      let before = try await fixture.api(.post, step, json: "{}", bearer: ann.token)
      #expect(before.status == 200)
      let checks = try #require(
        MeshFixture.value(before.object, "step", "checks") as? [[String: Any]])
      #expect(checks.map { $0["outcome"] as? String } == ["pending", "pending"])
      #expect((checks[0]["reason"] as? String)?.contains("maxRetries is not set") == true)
      #expect(MeshFixture.value(before.object, "step", "completedAt") is NSNull)

      let put = try await fixture.api(
        .put, MeshFixture.route, json: MeshFixture.routeBody(retry: MeshFixture.retryPolicy),
        bearer: ann.token)
      #expect(put.status == 200)
      let after = try await fixture.api(.post, step, json: "{}", bearer: ann.token)
      let passed = try #require(
        MeshFixture.value(after.object, "step", "checks") as? [[String: Any]])
      #expect(passed.map { $0["outcome"] as? String } == ["passed", "passed"])
      #expect(MeshFixture.value(after.object, "step", "completedAt") is String)
      let lab = try await fixture.api(.get, "/api/v1/labs/06-resilience", bearer: ann.token)
      #expect(lab.object["stepsDone"] as? Int == 1)
    }
  }
}
