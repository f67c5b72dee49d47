import Glibc
import Wire

extension SandboxAgent {
  /// Sends one CPU and memory sample to the task's `metricsAddress` as one UDP datagram of
  /// DogStatsD gauges (``ResourceSample/statsDGauges(container:task:)``), from the agent's one
  /// non-blocking socket. A datagram the kernel refuses (a full socket buffer, an unreachable
  /// port reported by an earlier send) is counted in ``metricsSendFailures``, never retried
  /// and never waited for: the agent's loop must not block on telemetry.
  func report(
    _ sample: ResourceSample, of container: String, in sandboxID: String, to address: SocketAddress,
    state: inout AgentState
  ) {
    var destination = sockaddr_in()
    destination.sin_family = sa_family_t(AF_INET)
    destination.sin_port = address.port.bigEndian
    guard inet_pton(AF_INET, address.host, &destination.sin_addr) == 1 else {
      state.metricsSendFailures += 1
      return
    }
    let datagram = Array(sample.statsDGauges(container: container, task: sandboxID).utf8)
    let sent = datagram.withUnsafeBytes { bytes in
      withUnsafePointer(to: &destination) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          sendto(
            metricsDescriptor, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT), $0,
            socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    if sent != datagram.count { state.metricsSendFailures += 1 }
  }

  /// Samples that could not be sent to a `metricsAddress` since the agent started.
  public var metricsSendFailures: Int { state.withLock { $0.metricsSendFailures } }
}
