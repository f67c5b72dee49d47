import Glibc
import Testing
import Wire

@testable import Sandbox

/// CPU and memory samples leave the agent as DogStatsD gauges over UDP (`metricsAddress`).
@Suite struct ResourceGaugesTests {
  @Test func statsDGauges_formatsBothGaugesWithTags() {
    let sample = ResourceSample(
      timeMillis: 0, cpuPercent: 12.345, rssBytes: 1_048_576, virtualBytes: 0)
    #expect(
      sample.statsDGauges(container: "swan", task: "learner-1")
        == "sidecarlab.container.cpu_percent:12.35|g|#container_name:swan,task:learner-1\n"
        + "sidecarlab.container.memory_rss_bytes:1048576|g|#container_name:swan,task:learner-1")
  }

  @Test func decimal_neverUsesExponents() {
    #expect(ResourceSample.decimal(0) == "0")
    #expect(ResourceSample.decimal(0.00001) == "0")
    #expect(ResourceSample.decimal(0.05) == "0.05")
    #expect(ResourceSample.decimal(7.5) == "7.5")
    #expect(ResourceSample.decimal(250) == "250")
    #expect(ResourceSample.decimal(.nan) == "0")
  }

  /// A UDP socket on port 0 stands in for the metrics agent; each container's samples
  /// arrive as both gauges, tagged with its name and the sandbox id.
  @Test func agent_sendsGaugesForEveryContainer() async throws {
    let receiver = try UDPReceiver()
    defer { receiver.close() }
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    var definition = SandboxFixture.task(
      SandboxFixture.shell("first", "exec sleep 100"),
      SandboxFixture.shell("second", "exec sleep 100"))
    definition.metricsAddress = "127.0.0.1:\(receiver.port)"
    try fixture.agent.start(sandboxID: "gauges", definition: definition)
    var lines: Set<String> = []
    let deadline = MonotonicClock.now() + 15_000_000_000
    func seen(_ metric: String, _ container: String) -> Bool {
      lines.contains { line in
        line.hasPrefix("sidecarlab.container.\(metric):")
          && line.hasSuffix("|g|#container_name:\(container),task:gauges")
          && Double(line.split(separator: ":")[1].split(separator: "|")[0]) != nil
      }
    }
    var complete: Bool {
      ["first", "second"].allSatisfy { seen("cpu_percent", $0) && seen("memory_rss_bytes", $0) }
    }
    while !complete, MonotonicClock.now() < deadline {
      for datagram in receiver.receiveAll() {
        lines.formUnion(datagram.split(separator: "\n").map(String.init))
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(complete, "received: \(lines.sorted())")
    #expect(
      lines.allSatisfy {
        $0.hasPrefix("sidecarlab.container.") && $0.contains("|g|#container_name:")
      })
    #expect(fixture.agent.metricsSendFailures == 0)
  }
}

/// A non-blocking UDP socket bound to 127.0.0.1 on a port the kernel picks.
private struct UDPReceiver {
  let descriptor: Int32
  let port: UInt16

  init() throws {
    let descriptor = socket(
      AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
      }
    }
    guard descriptor >= 0, bound else { throw SystemCallError("bind", errno: errno) }
    self.descriptor = descriptor
    port = UInt16(bigEndian: address.sin_port)
  }

  /// Every datagram waiting now.
  func receiveAll() -> [String] {
    var datagrams: [String] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return datagrams }
      datagrams.append(String(decoding: buffer[..<count], as: UTF8.self))
    }
  }

  func close() { _ = Glibc.close(descriptor) }
}
