import Foundation
import Mesh
import Testing
import Wire

@testable import Web

/// The App Mesh API on a real server: App Mesh's response shapes over the learner's own mesh,
/// validated changes that are saved whole or not at all, App Mesh's status codes, and scoping
/// to the caller.
@Suite struct MeshAPITests {
  @Test func meshAPI_describesTheDefaultMeshInAppMeshShapes() async throws {
    try await MeshFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let meshes = try await fixture.api(.get, WebApp.meshAPIPath + "/meshes", bearer: ann.token)
      #expect(meshes.status == 200)
      #expect(MeshFixture.value(meshes.object, "meshes", 0, "meshName") as? String == "demo")
      #expect(meshes.object["nextToken"] is NSNull)

      let mesh = try await fixture.api(.get, MeshFixture.mesh, bearer: ann.token)
      #expect(MeshFixture.value(mesh.object, "mesh", "status", "status") as? String == "ACTIVE")
      #expect(
        MeshFixture.value(mesh.object, "mesh", "metadata", "arn") as? String
          == "arn:aws:appmesh:local:000000000000:mesh/demo")

      let routes = try await fixture.api(
        .get, MeshFixture.mesh + "/virtualRouter/unicorn-router/routes", bearer: ann.token)
      #expect(
        MeshFixture.value(routes.object, "routes", 0, "routeName") as? String == "unicorn-route")
      #expect(
        MeshFixture.value(routes.object, "routes", 0, "virtualRouterName") as? String
          == "unicorn-router")

      let route = try await fixture.api(.get, MeshFixture.route, bearer: ann.token)
      #expect(route.status == 200)
      let data = try #require(route.object["route"] as? [String: Any])
      #expect(data["meshName"] as? String == "demo")
      #expect(data["routeName"] as? String == "unicorn-route")
      #expect(MeshFixture.value(data, "status", "status") as? String == "ACTIVE")
      #expect(
        MeshFixture.value(data, "metadata", "arn") as? String
          == "arn:aws:appmesh:local:000000000000:mesh/demo/virtualRouter/unicorn-router/route/unicorn-route"
      )
      let targets = try #require(
        MeshFixture.value(data, "spec", "httpRoute", "action", "weightedTargets")
          as? [[String: Any]])
      #expect(targets.map { $0["weight"] as? Int } == [90, 10])

      let nodes = try await fixture.api(.get, MeshFixture.mesh + "/virtualNodes", bearer: ann.token)
      let names = (nodes.object["virtualNodes"] as? [[String: Any]])?.compactMap {
        $0["virtualNodeName"] as? String
      }
      #expect(names == ["swan", "unicorn-v1", "unicorn-v2"])
      let service = try await fixture.api(
        .get, MeshFixture.mesh + "/virtualServices/unicorn.demo.local", bearer: ann.token)
      #expect(
        MeshFixture.value(
          service.object, "virtualService", "spec", "provider", "virtualRouter",
          "virtualRouterName") as? String == "unicorn-router")
      // Reading saves nothing: the default stays the default.
      #expect(try MeshFixture.saved(fixture, learnerID: ann.id) == nil)
    }
  }

  @Test func meshAPI_updateRouteSavesTheWholeDocument() async throws {
    try await MeshFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let updated = try await fixture.api(
        .put, MeshFixture.route,
        json: MeshFixture.routeBody(v1: 50, v2: 50, retry: MeshFixture.retryPolicy),
        bearer: ann.token)
      #expect(updated.status == 200, "\(updated.object)")
      #expect(
        MeshFixture.value(updated.object, "route", "spec", "httpRoute", "retryPolicy", "maxRetries")
          as? Int == 2)
      #expect((updated.object["sidecars"] as? [Any])?.isEmpty == true)

      let saved = try #require(try MeshFixture.saved(fixture, learnerID: ann.id))
      let route = try #require(saved.routes.first)
      #expect(route.httpRoute.retryPolicy?.maxRetries == 2)
      #expect(route.httpRoute.retryPolicy?.events == [.serverError])
      #expect(route.httpRoute.weightedTargets.map(\.weight) == [50, 50])
      // The rest of the document is the default's.
      #expect(saved.virtualNodes == MeshDocument.demo.virtualNodes)

      let again = try await fixture.api(.get, MeshFixture.route, bearer: ann.token)
      #expect(
        MeshFixture.value(
          again.object, "route", "spec", "httpRoute", "retryPolicy", "perRetryTimeout", "value")
          as? Int == 500)
    }
  }

  @Test(arguments: [
    (MeshFixture.routeBody(v1: 101), "spec.httpRoute.action.weightedTargets[0].weight"),
    (MeshFixture.routeBody(v1: 0, v2: 0), "spec.httpRoute.action.weightedTargets"),
    (
      MeshFixture.routeBody(
        retry:
          #"{"maxRetries": 2, "perRetryTimeout": {"value": 1, "unit": "h"}, "httpRetryEvents": ["server-error"]}"#
      ),
      "perRetryTimeout.unit"
    ),
    (
      MeshFixture.routeBody(
        retry:
          #"{"maxRetries": 2, "perRetryTimeout": {"value": 1, "unit": "s"}, "httpRetryEvents": ["teapot"]}"#
      ),
      "httpRetryEvents[0]"
    ),
    (
      #"{"spec": {"httpRoute": {"match": {"prefix": "/"}, "action": {"weightedTargets": [{"virtualNode": "nope", "weight": 1}]}}}}"#,
      "routes[0].spec.httpRoute.action.weightedTargets[0].virtualNode"
    ),
    (#"{"spec": {}}"#, "httpRoute"),
    (#"{"spec": {"httpRoute": {}}, "routeName": "x"}"#, "routeName"),
    (#"{"spec": 3}"#, "spec"),
    (#"{"spec": {"httpRoute": {}}, "clientToken": "not a token!"}"#, "clientToken"),
    ("[1, 2]", "object"),
  ])
  func meshAPI_refusesAnInvalidChangeNamingTheFieldAndKeepsTheDocument(
    body: String, field: String
  ) async throws {
    try await MeshFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let answer = try await fixture.api(.put, MeshFixture.route, json: body, bearer: ann.token)
      #expect(answer.status == 400)
      let message = answer.object["error"] as? String ?? ""
      #expect(message.contains(field), "\(message)")
      #expect(try MeshFixture.saved(fixture, learnerID: ann.id) == nil)
      let route = try await fixture.api(.get, MeshFixture.route, bearer: ann.token)
      #expect(
        MeshFixture.value(route.object, "route", "spec", "httpRoute", "retryPolicy") == nil)
    }
  }

  @Test func meshAPI_createsNewResourcesAndAnswersAppMeshErrors() async throws {
    try await MeshFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let routes = MeshFixture.mesh + "/virtualRouter/unicorn-router/routes"
      let canary = """
        {"routeName": "canary", "spec": {"priority": 1, "httpRoute": {\
        "match": {"prefix": "/", "headers": [{"name": "x-canary", "match": {"exact": "yes"}}]}, \
        "action": {"weightedTargets": [{"virtualNode": "unicorn-v2", "weight": 1}]}}}}
        """
      let created = try await fixture.api(.put, routes, json: canary, bearer: ann.token)
      #expect(created.status == 200, "\(created.object)")
      #expect(MeshFixture.value(created.object, "route", "routeName") as? String == "canary")
      let listed = try await fixture.api(.get, routes, bearer: ann.token)
      #expect((listed.object["routes"] as? [Any])?.count == 2)

      let again = try await fixture.api(.put, routes, json: canary, bearer: ann.token)
      #expect(again.status == 409)
      let missing = try await fixture.api(
        .put, routes + "/nope", json: MeshFixture.routeBody(), bearer: ann.token)
      #expect(missing.status == 404)
      let otherMesh = try await fixture.api(
        .get, WebApp.meshAPIPath + "/meshes/other/virtualNodes", bearer: ann.token)
      #expect(otherMesh.status == 404)
      #expect((otherMesh.object["error"] as? String)?.contains("NotFoundException") == true)
      let otherRouter = try await fixture.api(
        .get, MeshFixture.mesh + "/virtualRouter/nope/routes", bearer: ann.token)
      #expect(otherRouter.status == 404)
      let unknownNode = try await fixture.api(
        .get, MeshFixture.mesh + "/virtualNodes/nope", bearer: ann.token)
      #expect(unknownNode.status == 404)

      let node = """
        {"spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}, \
        "outlierDetection": {"maxServerErrors": 3, "interval": {"value": 10, "unit": "s"}, \
        "baseEjectionDuration": {"value": 30, "unit": "s"}, "maxEjectionPercent": 50}}], \
        "serviceDiscovery": {"dns": {"hostname": "unicorn-v1.demo.local"}}}}
        """
      let updatedNode = try await fixture.api(
        .put, MeshFixture.mesh + "/virtualNodes/unicorn-v1", json: node, bearer: ann.token)
      #expect(updatedNode.status == 200, "\(updatedNode.object)")
      let saved = try #require(try MeshFixture.saved(fixture, learnerID: ann.id))
      #expect(
        saved.virtualNode(named: "unicorn-v1")?.listener?.outlierDetection?.maxServerErrors == 3)
      #expect(saved.routes.map(\.routeName) == ["unicorn-route", "canary"])
    }
  }

  @Test func meshAPI_pagesListsWithLimitAndNextToken() async throws {
    try await MeshFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let path = MeshFixture.mesh + "/virtualNodes"
      let first = try await fixture.api(.get, path + "?limit=2", bearer: ann.token)
      #expect((first.object["virtualNodes"] as? [Any])?.count == 2)
      let token = try #require(first.object["nextToken"] as? String)
      let second = try await fixture.api(
        .get, path + "?limit=2&nextToken=\(token)", bearer: ann.token)
      #expect(
        MeshFixture.value(second.object, "virtualNodes", 0, "virtualNodeName") as? String
          == "unicorn-v2")
      #expect(second.object["nextToken"] is NSNull)
      #expect(try await fixture.api(.get, path + "?limit=0", bearer: ann.token).status == 400)
      #expect(try await fixture.api(.get, path + "?nextToken=x", bearer: ann.token).status == 400)
    }
  }

  @Test func meshAPI_readsAndChangesOnlyTheCallersOwnMesh() async throws {
    try await MeshFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let bob = try await MeshFixture.learner(fixture, name: "Bob")
      let changed = try await fixture.api(
        .put, MeshFixture.route, json: MeshFixture.routeBody(v1: 0, v2: 100), bearer: ann.token)
      #expect(changed.status == 200)
      let asBob = try await fixture.api(.get, MeshFixture.route, bearer: bob.token)
      let weights =
        (MeshFixture.value(
          asBob.object, "route", "spec", "httpRoute", "action", "weightedTargets")
        as? [[String: Any]])?
        .map { $0["weight"] as? Int }
      #expect(weights == [90, 10])
      #expect(try MeshFixture.saved(fixture, learnerID: bob.id) == nil)

      #expect(try await fixture.api(.get, MeshFixture.route).status == 401)
      #expect(
        try await fixture.api(.put, MeshFixture.route, json: MeshFixture.routeBody()).status == 401)
      #expect(try await fixture.api(.get, MeshFixture.route, bearer: "x").status == 401)

      try fixture.app.addInstructor(name: "Grace", password: InstructorSupport.password)
      let signedIn = try await fixture.api(
        .post, "/api/v1/signin",
        json: #"{"name":"Grace","password":"\#(InstructorSupport.password)"}"#)
      let grace = try #require(signedIn.object["token"] as? String)
      #expect(try await fixture.api(.get, MeshFixture.route, bearer: grace).status == 403)
    }
  }

  @Test func meshAPI_readsWithTheSessionCookieButChangesOnlyWithABearerToken() async throws {
    try await MeshFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let read = try await browser.get(MeshFixture.route)
      #expect(read.status == 200)
      #expect(read.text.contains("unicorn-route"))
      var headers: HTTPHeaders = [
        "Cookie": browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
        "Content-Type": "application/json",
      ]
      headers.add("Origin", fixture.origin)
      let put = try await fixture.send(
        HTTPClientRequest(
          method: .put, target: MeshFixture.route, headers: headers,
          body: Array(MeshFixture.routeBody(v1: 1).utf8)))
      #expect(put.status.code == 401)
      #expect(try MeshFixture.saved(fixture, learnerID: id) == nil)
    }
  }
}
