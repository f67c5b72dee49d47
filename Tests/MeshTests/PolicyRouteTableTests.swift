import Mesh
import Testing
import Wire

@Suite struct PolicyRouteTableTests {
  /// A mesh whose one service `api.local` has the routes given (JSON route objects for router `r`).
  static func table(routes: [String]) throws -> RouteTable {
    let json = """
      {"mesh": {"meshName": "m"},
       "virtualServices": [{"virtualServiceName": "api.local",
                            "spec": {"provider": {"virtualRouter": {"virtualRouterName": "r"}}}}],
       "virtualNodes": [
         {"virtualNodeName": "client", "spec": {"backends": [{"virtualService": {"virtualServiceName": "api.local"}}],
                                                "serviceDiscovery": {"dns": {"hostname": "127.0.0.1:9000"}},
                                                "listeners": [{"portMapping": {"port": 15000, "protocol": "http"}}]}},
         {"virtualNodeName": "a", "spec": {"serviceDiscovery": {"dns": {"hostname": "127.0.0.1:9001"}},
                                           "listeners": [{"portMapping": {"port": 15001, "protocol": "http"}}]}},
         {"virtualNodeName": "b", "spec": {"serviceDiscovery": {"dns": {"hostname": "127.0.0.1:9002"}}}}
       ],
       "virtualRouters": [{"virtualRouterName": "r"}],
       "routes": [\(routes.joined(separator: ","))]}
      """
    return try RouteTable(document: MeshDocument(json: Array(json.utf8)), node: "client")
  }

  /// A route named `name` to node `a`, with the given match and priority.
  static func route(_ name: String, _ match: String, priority: Int? = nil) -> String {
    let spec = priority.map { "\"priority\": \($0), " } ?? ""
    return """
      {"routeName": "\(name)", "virtualRouterName": "r", "spec": {\(spec)"httpRoute": {"match": \(match),
        "action": {"weightedTargets": [{"virtualNode": "a", "weight": 1}]}}}}
      """
  }

  struct MatchCase: Sendable, CustomTestStringConvertible {
    let match: String
    let head: HTTPRequestHead
    let matches: Bool
    var testDescription: String {
      "\(match) \(head.method) \(head.target) \(head.headers.fields.map { "\($0.name): \($0.value)" }) → \(matches)"
    }
  }

