import DemoApp
import Wire

/// A fault of the network kind (issue 6): applied by a sidecar proxy to the traffic arriving at
/// its listener, as a toxic in Toxiproxy's model (`POST /toxics` on the sidecar's admin
/// listener, `DELETE /toxics/{name}` to end it). Acting on a sidecar's ingress puts the fault on
/// the edge into that service instance: the caller's sidecar sees it as an upstream problem.
enum NetworkFault: String, CaseIterable, Sendable {
  /// Toxiproxy's `latency`: each request waits `latency_ms` plus up to `jitter_ms`.
  case latency = "network-latency"
  /// Toxiproxy's `reset_peer`: the connection is reset (TCP RST) after `after_ms`.
  case reset = "connection-reset"
  /// Toxiproxy's `timeout` with no end: data is dropped and the connection held, so the
  /// caller's timeouts fire.
  case blackhole

  /// The role of the containers it applies to: the sidecars.
  static let targetRole = "envoy"

  /// Toxiproxy's toxic type.
  var toxicType: String {
    switch self {
    case .latency: "latency"
    case .reset: "reset_peer"
    case .blackhole: "timeout"
    }
  }

  /// The name the toxic gets on the sidecar (one open fault per kind and target).
  var toxicName: String { "lab-\(rawValue)" }

  var parameters: [FaultParameter] {
    let share = FaultParameter("percent", 0...100, default: 100)
    return switch self {
    case .latency:
      [
        FaultParameter("latency_ms", 0...60_000, default: 1_000),
        FaultParameter("jitter_ms", 0...60_000, default: 0), share,
      ]
    case .reset: [FaultParameter("after_ms", 0...60_000, default: 0), share]
    case .blackhole: [share]
    }
  }

  var summary: String {
    switch self {
    case .latency:
      "delay a share of the requests arriving at this sidecar by latency_ms plus up to jitter_ms"
    case .reset: "reset a share of the connections arriving at this sidecar after after_ms"
    case .blackhole: "swallow a share of the requests arriving at this sidecar and never answer"
    }
  }

  /// The toxic as the admin listener takes it, from checked `values` (every parameter present
  /// and in range): `{"name", "type", "stream", "toxicity", "attributes", "service": "ingress"}`.
  func toxic(_ values: [String: Int]) -> [String: Any] {
    let attributes: [String: Int] =
      switch self {
      case .latency: ["latency": values["latency_ms"] ?? 0, "jitter": values["jitter_ms"] ?? 0]
      case .reset: ["timeout": values["after_ms"] ?? 0]
      case .blackhole: ["timeout": 0]
      }
    return [
      "name": toxicName, "type": toxicType, "stream": "downstream",
      "toxicity": Double(values["percent"] ?? 100) / 100, "attributes": attributes,
      "service": "ingress",
    ]
  }
}

extension NetworkFault {
  /// The given values over the defaults, each a whole number in its parameter's range.
  /// - Throws: 400 naming the first parameter that is unknown or out of range.
  func values(given: [String: Any]) throws(HTTPError) -> [String: Int] {
    if let extra = given.keys.sorted().first(where: { name in
      !parameters.contains { $0.name == name }
    }) {
      throw HTTPError(.badRequest, "\(extra): is not a parameter of \(rawValue)")
    }
    var values: [String: Int] = [:]
    for parameter in parameters {
      guard let given = given[parameter.name] else {
        values[parameter.name] = parameter.defaultValue
        continue
      }
      guard let number = given as? Int, parameter.range.contains(number) else {
        throw HTTPError(
          .badRequest,
          "\(parameter.name): must be a whole number in \(parameter.range.lowerBound)...\(parameter.range.upperBound)"
        )
      }
      values[parameter.name] = number
    }
    return values
  }
}
