import Glibc
import Synchronization
import Wire

/// Sends segment documents to an X-Ray daemon over UDP, one per datagram:
/// `{"format": "json", "version": 1}\n` then the document (developer guide, "Sending segment
/// documents to the X-Ray daemon"). Sending never blocks and never fails the caller: a document
/// too large for one datagram (never split or truncated), a full socket buffer or an unreachable
/// daemon drops the segment and counts it in ``dropped``. Safe to share between threads: the
/// descriptor is only read after `init`, and the counter is atomic.
public final class SegmentEmitter: Sendable {
  /// The header line the daemon expects before each document.
  static let header: [UInt8] = Array("{\"format\": \"json\", \"version\": 1}\n".utf8)
  /// The largest document sent: X-Ray caps a document at 64 kB, and one UDP datagram over IPv4
  /// carries at most 65,507 bytes (65,535 less the IP and UDP headers), header line included.
  public static let maximumDocumentSize = 65_507 - header.count

  /// The daemon this emitter sends to.
  public let daemonAddress: SocketAddress
  private let descriptor: Int32
  private let droppedCount = Atomic<Int>(0)

  /// Opens a UDP socket connected to the daemon.
  /// - Parameter daemonAddress: `host:port` as in `AWS_XRAY_DAEMON_ADDRESS` (`127.0.0.1:2000`,
  ///   `localhost:2000`, `[::1]:2000`), or that variable's two-address form
  ///   `tcp:127.0.0.1:2000 udp:127.0.0.1:2000`, of which the `udp:` part is used. Numeric hosts
  ///   only: no DNS lookups.
  /// - Returns: `nil` when the address is invalid or no socket could be opened.
  public init?(daemonAddress: String) {
    guard let address = Self.udpAddress(daemonAddress),
      let descriptor = try? Socket.connectedUDP(to: address)
    else { return nil }
    self.daemonAddress = address
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// How many segments were dropped: too large, or the socket could not take them.
  public var dropped: Int { droppedCount.load(ordering: .relaxed) }

  /// Sends `segment`'s document in one datagram, or drops and counts it.
  public func send(_ segment: Segment) {
    let document = segment.jsonDocument()
    guard document.count <= Self.maximumDocumentSize else {
      droppedCount.add(1, ordering: .relaxed)
      return
    }
    let datagram = Self.header + document
    let sent = datagram.withUnsafeBytes { buffer in
      try? nonBlockingCall("send") {
        Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
      }
    }
    // nil: would block, or an error such as ECONNREFUSED from an earlier datagram's ICMP reply.
    if sent == nil { droppedCount.add(1, ordering: .relaxed) }
  }

  /// The UDP address in `AWS_XRAY_DAEMON_ADDRESS`'s single or `tcp:… udp:…` form.
  static func udpAddress(_ text: String) -> SocketAddress? {
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    switch parts.count {
    case 1:
      return SocketAddress(String(parts[0]))
    case 2:
      guard let udp = parts.first(where: { $0.hasPrefix("udp:") }),
        parts.contains(where: { $0.hasPrefix("tcp:") })
      else { return nil }
      return SocketAddress(String(udp.dropFirst(4)))
    default:
      return nil
    }
  }
}
