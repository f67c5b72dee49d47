/// Envoy's `%RESPONSE_FLAGS%`: why a response is what it is. Printed as the short codes in
/// Envoy's fixed order, joined by commas (`UF,URX`), or `-` when there are none.
public struct ResponseFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// LH: the local service failed its health check.
  public static let failedLocalHealthCheck = ResponseFlags(rawValue: 1 << 0)
  /// UH: no healthy upstream host (503).
  public static let noHealthyUpstream = ResponseFlags(rawValue: 1 << 1)
  /// UT: upstream request timeout (504).
  public static let upstreamRequestTimeout = ResponseFlags(rawValue: 1 << 2)
  /// LR: connection local reset.
  public static let localReset = ResponseFlags(rawValue: 1 << 3)
  /// UR: upstream remote reset.
  public static let upstreamRemoteReset = ResponseFlags(rawValue: 1 << 4)
  /// UF: upstream connection failure (503).
  public static let upstreamConnectionFailure = ResponseFlags(rawValue: 1 << 5)
  /// UC: upstream connection termination.
  public static let upstreamConnectionTermination = ResponseFlags(rawValue: 1 << 6)
  /// UO: upstream overflow — a circuit breaker was open (503).
  public static let upstreamOverflow = ResponseFlags(rawValue: 1 << 7)
  /// NR: no route configured for the request (404).
  public static let noRouteFound = ResponseFlags(rawValue: 1 << 8)
  /// DI: the fault filter delayed the request.
  public static let delayInjected = ResponseFlags(rawValue: 1 << 9)
  /// FI: the fault filter aborted the request.
  public static let faultInjected = ResponseFlags(rawValue: 1 << 10)
  /// RL: the local rate limit rejected the request (429).
  public static let rateLimited = ResponseFlags(rawValue: 1 << 11)
  /// DC: the downstream connection terminated.
  public static let downstreamConnectionTermination = ResponseFlags(rawValue: 1 << 12)
  /// URX: the retry limit or the retry circuit breaker was reached.
  public static let upstreamRetryLimitExceeded = ResponseFlags(rawValue: 1 << 13)
  /// SI: stream idle timeout.
  public static let streamIdleTimeout = ResponseFlags(rawValue: 1 << 14)
  /// UPE: the upstream answered something that is not HTTP (protocol error).
  public static let upstreamProtocolError = ResponseFlags(rawValue: 1 << 15)

  /// The codes in the order Envoy prints them (its `ResponseFlag` enumeration order).
  static let codes: [(flag: ResponseFlags, code: StaticString)] = [
    (.failedLocalHealthCheck, "LH"), (.noHealthyUpstream, "UH"), (.upstreamRequestTimeout, "UT"),
    (.localReset, "LR"), (.upstreamRemoteReset, "UR"), (.upstreamConnectionFailure, "UF"),
    (.upstreamConnectionTermination, "UC"), (.upstreamOverflow, "UO"), (.noRouteFound, "NR"),
    (.delayInjected, "DI"), (.faultInjected, "FI"), (.rateLimited, "RL"),
    (.downstreamConnectionTermination, "DC"), (.upstreamRetryLimitExceeded, "URX"),
    (.streamIdleTimeout, "SI"), (.upstreamProtocolError, "UPE"),
  ]

  /// Appends the printed form to `bytes` without building a string.
  public func append(to bytes: inout [UInt8]) {
    guard !isEmpty else {
      bytes.append(UInt8(ascii: "-"))
      return
    }
    var first = true
    for (flag, code) in Self.codes where contains(flag) {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      code.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
  }

  public var description: String {
    var bytes: [UInt8] = []
    append(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
