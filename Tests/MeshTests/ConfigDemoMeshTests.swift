import Mesh
import Testing
import Wire

/// The workshop's demo mesh: valid, and compiled into every node's sidecar routes.
@Suite struct ConfigDemoMeshTests {
  @Test func demoMesh_validatesAndCompilesForEveryNode() throws {
    let demo = MeshDocument.demo
    try demo.validate()
    #expect(demo.mesh.meshName == "demo")
    #expect(demo.virtualNodes.map(\.virtualNodeName) == ["swan", "unicorn-v1", "unicorn-v2"])
    let discovery = HostDiscovery(
      app: SocketAddress("127.0.0.1:9000")!,
      names: [
        "swan.demo.local": [SocketAddress("127.0.0.1:9100")!],
        "unicorn-v1.demo.local": [SocketAddress("127.0.0.1:9101")!],
        "unicorn-v2.demo.local": [SocketAddress("127.0.0.1:9102")!],
      ])
    for node in demo.virtualNodes {
      let table = try RouteTable(document: demo, node: node.virtualNodeName, discovery: discovery)
      #expect(table.listenerPort == 8080)
      #expect(table.ingress?.targets.first?.cluster.hosts == [SocketAddress("127.0.0.1:9000")!])
      #expect(table.accessLog?.path == "/dev/stdout")
    }
    let swan = try RouteTable(document: demo, node: "swan", discovery: discovery)
    #expect(swan.serviceNames == ["unicorn.demo.local"])
    var head = HTTPRequestHead(method: .get, target: "/anything")
    head.headers.add("host", "unicorn.demo.local")
    let route = try #require(swan.route(for: head, service: "unicorn.demo.local"))
    #expect(route.name == "unicorn-route")
    #expect(route.retryPolicy.maxRetries == 0, "the retry lab adds the policy")
    #expect(
      route.targets.map { "\($0.cluster.virtualNode)=\($0.weight)" } == [
        "unicorn-v1=90", "unicorn-v2=10",
      ])
    #expect(route.targets[0].cluster.hosts == [SocketAddress("127.0.0.1:9101")!])
    let unicorn = try RouteTable(document: demo, node: "unicorn-v1", discovery: discovery)
    #expect(unicorn.ingress?.targets.first?.cluster.healthCheck?.path == "/health")
  }
}
