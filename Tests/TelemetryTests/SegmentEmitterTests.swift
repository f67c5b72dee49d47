import Foundation
import Glibc
import Testing

@testable import Telemetry

@Suite struct SegmentEmitterTests {
  static let header = Array("{\"format\": \"json\", \"version\": 1}\n".utf8)

  private func segment(name: String = "swan", metadata: [String: String] = [:]) -> Segment {
    Segment(
      name: name, traceID: .random(epochSeconds: 1_700_000_000), startTime: 1_700_000_000.5,
      endTime: 1_700_000_001, metadata: metadata)
  }

  @Test func emitter_sendsHeaderLineThenDocumentInOneDatagram() throws {
    let daemon = try UDPReceiver()
    let emitter = try #require(SegmentEmitter(daemonAddress: daemon.address.description))
    let sent = segment()
    emitter.send(sent)
    let datagram = try #require(try daemon.receive())
    #expect(Array(datagram.prefix(Self.header.count)) == Self.header)
    let document = Array(datagram.dropFirst(Self.header.count))
    #expect(document == sent.jsonDocument())
    let decoded = try #require(
      try JSONSerialization.jsonObject(with: Data(document)) as? [String: Any])
    #expect(decoded["trace_id"] as? String == sent.traceID.xray)
    #expect(emitter.dropped == 0)
  }

  @Test func emitter_dropsAndCountsDocumentsOver64KB() throws {
    let daemon = try UDPReceiver()
    let emitter = try #require(SegmentEmitter(daemonAddress: daemon.address.description))
    let big = segment(
      name: "big",
      metadata: ["blob": String(repeating: "x", count: SegmentEmitter.maximumDocumentSize)])
    #expect(big.jsonDocument().count > SegmentEmitter.maximumDocumentSize)
    emitter.send(big)
    #expect(emitter.dropped == 1)
    // The next datagram to arrive is the small one: the big document was never sent, not even
    // in part.
    emitter.send(segment(name: "small"))
    let datagram = try #require(try daemon.receive())
    let decoded =
      try JSONSerialization.jsonObject(with: Data(datagram.dropFirst(Self.header.count)))
      as? [String: Any]
    #expect(decoded?["name"] as? String == "small")
    #expect(emitter.dropped == 1)
  }

  @Test func emitter_sendsTheLargestDocumentThatFitsOneDatagram() throws {
    let daemon = try UDPReceiver()
    let emitter = try #require(SegmentEmitter(daemonAddress: daemon.address.description))
    var sized = segment(metadata: ["blob": ""])
    let padding = SegmentEmitter.maximumDocumentSize - sized.jsonDocument().count
    sized.metadata["blob"] = String(repeating: "y", count: padding)
    #expect(sized.jsonDocument().count == SegmentEmitter.maximumDocumentSize)
    emitter.send(sized)
    let datagram = try #require(try daemon.receive())
    #expect(datagram.count == Self.header.count + SegmentEmitter.maximumDocumentSize)
    #expect(emitter.dropped == 0)
    sized.metadata["blob"]? += "y"
    emitter.send(sized)
    #expect(emitter.dropped == 1)
  }

  @Test func emitter_countsSegmentsRefusedByAnAbsentDaemon() throws {
    let port = try UDPReceiver().address.port  // bound, then closed at once: nothing listens there
    let emitter = try #require(SegmentEmitter(daemonAddress: "127.0.0.1:\(port)"))
    let deadline = ContinuousClock.now + .seconds(5)
    // The ICMP "port unreachable" answer to one datagram fails a later send with ECONNREFUSED.
    while emitter.dropped == 0, ContinuousClock.now < deadline {
      emitter.send(segment())
      usleep(1000)
    }
    #expect(emitter.dropped > 0)
  }

  @Test(arguments: [
    ("127.0.0.1:2000", "127.0.0.1:2000"),
    ("localhost:2000", "127.0.0.1:2000"),
    ("[::1]:2000", "[::1]:2000"),
    ("tcp:127.0.0.1:2000 udp:127.0.0.1:2001", "127.0.0.1:2001"),
    ("udp:127.0.0.1:2001 tcp:127.0.0.1:2000", "127.0.0.1:2001"),
  ])
  func emitter_acceptsDaemonAddressForms(_ text: String, _ expected: String) throws {
    let emitter = try #require(SegmentEmitter(daemonAddress: text))
    #expect(emitter.daemonAddress.description == expected)
  }

  @Test(arguments: [
    "", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", "xray-daemon:2000",
    "127.0.0.1:2000 127.0.0.1:2001",
    "tcp:127.0.0.1:2000", "udp:127.0.0.1:2000 udp:127.0.0.1:2001",
  ])
  func emitter_rejectsInvalidDaemonAddress(_ text: String) {
    #expect(SegmentEmitter(daemonAddress: text) == nil)
  }
}
