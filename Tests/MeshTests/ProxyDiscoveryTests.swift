import Mesh
import Testing
import Wire

/// A sidecar's hosts in the sandbox's shape: ingress goes to the node's own app (`--app`)
/// while callers dial the node's discovery hosts, which may be DNS names the sidecar resolves
/// through its own table (`--resolve`).
@Suite struct ProxyDiscoveryTests {
  /// Node `front` calls `back.local`, served by node `back`, whose instances are `hostname`.
  private static func document(backHostname hostname: String) throws -> MeshDocument {
    try MeshDocument(
      json: Array(
        """
        {"mesh": {"meshName": "lab"},
         "virtualServices": [{"virtualServiceName": "back.local",
           "spec": {"provider": {"virtualNode": {"virtualNodeName": "back"}}}}],
         "virtualNodes": [
           {"virtualNodeName": "front",
            "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
                     "backends": [{"virtualService": {"virtualServiceName": "back.local"}}],
                     "serviceDiscovery": {"dns": {"hostname": "front.lab.local"}}}},
           {"virtualNodeName": "back",
            "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
                     "serviceDiscovery": {"dns": {"hostname": "\(hostname)"}}}}]}
        """.utf8))
  }

  private static func proxy(
    _ document: MeshDocument, node: String, direction: ProxyServer.Direction,
    discovery: HostDiscovery
  ) throws -> ProxyHarness {
    try ProxyHarness(
      configuration: ProxyServer.Configuration(
        listen: SocketAddress("127.0.0.1:0")!,
        routes: RouteTable(document: document, node: node, discovery: discovery),
        direction: direction))
  }

  @Test func ingressGoesToTheAppWhileCallersDialTheResolvedDiscoveryHosts() throws {
    let app = try UpstreamStub()
    let document = try Self.document(backHostname: "back.lab.local")
    let backIngress = try Self.proxy(
      document, node: "back", direction: .ingress, discovery: HostDiscovery(app: app.address))
    let frontEgress = try Self.proxy(
      document, node: "front", direction: .egress,
      discovery: HostDiscovery(names: ["BACK.lab.local": [backIngress.proxy.address]]))
    defer {
      frontEgress.stop()
      backIngress.stop()
      app.stop()
    }
    let client = try frontEgress.client()
    try client.send("GET /hello HTTP/1.1\r\nHost: back.local\r\n\r\n")
    let response = try client.response()
    #expect(response.status == 200)
    #expect(response.text == "hello")
    // The caller's sidecar dialled back's ingress listener; back's sidecar dialled the app.
    #expect(
      frontEgress.accessLog(count: 1).first?.hasSuffix("\"\(backIngress.proxy.address)\"")
        == true)
    #expect(backIngress.accessLog(count: 1).first?.hasSuffix("\"\(app.address)\"") == true)
  }

  @Test func aNameMissingFromTheTable_leavesTheClusterEmpty_503UH() throws {
    let app = try UpstreamStub()
    let document = try Self.document(backHostname: "back.lab.local")
    let frontEgress = try Self.proxy(
      document, node: "front", direction: .egress,
      discovery: HostDiscovery(names: ["other.lab.local": [app.address]]))
    defer {
      frontEgress.stop()
      app.stop()
    }
    let client = try frontEgress.client()
    try client.send("GET /hello HTTP/1.1\r\nHost: back.local\r\n\r\n")
    let response = try client.response()
    #expect(response.status == 503)
    #expect(response.text == "no healthy upstream")
    #expect(frontEgress.accessLog(count: 1).first?.contains("\" 503 UH ") == true)
  }

  @Test func numericHostnamesNeedNoTable() throws {
    let app = try UpstreamStub()
    let document = try Self.document(backHostname: app.address.description)
    let frontEgress = try Self.proxy(
      document, node: "front", direction: .egress, discovery: HostDiscovery())
    defer {
      frontEgress.stop()
      app.stop()
    }
    let client = try frontEgress.client()
    try client.send("GET /hello HTTP/1.1\r\nHost: back.local\r\n\r\n")
    #expect(try client.response().text == "hello")
  }

  @Test func withoutApp_ingressGoesToTheDiscoveryHosts() throws {
    let document = try Self.document(backHostname: "back.lab.local")
    let resolved = try RouteTable(
      document: document, node: "back",
      discovery: HostDiscovery(names: ["back.lab.local": [SocketAddress("127.0.0.1:9001")!]]))
    #expect(resolved.ingress?.targets.first?.cluster.hosts == [SocketAddress("127.0.0.1:9001")!])
    let app = try RouteTable(
      document: document, node: "back",
      discovery: HostDiscovery(app: SocketAddress("127.0.0.1:9100")!))
    #expect(app.ingress?.targets.first?.cluster.hosts == [SocketAddress("127.0.0.1:9100")!])
  }

  @Test func resolveTable_parsesAndRejectsWithClearMessages() throws {
    let table = try HostDiscovery.names(
      resolving: "swan.demo.local=127.0.0.1:1;unicorn-v1.demo.local=127.0.0.1:2, 127.0.0.1:3")
    #expect(table["unicorn-v1.demo.local"]?.map(\.port) == [2, 3])
    #expect(table["swan.demo.local"]?.map(\.port) == [1])
    let bad: [(String, String)] = [
      ("swan.demo.local", "is not NAME=ADDR"),
      ("-bad.local=127.0.0.1:1", "is not a DNS name"),
      ("a.local=example.com:80", "is not a numeric host:port address"),
      ("a.local=127.0.0.1:1;A.local=127.0.0.1:2", "is given twice"),
      ("a.local=" + Array(repeating: "127.0.0.1:1", count: 17).joined(separator: ","), "1–16"),
      (
        (0...64).map { "n\($0).local=127.0.0.1:1" }.joined(separator: ";"),
        "more than 64 names"
      ),
    ]
    for (text, message) in bad {
      #expect {
        _ = try HostDiscovery.names(resolving: text)
      } throws: { error in
        "\(error)".contains(message)
      }
    }
  }

  @Test func virtualNodeHostname_takesADNSNameOrNumericAddresses() throws {
    func hostname(_ text: String) -> String {
      """
      {"mesh": {"meshName": "m"}, "virtualNodes": [{"virtualNodeName": "n",
        "spec": {"serviceDiscovery": {"dns": {"hostname": "\(text)"}}}}]}
      """
    }
    let named = try MeshDocument(json: Array(hostname("unicorn-v1.demo.local").utf8))
    #expect(named.virtualNodes[0].hosts == ["unicorn-v1.demo.local"])
    #expect(throws: MeshConfigError.self) {
      try MeshDocument(json: Array(hostname("unicorn_v1.demo.local").utf8))
    }
    do {
      _ = try MeshDocument(json: Array(hostname("a.local,127.0.0.1:80").utf8))
      Issue.record("a name inside an address list was accepted")
    } catch {
      #expect(error.path == "virtualNodes[0].spec.serviceDiscovery.dns.hostname")
      #expect(error.message.contains("neither a DNS name nor a numeric host:port"))
    }
  }
}
