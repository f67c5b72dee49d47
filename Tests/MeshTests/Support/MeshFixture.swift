import Mesh
import Wire

/// A small mesh for engine tests: node `front` calls virtual service `back.local`, whose router
/// splits `/` between nodes `back-a` and `back-b` by `weights`, and has a rate-limited route
/// under `/limited`, a fault route under `/faulty` and a retrying route under `/retry`
/// (2 retries on server errors and connection errors, 150 ms per try) and `/slowed` (fault
/// delay 150 ms). Node `back-c` (app at `a`) limits its ingress to 1 connection and 1
/// pending request (App Mesh `connectionPool`). `/watched` goes to node `back-d`, whose hosts
/// are `a` and `b`, with outlier detection (2 consecutive 5xx eject, up to 50 %). Node
/// `back-e` (app at `a`) health-checks `GET /health` every 100 ms.
enum MeshFixture {
  static func json(a: SocketAddress, b: SocketAddress, weights: (Int, Int) = (50, 50)) -> String {
    """
    {
      "mesh": {"meshName": "test"},
      "virtualServices": [
        {"virtualServiceName": "back.local",
         "spec": {"provider": {"virtualRouter": {"virtualRouterName": "back-router"}}}}
      ],
      "virtualNodes": [
        {"virtualNodeName": "front",
         "spec": {"listeners": [{"portMapping": {"port": 15000, "protocol": "http"}}],
                  "backends": [{"virtualService": {"virtualServiceName": "back.local"}}]}},
        {"virtualNodeName": "back-a",
         "spec": {"listeners": [{"portMapping": {"port": 15001, "protocol": "http"}}],
                  "serviceDiscovery": {"dns": {"hostname": "\(a)"}}}},
        {"virtualNodeName": "back-c",
         "spec": {"listeners": [{"portMapping": {"port": 15003, "protocol": "http"},
                                 "connectionPool": {"http": {"maxConnections": 1, "maxPendingRequests": 1}}}],
                  "serviceDiscovery": {"dns": {"hostname": "\(a)"}}}},
        {"virtualNodeName": "back-d",
         "spec": {"listeners": [{"portMapping": {"port": 15004, "protocol": "http"},
                                 "outlierDetection": {"maxServerErrors": 2, "interval": {"value": 10, "unit": "s"},
                                                      "baseEjectionDuration": {"value": 30, "unit": "s"},
                                                      "maxEjectionPercent": 50}}],
                  "serviceDiscovery": {"dns": {"hostname": "\(a),\(b)"}}}},
        {"virtualNodeName": "back-e",
         "spec": {"listeners": [{"portMapping": {"port": 15005, "protocol": "http"},
                                 "healthCheck": {"protocol": "http", "path": "/health",
                                                 "intervalMillis": 100, "timeoutMillis": 500,
                                                 "healthyThreshold": 2, "unhealthyThreshold": 2}}],
                  "serviceDiscovery": {"dns": {"hostname": "\(a)"}}}},
        {"virtualNodeName": "back-b",
         "spec": {"listeners": [{"portMapping": {"port": 15002, "protocol": "http"}}],
                  "serviceDiscovery": {"dns": {"hostname": "\(b)"}}}}
      ],
      "virtualRouters": [
        {"virtualRouterName": "back-router",
         "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}}
      ],
      "routes": [
        {"routeName": "split", "virtualRouterName": "back-router",
         "spec": {"priority": 10, "httpRoute": {
           "match": {"prefix": "/"},
           "action": {"weightedTargets": [{"virtualNode": "back-a", "weight": \(weights.0)},
                                          {"virtualNode": "back-b", "weight": \(weights.1)}]}}}},
        {"routeName": "limited", "virtualRouterName": "back-router",
         "spec": {"priority": 1, "httpRoute": {
           "match": {"prefix": "/limited"},
           "action": {"weightedTargets": [{"virtualNode": "back-a", "weight": 100}]},
           "localRateLimit": {"tokenBucket": {"maxTokens": 2, "tokensPerFill": 1,
                                              "fillInterval": {"value": 1, "unit": "s"}}}}}},
        {"routeName": "faulty", "virtualRouterName": "back-router",
         "spec": {"priority": 2, "httpRoute": {
           "match": {"prefix": "/faulty"},
           "action": {"weightedTargets": [{"virtualNode": "back-a", "weight": 100}]},
           "fault": {"abort": {"httpStatus": 418, "percentage": 100}}}}},
        {"routeName": "retrying", "virtualRouterName": "back-router",
         "spec": {"priority": 3, "httpRoute": {
           "match": {"prefix": "/retry"},
           "action": {"weightedTargets": [{"virtualNode": "back-a", "weight": 100}]},
           "retryPolicy": {"maxRetries": 2, "perRetryTimeout": {"value": 150, "unit": "ms"},
                           "httpRetryEvents": ["server-error"], "tcpRetryEvents": ["connection-error"]},
           "timeout": {"perRequest": {"value": 3, "unit": "s"}}}}},
        {"routeName": "slowed", "virtualRouterName": "back-router",
         "spec": {"priority": 5, "httpRoute": {
           "match": {"prefix": "/slowed"},
           "action": {"weightedTargets": [{"virtualNode": "back-a", "weight": 100}]},
           "fault": {"delay": {"fixedDelay": {"value": 150, "unit": "ms"}, "percentage": 100}}}}},
        {"routeName": "idling", "virtualRouterName": "back-router",
         "spec": {"priority": 7, "httpRoute": {
           "match": {"prefix": "/idle"},
           "action": {"weightedTargets": [{"virtualNode": "back-a", "weight": 100}]},
           "timeout": {"perRequest": {"value": 0, "unit": "s"},
                       "idle": {"value": 300, "unit": "ms"}}}}},
        {"routeName": "watched", "virtualRouterName": "back-router",
         "spec": {"priority": 6, "httpRoute": {
           "match": {"prefix": "/watched"},
           "action": {"weightedTargets": [{"virtualNode": "back-d", "weight": 100}]}}}}
      ]
    }
    """
  }

  static func table(a: SocketAddress, b: SocketAddress, weights: (Int, Int) = (50, 50)) throws
    -> RouteTable
  {
    try RouteTable(
      document: MeshDocument(json: Array(json(a: a, b: b, weights: weights).utf8)), node: "front")
  }
}