  static let matchCases: [MatchCase] = [
    MatchCase(match: #"{"prefix": "/api"}"#, head: .make("/api/users"), matches: true),
    MatchCase(match: #"{"prefix": "/api"}"#, head: .make("/ap"), matches: false),
    MatchCase(match: #"{"prefix": "/api"}"#, head: .make("/web?x=/api"), matches: false),
    MatchCase(
      match: #"{"path": {"exact": "/health"}}"#, head: .make("/health?verbose=1"), matches: true),
    MatchCase(
      match: #"{"path": {"exact": "/health"}}"#, head: .make("/health/deep"), matches: false),
    MatchCase(
      match: #"{"path": {"regex": "/users/[0-9]+"}}"#, head: .make("/users/42"), matches: true),
    MatchCase(
      match: #"{"path": {"regex": "/users/[0-9]+"}}"#, head: .make("/users/42/edit"), matches: false
    ),
    MatchCase(
      match: #"{"prefix": "/", "method": "POST"}"#, head: .make("/x", method: .post), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "method": "POST"}"#, head: .make("/x", method: .get), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-v", "match": {"exact": "2"}}]}"#,
      head: .make("/", ["X-V": "2"]), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-v", "match": {"exact": "2"}}]}"#,
      head: .make("/", ["x-v": "20"]), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-v", "match": {"exact": "2"}}]}"#,
      head: .make("/"), matches: false),
    MatchCase(
      match:
        #"{"prefix": "/", "headers": [{"name": "x-v", "invert": true, "match": {"exact": "2"}}]}"#,
      head: .make("/", ["x-v": "3"]), matches: true),
    MatchCase(
      match:
        #"{"prefix": "/", "headers": [{"name": "x-v", "invert": true, "match": {"exact": "2"}}]}"#,
      head: .make("/", ["x-v": "2"]), matches: false),
    MatchCase(
      match:
        #"{"prefix": "/", "headers": [{"name": "x-v", "invert": true, "match": {"exact": "2"}}]}"#,
      head: .make("/"), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "user-agent", "match": {"prefix": "curl/"}}]}"#,
      head: .make("/", ["User-Agent": "curl/8.5"]), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "user-agent", "match": {"prefix": "curl/"}}]}"#,
      head: .make("/", ["User-Agent": "wget"]), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "host", "match": {"suffix": ".local"}}]}"#,
      head: .make("/", ["Host": "api.local"]), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "host", "match": {"suffix": ".local"}}]}"#,
      head: .make("/", ["Host": "api.com"]), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-user", "match": {"regex": "u-[a-z]+"}}]}"#,
      head: .make("/", ["x-user": "u-ann"]), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-user", "match": {"regex": "u-[a-z]+"}}]}"#,
      head: .make("/", ["x-user": "u-ann7"]), matches: false),
    MatchCase(
      match:
        #"{"prefix": "/", "headers": [{"name": "x-n", "match": {"range": {"start": 10, "end": 20}}}]}"#,
      head: .make("/", ["x-n": "10"]), matches: true),
    MatchCase(
      match:
        #"{"prefix": "/", "headers": [{"name": "x-n", "match": {"range": {"start": 10, "end": 20}}}]}"#,
      head: .make("/", ["x-n": "20"]), matches: false),
    MatchCase(
      match:
        #"{"prefix": "/", "headers": [{"name": "x-n", "match": {"range": {"start": 10, "end": 20}}}]}"#,
      head: .make("/", ["x-n": "ten"]), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-debug"}]}"#,
      head: .make("/", ["x-debug": ""]), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-debug", "invert": true}]}"#,
      head: .make("/"), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-debug", "invert": true}]}"#,
      head: .make("/", ["x-debug": "1"]), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "headers": [{"name": "x-v", "match": {"exact": "1,2"}}]}"#,
      head: .make("/", ["x-v": "1", "X-V": "2"]), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "queryParameters": [{"name": "beta", "match": {"exact": "on"}}]}"#,
      head: .make("/x?a=1&beta=on"), matches: true),
    MatchCase(
      match: #"{"prefix": "/", "queryParameters": [{"name": "beta", "match": {"exact": "on"}}]}"#,
      head: .make("/x?beta=off"), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "queryParameters": [{"name": "beta"}]}"#, head: .make("/x?beta"),
      matches: true),
    MatchCase(
      match: #"{"prefix": "/", "queryParameters": [{"name": "beta"}]}"#,
      head: .make("/x?alphabeta=1"), matches: false),
    MatchCase(
      match: #"{"prefix": "/", "queryParameters": [{"name": "beta"}]}"#, head: .make("/x"),
      matches: false),
  ]

  @Test(arguments: matchCases) func route_matchesAsAppMeshDoes(_ c: MatchCase) throws {
    let table = try Self.table(routes: [Self.route("only", c.match)])
    let found = table.route(for: c.head, service: "api.local")
    #expect((found != nil) == c.matches)
  }

  @Test func route_ordersByPriorityThenSpecificityThenDocument() throws {
    let table = try Self.table(routes: [
      Self.route("root", #"{"prefix": "/"}"#),
      Self.route("api", #"{"prefix": "/api"}"#),
      Self.route("exact", #"{"path": {"exact": "/api/v1"}}"#),
      Self.route("urgent", #"{"prefix": "/api/v1", "method": "DELETE"}"#, priority: 5),
      Self.route("api2", #"{"prefix": "/api"}"#),
    ])
    func name(_ head: HTTPRequestHead) -> String? {
      table.route(for: head, service: "api.local")?.name
    }
    #expect(name(.make("/api/v1", method: .delete)) == "urgent")
    #expect(name(.make("/api/v1")) == "exact")
    #expect(name(.make("/api/v2")) == "api")
    #expect(name(.make("/other")) == "root")
  }

  @Test func route_findsServiceByHostWithPortAnyCase() throws {
    let table = try Self.table(routes: [Self.route("only", #"{"prefix": "/"}"#)])
    #expect(table.route(for: .make("/"), service: "API.local:8080")?.name == "only")
    #expect(table.route(for: .make("/"), service: "other.local") == nil)
    #expect(table.route(for: .make("/"), service: nil)?.name == "ingress")
    #expect(table.serviceNames == ["api.local"])
  }

  @Test func clusters_carryAppMeshNamesAndPolicies() throws {
    let document = try ConfigFixtures.demoDocument()
    let swan = try RouteTable(document: document, node: "swan")
    #expect(swan.ingress?.targets.map(\.cluster.name) == ["cds_ingress_demo_swan_http_15001"])
    #expect(swan.ingress?.timeout == 20_000_000_000)
    let split = try #require(swan.route(for: .make("/"), service: "unicorn.local"))
    #expect(split.name == "split")
    #expect(split.timeout == 3_000_000_000)
    #expect(split.idleTimeout == 60_000_000_000)
    #expect(
      split.retryPolicy
        == RetryPolicy(
          retryOn: [.serverError, .gatewayError, .connectFailure], maxRetries: 2,
          perTryTimeout: 500_000_000))
    #expect(split.rateLimit?.maxTokens == 100)
    let v1 = try #require(swan.cluster(named: "cds_egress_demo_unicorn-v1_http_15002"))
    #expect(v1.hosts.map(\.description) == ["127.0.0.1:9001", "127.0.0.1:9002"])
    #expect(
      v1.outlierDetection
        == OutlierDetectionSettings(
          consecutiveServerErrors: 3, interval: 10_000_000_000, baseEjectionTime: 30_000_000_000,
          maxEjectionPercent: 50))
    #expect(v1.circuitBreaker == .envoyDefault)
    #expect(
      swan.route(for: .make("/", ["x-canary": "yes"]), service: "unicorn.local")?.name == "canary")
    for (index, cluster) in swan.clusters.enumerated() { #expect(cluster.index == index) }
    for (index, route) in swan.routes.enumerated() { #expect(route.index == index) }
    let unicorn = try RouteTable(document: document, node: "unicorn-v1")
    #expect(
      unicorn.ingress?.targets.first?.cluster.circuitBreaker
        == CircuitBreakerLimits(maxConnections: 50, maxPendingRequests: 20))
    #expect(unicorn.ingress?.targets.first?.cluster.healthCheck?.path == "/health")
  }

  @Test func timeouts_followEnvoyRequestHeaders() throws {
    let swan = try RouteTable(document: ConfigFixtures.demoDocument(), node: "swan")
    let split = try #require(swan.route(for: .make("/"), service: "unicorn.local"))
    #expect(split.timeouts(for: [:]) == (3_000_000_000, 500_000_000))
    let both: HTTPHeaders = [
      "x-envoy-upstream-rq-timeout-ms": "750", "x-envoy-upstream-rq-per-try-timeout-ms": "100",
    ]
    #expect(split.timeouts(for: both) == (750_000_000, 100_000_000))
    #expect(
      split.timeouts(for: ["x-envoy-upstream-rq-per-try-timeout-ms": "0"]) == (3_000_000_000, nil))
    #expect(
      split.timeouts(for: ["x-envoy-upstream-rq-timeout-ms": "soon"]) == (
        3_000_000_000, 500_000_000
      ))
  }

  @Test func table_rejectsUnknownNode() throws {
    #expect(throws: MeshConfigError(path: "virtualNodes", message: "no virtual node named 'goose'"))
    {
      try RouteTable(document: ConfigFixtures.demoDocument(), node: "goose")
    }
  }

  @Test func pickTarget_splitsByWeightWithinAPercent() throws {
    let table = try Self.table(routes: [
      """
      {"routeName": "w", "virtualRouterName": "r", "spec": {"httpRoute": {"match": {"prefix": "/"},
        "action": {"weightedTargets": [{"virtualNode": "a", "weight": 70}, {"virtualNode": "b", "weight": 30},
                                       {"virtualNode": "client", "weight": 0}]}}}}
      """
    ])
    let route = try #require(table.route(for: .make("/"), service: "api.local"))
    var random = PolicyTestRandom(seed: 42)
    var counts: [String: Int] = [:]
    for _ in 0..<10_000 { counts[route.pickTarget(random.next()).virtualNode, default: 0] += 1 }
    #expect(abs(counts["a", default: 0] - 7000) < 200)
    #expect(abs(counts["b", default: 0] - 3000) < 200)
    #expect(counts["client"] == nil)
    #expect(route.pickTarget(0).virtualNode == "a")
    #expect(route.pickTarget(.max).virtualNode == "b")
  }
}
