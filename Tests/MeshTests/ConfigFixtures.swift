import Foundation
import Mesh

/// Configuration documents shared by the configuration and policy tests.
enum ConfigFixtures {
  /// The demo mesh: swan calls unicorn, whose router splits between v1 (two instances) and v2.
  static let demo = """
    {
      "mesh": {"meshName": "demo", "spec": {"egressFilter": {"type": "DROP_ALL"}}},
      "virtualServices": [
        {"virtualServiceName": "unicorn.local",
         "spec": {"provider": {"virtualRouter": {"virtualRouterName": "unicorn-router"}}}},
        {"virtualServiceName": "swan.local",
         "spec": {"provider": {"virtualNode": {"virtualNodeName": "swan"}}}}
      ],
      "virtualNodes": [
        {"virtualNodeName": "swan",
         "spec": {
           "listeners": [{"portMapping": {"port": 15001, "protocol": "http"},
                          "timeout": {"http": {"perRequest": {"value": 20, "unit": "s"}}}}],
           "backends": [{"virtualService": {"virtualServiceName": "unicorn.local"}}],
           "serviceDiscovery": {"dns": {"hostname": "127.0.0.1:9000"}},
           "logging": {"accessLog": {"file": {"path": "/dev/stdout"}}}}},
        {"virtualNodeName": "unicorn-v1",
         "spec": {
           "listeners": [{"portMapping": {"port": 15002, "protocol": "http"},
             "healthCheck": {"protocol": "http", "path": "/health", "intervalMillis": 5000,
                             "timeoutMillis": 2000, "healthyThreshold": 2, "unhealthyThreshold": 3},
             "outlierDetection": {"maxServerErrors": 3, "interval": {"value": 10, "unit": "s"},
                                  "baseEjectionDuration": {"value": 30, "unit": "s"}, "maxEjectionPercent": 50},
             "connectionPool": {"http": {"maxConnections": 50, "maxPendingRequests": 20}}}],
           "serviceDiscovery": {"dns": {"hostname": "127.0.0.1:9001,127.0.0.1:9002"}}}},
        {"virtualNodeName": "unicorn-v2",
         "spec": {
           "listeners": [{"portMapping": {"port": 15003, "protocol": "http"}}],
           "serviceDiscovery": {"dns": {"hostname": "127.0.0.1:9003"}}}}
      ],
      "virtualRouters": [
        {"virtualRouterName": "unicorn-router",
         "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}}
      ],
      "routes": [
        {"routeName": "split", "virtualRouterName": "unicorn-router",
         "spec": {"priority": 10, "httpRoute": {
           "match": {"prefix": "/"},
           "action": {"weightedTargets": [{"virtualNode": "unicorn-v1", "weight": 90},
                                          {"virtualNode": "unicorn-v2", "weight": 10}]},
           "retryPolicy": {"maxRetries": 2, "perRetryTimeout": {"value": 500, "unit": "ms"},
                           "httpRetryEvents": ["server-error", "gateway-error"],
                           "tcpRetryEvents": ["connection-error"]},
           "timeout": {"perRequest": {"value": 3, "unit": "s"}, "idle": {"value": 60, "unit": "s"}},
           "localRateLimit": {"tokenBucket": {"maxTokens": 100, "tokensPerFill": 10,
                                              "fillInterval": {"value": 1, "unit": "s"}}},
           "fault": {"abort": {"httpStatus": 503, "percentage": 5},
                     "delay": {"fixedDelay": {"value": 200, "unit": "ms"}, "percentage": 10},
                     "headerOverrides": true}}}},
        {"routeName": "canary", "virtualRouterName": "unicorn-router",
         "spec": {"priority": 1, "httpRoute": {
           "match": {"prefix": "/", "headers": [{"name": "x-canary", "match": {"exact": "yes"}}]},
           "action": {"weightedTargets": [{"virtualNode": "unicorn-v2", "weight": 100}]}}}}
      ]
    }
    """

  static func demoDocument() throws -> MeshDocument {
    try MeshDocument(json: Array(demo.utf8))
  }

  /// The demo JSON with one piece of text replaced (nil when `target` is not there), for one-change-at-a-time failures.
  static func demo(replacing target: String, with replacement: String) -> [UInt8]? {
    guard demo.contains(target) else { return nil }
    return Array(demo.replacingOccurrences(of: target, with: replacement).utf8)
  }
}
