/// The workshop's mesh (LABS.md): swan calls unicorn, whose router sends 90 % of calls to
/// unicorn-v1 and 10 % to unicorn-v2 — the canary the traffic-shaping lab moves and rolls back.
/// The route has no retry policy, so the resilience lab has one to add. Every node logs to
/// standard output (the access logs the labs read) and names its instances by DNS name, which
/// each sidecar resolves through its `--resolve` table; the unicorn nodes health-check `/health`
/// every second (App Mesh asks for at least 5 s; labs need to see a crash sooner).
extension MeshDocument {
  /// The demo mesh's name, and the DNS domain of its services.
  public static let demoName = "demo"

  /// ``demo`` as JSON, in App Mesh's shapes.
  public static let demoJSON = """
    {
      "mesh": {"meshName": "demo"},
      "virtualServices": [
        {"virtualServiceName": "unicorn.demo.local",
         "spec": {"provider": {"virtualRouter": {"virtualRouterName": "unicorn-router"}}}},
        {"virtualServiceName": "swan.demo.local",
         "spec": {"provider": {"virtualNode": {"virtualNodeName": "swan"}}}}
      ],
      "virtualNodes": [
        {"virtualNodeName": "swan",
         "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
                  "backends": [{"virtualService": {"virtualServiceName": "unicorn.demo.local"}}],
                  "serviceDiscovery": {"dns": {"hostname": "swan.demo.local"}},
                  "logging": {"accessLog": {"file": {"path": "/dev/stdout"}}}}},
        \(demoUnicorn("v1")),
        \(demoUnicorn("v2"))
      ],
      "virtualRouters": [
        {"virtualRouterName": "unicorn-router",
         "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}}
      ],
      "routes": [
        {"routeName": "unicorn-route", "virtualRouterName": "unicorn-router",
         "spec": {"httpRoute": {
           "match": {"prefix": "/"},
           "action": {"weightedTargets": [{"virtualNode": "unicorn-v1", "weight": 90},
                                          {"virtualNode": "unicorn-v2", "weight": 10}]}}}}
      ]
    }
    """

  /// The demo mesh, parsed from ``demoJSON`` (a test keeps it valid).
  public static let demo: MeshDocument = {
    do {
      return try MeshDocument(json: Array(demoJSON.utf8))
    } catch {
      fatalError("the built-in demo mesh is invalid: \(error)")
    }
  }()

  /// One unicorn version's node.
  private static func demoUnicorn(_ version: String) -> String {
    """
    {"virtualNodeName": "unicorn-\(version)",
         "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"},
                                 "healthCheck": {"protocol": "http", "path": "/health",
                                                 "intervalMillis": 1000, "timeoutMillis": 1000,
                                                 "healthyThreshold": 2, "unhealthyThreshold": 2}}],
                  "serviceDiscovery": {"dns": {"hostname": "unicorn-\(version).demo.local"}},
                  "logging": {"accessLog": {"file": {"path": "/dev/stdout"}}}}}
    """
  }
}
