import Foundation
import Glibc
import Tracer
import Wire

/// A ``TraceDaemon`` on free ports over a temporary store, with helpers to send it datagrams
/// and requests and to wait, with a deadline, until its counters say something happened.
final class TracerHarness {
  let folder: URL
  let daemon: TraceDaemon
  let client = HTTPClient()

  /// `start: false` leaves the daemon stopped (``TraceDaemon/start()`` starts it).
  init(retentionSegments: Int = 1_000_000, queueCapacity: Int = 65_536, start: Bool = true) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tracer-daemon-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var configuration = TraceDaemon.Configuration(
      udpAddress: SocketAddress("127.0.0.1:0")!, httpAddress: SocketAddress("127.0.0.1:0")!,
      dataPath: folder.appendingPathComponent("traces.sqlite").path)
    configuration.retentionSegments = retentionSegments
    configuration.queueCapacity = queueCapacity
    daemon = try TraceDaemon(configuration: configuration)
    if start { daemon.start() }
  }

  func stop() {
    client.close()
    daemon.shutdown()
    try? FileManager.default.removeItem(at: folder)
  }

  /// Sends each datagram from one UDP socket.
  func sendDatagrams(_ datagrams: [[UInt8]]) throws {
    let socket = try Socket.connectedUDP(to: daemon.listener.address)
    defer { close(socket) }
    for datagram in datagrams {
      _ = datagram.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
    }
  }

  /// The `drops` column of /proc/net/udp for the daemon's UDP port: what the kernel counted.
  func kernelDrops() throws -> Int? {
    try Self.kernelDrops(port: daemon.listener.address.port)
  }

  /// The `drops` column of /proc/net/udp for a UDP socket bound to `port`.
  static func kernelDrops(port number: UInt16) throws -> Int? {
    let port = String(number, radix: 16, uppercase: true)
    let suffix = ":" + String(repeating: "0", count: max(0, 4 - port.count)) + port
    let table = try String(contentsOfFile: "/proc/net/udp", encoding: .utf8)
    for line in table.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ")
      if fields.count > 1, fields[1].hasSuffix(suffix) { return fields.last.flatMap { Int($0) } }
    }
    return nil
  }

  static func datagram(_ document: String) -> [UInt8] {
    Array("{\"format\": \"json\", \"version\": 1}\n\(document)".utf8)
  }

  func post(_ path: String, _ body: String) async throws -> (status: Int, body: String) {
    let response = try await client.send(
      HTTPClientRequest(
        method: .post, target: path, headers: ["Content-Type": "application/json"],
        body: Array(body.utf8)), to: daemon.server.address)
    return (response.status.code, String(decoding: response.body, as: UTF8.self))
  }

  func json(_ path: String, _ body: String) async throws -> JSONValue {
    try JSONParser(maximumBytes: 1 << 24).parse(Array(try await post(path, body).body.utf8))
  }

  /// Waits up to `seconds` for `condition` on the counters (and an empty write queue); false
  /// if it never held. Polls with `Task.sleep`, so the waiting test holds no pool thread.
  func waitFor(
    seconds: Double = 10, _ condition: (TracerStatistics.Counts) -> Bool
  ) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
      if condition(daemon.statistics.snapshot), daemon.writer.queued == 0 { return true }
      try await Task.sleep(for: .milliseconds(5))
    }
    return false
  }
}
