import Foundation
import Mesh
import Testing
import Wire

@Suite struct ConfigDocumentTests {
  @Test func demo_parsesEveryShape() throws {
    let document = try ConfigFixtures.demoDocument()
    #expect(document.mesh.meshName == "demo")
    #expect(document.mesh.egressFilter == .dropAll)
    #expect(document.virtualServices[0].provider == .virtualRouter("unicorn-router"))
    #expect(document.virtualServices[1].provider == .virtualNode("swan"))
    let swan = try #require(document.virtualNode(named: "swan"))
    #expect(swan.backends == ["unicorn.local"])
    #expect(swan.hosts == ["127.0.0.1:9000"])
    #expect(swan.listener?.timeout?.perRequest == .seconds(20))
    #expect(swan.accessLog == AccessLogConfig(path: "/dev/stdout"))
    let v1 = try #require(document.virtualNode(named: "unicorn-v1"))
    #expect(v1.hosts == ["127.0.0.1:9001", "127.0.0.1:9002"])
    #expect(v1.listener?.healthCheck?.unhealthyThreshold == 3)
    #expect(v1.listener?.outlierDetection?.maxEjectionPercent == 50)
    #expect(
      v1.listener?.connectionPool
        == ConnectionPoolConfig(maxConnections: 50, maxPendingRequests: 20))
    let split = document.routes[0]
    #expect(split.priority == 10)
    #expect(split.httpRoute.weightedTargets.map(\.weight) == [90, 10])
    #expect(split.httpRoute.retryPolicy?.events == [.serverError, .gatewayError, .connectionError])
    #expect(split.httpRoute.retryPolicy?.perRetryTimeout.nanoseconds == 500_000_000)
    #expect(
      split.httpRoute.localRateLimit
        == LocalRateLimitConfig(maxTokens: 100, tokensPerFill: 10, fillInterval: .seconds(1)))
    #expect(split.httpRoute.fault?.abort == FaultConfig.Abort(httpStatus: 503, percentage: 5))
    #expect(split.httpRoute.fault?.headerOverrides == true)
    #expect(
      document.routes[1].httpRoute.match.headers == [
        HeaderMatchConfig(name: "x-canary", rule: .exact("yes"))
      ])
  }

  @Test func encoding_readsBackToTheSameDocument() throws {
    let document = try ConfigFixtures.demoDocument()
    let again = try MeshDocument(json: document.jsonBytes())
    #expect(again == document)
    #expect(again.jsonBytes() == document.jsonBytes())
  }

  @Test func resources_parseAndEncodeOneAtATime() throws {
    let document = try ConfigFixtures.demoDocument()
    for route in document.routes { #expect(try MeshRoute(json: route.jsonBytes()) == route) }
    for node in document.virtualNodes { #expect(try VirtualNode(json: node.jsonBytes()) == node) }
    for service in document.virtualServices {
      #expect(try VirtualService(json: service.jsonBytes()) == service)
    }
    for router in document.virtualRouters {
      #expect(try VirtualRouter(json: router.jsonBytes()) == router)
    }
    #expect(try MeshResource(json: document.mesh.jsonBytes()) == document.mesh)
    let described = """
      {"meshName": "demo", "virtualRouterName": "v", "routeName": "r",
       "metadata": {"arn": "arn:aws:appmesh:…", "version": 3}, "status": {"status": "ACTIVE"},
       "spec": {"httpRoute": {"match": {"prefix": "/"},
                              "action": {"weightedTargets": [{"virtualNode": "n", "weight": 1}]}}}}
      """
    #expect(
      try MeshRoute(json: Array(described.utf8)).routeName == "r",
      "describe-route output reads back")
    let route = """
      {"routeName": "r", "virtualRouterName": "v", "spec": {"httpRoute": {"match": {"prefix": "/"},
        "action": {"weightedTargets": [{"virtualNode": "n", "weight": 200}]}}}}
      """
    #expect(
      throws: MeshConfigError(
        path: "spec.httpRoute.action.weightedTargets[0].weight", message: "must be 0...100")
    ) {
      try MeshRoute(json: Array(route.utf8))
    }
  }

  @Test func quick_isOneValidNodeToTheUpstream() throws {
    let listen = try #require(SocketAddress("127.0.0.1:10000"))
    let upstream = try #require(SocketAddress("127.0.0.1:8080"))
    let document = MeshDocument.quick(listen: listen, upstream: upstream)
    try document.validate()
    #expect(document.virtualNodes.count == 1)
    #expect(document.virtualNodes[0].listener?.port == 10000)
    #expect(document.virtualNodes[0].hosts == ["127.0.0.1:8080"])
  }

  @Test func validate_checksBoundsOfHandBuiltDocuments() throws {
    var document = try ConfigFixtures.demoDocument()
    document.routes[0].httpRoute.weightedTargets[0].weight = 101
    #expect(
      throws: MeshConfigError(
        path: "routes[0].spec.httpRoute.action.weightedTargets[0].weight",
        message: "must be 0...100")
    ) {
      try document.validate()
    }
  }

  @Test func parse_rejectsNonJSONAndHugeDocuments() {
    #expect(throws: MeshConfigError(path: "", message: "not valid JSON")) {
      try MeshDocument(json: Array("{\"mesh\": ".utf8))
    }
    let huge = [UInt8](repeating: UInt8(ascii: " "), count: MeshDocument.maximumSize + 1)
    #expect(throws: MeshConfigError.self) { try MeshDocument(json: huge) }
  }

  @Test func parse_survivesHostileShapes() {
    let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    #expect(throws: MeshConfigError.self) { try MeshDocument(json: deep) }
    let bytes = Array(ConfigFixtures.demo.utf8)
    var random = PolicyTestRandom(seed: 11)
    for round in 0..<300 {
      var mutated = bytes
      if round % 3 == 0 {
        mutated = Array(mutated.prefix(Int(random.next() % UInt64(bytes.count))))
      } else {
        for _ in 0..<1 + round % 4 {
          let at = Int(random.next() % UInt64(mutated.count))
          mutated[at] = UInt8(truncatingIfNeeded: random.next())
        }
      }
      do {
        _ = try MeshDocument(json: mutated)
      } catch {
        #expect(!error.description.isEmpty)
      }
    }
  }

  /// One change to the demo document, and the error it must give.
  struct Invalid: Sendable, CustomTestStringConvertible {
    let target: String
    let replacement: String
    let error: String
    var testDescription: String { error }
  }

  static let invalid: [Invalid] = [
    Invalid(
      target: "\"weight\": 90", replacement: "\"weight\": 101",
      error: "routes[0].spec.httpRoute.action.weightedTargets[0].weight: must be 0...100"),
    Invalid(
      target: "\"weight\": 90", replacement: "\"weight\": \"90\"",
      error:
        "routes[0].spec.httpRoute.action.weightedTargets[0].weight: must be a whole number, not a string"
    ),
    Invalid(
      target: "{\"virtualNode\": \"unicorn-v1\", \"weight\": 90}",
      replacement: "{\"virtualNode\": \"unicorn-v3\", \"weight\": 90}",
      error:
        "routes[0].spec.httpRoute.action.weightedTargets[0].virtualNode: no virtual node named 'unicorn-v3'"
    ),
    Invalid(
      target: "\"priority\": 10", replacement: "\"priority\": 1001",
      error: "routes[0].spec.priority: must be 0...1000"),
    Invalid(
      target: "\"match\": {\"prefix\": \"/\"}", replacement: "\"match\": {\"prefix\": \"api\"}",
      error: "routes[0].spec.httpRoute.match.prefix: must start with '/'"),
    Invalid(
      target: "\"match\": {\"prefix\": \"/\"}", replacement: "\"match\": {}",
      error: "routes[0].spec.httpRoute.match: must give prefix or path"),
    Invalid(
      target: "\"match\": {\"prefix\": \"/\"}",
      replacement: "\"match\": {\"path\": {\"regex\": \"/(a\"}}",
      error: "routes[0].spec.httpRoute.match.path.regex: does not compile as a regular expression"),
    Invalid(
      target: "\"match\": {\"prefix\": \"/\"}",
      replacement: "\"match\": {\"path\": {\"regex\": \"/(a+)+$\"}}",
      error:
        "routes[0].spec.httpRoute.match.path.regex: nested quantifiers such as (a+)+ are not allowed"
    ),
    Invalid(
      target: "\"match\": {\"prefix\": \"/\"}", replacement: "\"matc\": {\"prefix\": \"/\"}",
      error: "routes[0].spec.httpRoute.matc: unknown field"),
    Invalid(
      target: "{\"name\": \"x-canary\"", replacement: "{\"name\": \"x canary\"",
      error:
        "routes[1].spec.httpRoute.match.headers[0].name: must be a header field name (RFC 9110 §5.6.2 token)"
    ),
    Invalid(
      target: "\"match\": {\"exact\": \"yes\"}",
      replacement: "\"match\": {\"range\": {\"start\": 5, \"end\": 5}}",
      error: "routes[1].spec.httpRoute.match.headers[0].match.range.end: must be greater than start"
    ),
    Invalid(
      target: "\"match\": {\"exact\": \"yes\"}",
      replacement: "\"match\": {\"exact\": \"yes\", \"prefix\": \"y\"}",
      error:
        "routes[1].spec.httpRoute.match.headers[0].match: must name exactly one of exact, prefix, suffix, regex, range"
    ),
    Invalid(
      target: "\"maxRetries\": 2", replacement: "\"maxRetries\": -1",
      error: "routes[0].spec.httpRoute.retryPolicy.maxRetries: must be 0...10"),
    Invalid(
      target: "[\"server-error\", \"gateway-error\"]",
      replacement: "[\"server-error\", \"connection-error\"]",
      error:
        "routes[0].spec.httpRoute.retryPolicy.httpRetryEvents[1]: must be one of \"server-error\", \"gateway-error\", \"client-error\", \"stream-error\""
    ),
    Invalid(
      target: "{\"value\": 500, \"unit\": \"ms\"}",
      replacement: "{\"value\": 500, \"unit\": \"min\"}",
      error:
        "routes[0].spec.httpRoute.retryPolicy.perRetryTimeout.unit: must be one of \"s\", \"ms\""),
    Invalid(
      target: "{\"value\": 3, \"unit\": \"s\"}", replacement: "{\"value\": 86401, \"unit\": \"s\"}",
      error: "routes[0].spec.httpRoute.timeout.perRequest.value: must be 0...86400"),
    Invalid(
      target: "\"maxTokens\": 100", replacement: "\"maxTokens\": 0",
      error: "routes[0].spec.httpRoute.localRateLimit.tokenBucket.maxTokens: must be 1...1000000000"
    ),
    Invalid(
      target: "\"fillInterval\": {\"value\": 1, \"unit\": \"s\"}",
      replacement: "\"fillInterval\": {\"value\": 10, \"unit\": \"ms\"}",
      error:
        "routes[0].spec.httpRoute.localRateLimit.tokenBucket.fillInterval.value: must be 50...86400000"
    ),
    Invalid(
      target: "\"httpStatus\": 503", replacement: "\"httpStatus\": 600",
      error: "routes[0].spec.httpRoute.fault.abort.httpStatus: must be 200...599"),
    Invalid(
      target: "\"percentage\": 5}", replacement: "\"percentage\": 100.5}",
      error: "routes[0].spec.httpRoute.fault.abort.percentage: must be 0...100"),
    Invalid(
      target: "\"canary\", \"virtualRouterName\": \"unicorn-router\"",
      replacement: "\"canary\", \"virtualRouterName\": \"nobody\"",
      error: "routes[1].virtualRouterName: no virtual router named 'nobody'"),
    Invalid(
      target: "\"routeName\": \"canary\"", replacement: "\"routeName\": \"split\"",
      error: "routes[1].routeName: 'split' is used twice in its router"),
    Invalid(
      target: "{\"virtualServiceName\": \"unicorn.local\"}}]",
      replacement: "{\"virtualServiceName\": \"pony.local\"}}]",
      error:
        "virtualNodes[0].spec.backends[0].virtualService.virtualServiceName: no virtual service named 'pony.local'"
    ),
    Invalid(
      target: "{\"virtualNodeName\": \"swan\"}", replacement: "{\"virtualNodeName\": \"goose\"}",
      error:
        "virtualServices[1].spec.provider.virtualNode.virtualNodeName: no virtual node named 'goose'"
    ),
    Invalid(
      target: "\"virtualNodeName\": \"unicorn-v2\",",
      replacement: "\"virtualNodeName\": \"unicorn-v1\",",
      error: "virtualNodes[2].virtualNodeName: 'unicorn-v1' is used twice"),
    Invalid(
      target: "\"127.0.0.1:9003\"", replacement: "\"unicorn:80\"",
      error:
        "virtualNodes[2].spec.serviceDiscovery.dns.hostname: 'unicorn:80' is neither a DNS name nor a numeric host:port address"
    ),
    Invalid(
      target: "{\"port\": 15003, \"protocol\": \"http\"}",
      replacement: "{\"port\": 15003, \"protocol\": \"grpc\"}",
      error: "virtualNodes[2].spec.listeners[0].portMapping.protocol: only \"http\" is supported"),
    Invalid(
      target: "{\"port\": 15003, \"protocol\": \"http\"}",
      replacement: "{\"port\": 70000, \"protocol\": \"http\"}",
      error: "virtualNodes[2].spec.listeners[0].portMapping.port: must be 1...65535"),
    Invalid(
      target: "\"maxEjectionPercent\": 50", replacement: "\"maxEjectionPercent\": 150",
      error:
        "virtualNodes[1].spec.listeners[0].outlierDetection.maxEjectionPercent: must be 0...100"),
    Invalid(
      target: "\"path\": \"/health\", ", replacement: "",
      error: "virtualNodes[1].spec.listeners[0].healthCheck.path: required for http checks"),
    Invalid(
      target: "\"path\": \"/health\"", replacement: "\"path\": \"/health HTTP/1.1\\r\\nX: y\"",
      error:
        "virtualNodes[1].spec.listeners[0].healthCheck.path: must start with '/' and hold no spaces or control characters"
    ),
    Invalid(
      target: "\"maxConnections\": 50", replacement: "\"maxConnections\": 0",
      error:
        "virtualNodes[1].spec.listeners[0].connectionPool.http.maxConnections: must be 1...1000000"),
    Invalid(
      target: "{\"path\": \"/dev/stdout\"}",
      replacement: "{\"path\": \"/dev/stdout\", \"format\": {\"text\": \"%NOPE%\"}}",
      error:
        "virtualNodes[0].spec.logging.accessLog.file.format.text: unknown command operator %NOPE%"),
    Invalid(
      target: "\"meshName\": \"demo\"", replacement: "\"meshName\": \"de mo\"",
      error: "mesh.meshName: must hold only letters, digits, '-', '_' and '.'"),
    Invalid(
      target: "\"meshName\": \"demo\", ", replacement: "",
      error: "mesh.meshName: required"),
  ]

  @Test(arguments: invalid) func parse_namesTheFieldAtFault(_ case: Invalid) throws {
    let json = try #require(ConfigFixtures.demo(replacing: `case`.target, with: `case`.replacement))
    do {
      _ = try MeshDocument(json: json)
      Issue.record("accepted, expected \(`case`.error)")
    } catch {
      #expect(error.description == `case`.error)
    }
  }
}
