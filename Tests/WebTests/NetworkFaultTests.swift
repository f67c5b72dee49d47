import Testing
import Wire

@testable import Web

/// The network fault kinds' parameters and the Toxiproxy-shaped toxics they become.
@Suite struct NetworkFaultTests {
  @Test func values_fillDefaults_andKeepWhatIsGiven() throws {
    let values = try NetworkFault.latency.values(given: ["latency_ms": 250])
    #expect(values == ["latency_ms": 250, "jitter_ms": 0, "percent": 100])
    #expect(try NetworkFault.blackhole.values(given: [:]) == ["percent": 100])
  }

  @Test func values_refuseUnknownAndOutOfRange() {
    let cases: [([String: Any], String)] = [
      (["latency_ms": 60_001], "latency_ms: must be a whole number in 0...60000"),
      (["latency_ms": "slow"], "latency_ms: must be a whole number"),
      (["percent": -1], "percent: must be a whole number in 0...100"),
      (["after_ms": 5], "after_ms: is not a parameter of network-latency"),
    ]
    for (given, message) in cases {
      #expect(throws: HTTPError.self) { _ = try NetworkFault.latency.values(given: given) }
      do {
        _ = try NetworkFault.latency.values(given: given)
      } catch {
        #expect(error.status == .badRequest)
        #expect(error.message.hasPrefix(message), "\(error.message)")
      }
    }
  }

  @Test func toxics_useToxiproxyNamesOnTheSidecarsIngress() throws {
    let latency = NetworkFault.latency.toxic(
      try NetworkFault.latency.values(given: ["latency_ms": 300, "jitter_ms": 20, "percent": 50]))
    #expect(latency["type"] as? String == "latency")
    #expect(latency["name"] as? String == "lab-network-latency")
    #expect(latency["service"] as? String == "ingress")
    #expect(latency["toxicity"] as? Double == 0.5)
    #expect(latency["attributes"] as? [String: Int] == ["latency": 300, "jitter": 20])

    let reset = NetworkFault.reset.toxic(try NetworkFault.reset.values(given: ["after_ms": 10]))
    #expect(reset["type"] as? String == "reset_peer")
    #expect(reset["attributes"] as? [String: Int] == ["timeout": 10])

    let blackhole = NetworkFault.blackhole.toxic(try NetworkFault.blackhole.values(given: [:]))
    #expect(blackhole["type"] as? String == "timeout")
    #expect(blackhole["attributes"] as? [String: Int] == ["timeout": 0])
    #expect(blackhole["toxicity"] as? Double == 1)
  }
}
