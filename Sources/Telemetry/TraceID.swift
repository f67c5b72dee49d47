/// A 16-byte trace id in its two spellings: W3C (32 lowercase hex, Trace Context §3.2.2.3) and
/// X-Ray (`1-{8 hex epoch seconds}-{24 hex}`). The X-Ray root maps to the W3C id by dropping
/// `1-` and the second dash, so one value serves both headers.
public struct TraceID: Hashable, Sendable, CustomStringConvertible {
  /// The first 8 bytes, big-endian (for X-Ray: epoch seconds, then 4 random bytes).
  public let high: UInt64
  /// The last 8 bytes, big-endian.
  public let low: UInt64

  /// 32 lowercase hex digits, not all zero (§3.2.2.3).
  public init?(w3c: some StringProtocol) {
    self.init(w3cBytes: w3c.utf8)
  }

  init?(w3cBytes utf8: some Collection<UInt8>) {
    guard utf8.count == 32,
      let high = Hex.value(utf8, from: 0, count: 16, case: .lower),
      let low = Hex.value(utf8, from: 16, count: 16, case: .lower), high != 0 || low != 0
    else { return nil }
    self.init(high: high, low: low)
  }

  /// `1-` + 8 hex + `-` + 24 hex, either case, not all zero (X-Ray developer guide, "Tracing
  /// header").
  public init?(xray: some StringProtocol) {
    self.init(xrayBytes: xray.utf8)
  }

  /// The same rule for a `String`, compiled here for its UTF-8 bytes (see `SpanID.init(hex:)`).
  public init?(xray: String) {
    var text = xray
    guard let id = text.withUTF8({ TraceID(xrayBytes: $0) }) else { return nil }
    self = id
  }

  /// The same rule for UTF-8 bytes (see `SpanID.init(hex:)` for bytes).
  public init?(xray utf8: UnsafeBufferPointer<UInt8>) {
    self.init(xrayBytes: utf8)
  }

  init?(xrayBytes utf8: some Collection<UInt8>) {
    guard utf8.count == 35, utf8.starts(with: "1-".utf8),
      utf8.dropFirst(10).first == UInt8(ascii: "-"),
      let epoch = Hex.value(utf8, from: 2, count: 8, case: .any),
      let middle = Hex.value(utf8, from: 11, count: 8, case: .any),
      let low = Hex.value(utf8, from: 19, count: 16, case: .any),
      epoch != 0 || middle != 0 || low != 0
    else { return nil }
    self.init(high: epoch << 32 | middle, low: low)
  }

  private init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// A new id whose first 4 bytes are `epochSeconds` (so it is a valid X-Ray id) and the other 12
  /// random from the system's secure generator.
  public static func random(epochSeconds: Int) -> TraceID {
    var generator = SystemRandomNumberGenerator()
    return random(epochSeconds: epochSeconds, using: &generator)
  }

  static func random(epochSeconds: Int, using generator: inout some RandomNumberGenerator)
    -> TraceID
  {
    let epoch = UInt64(UInt32(truncatingIfNeeded: epochSeconds))
    let middle = UInt64(UInt32.random(in: 0...UInt32.max, using: &generator))
    // A non-zero low half keeps the id valid even for epoch 0.
    let low = UInt64.random(in: 1...UInt64.max, using: &generator)
    return TraceID(high: epoch << 32 | middle, low: low)
  }

  /// 32 lowercase hex digits.
  public var w3c: String {
    // Written into the string's own storage: one allocation.
    String(unsafeUninitializedCapacity: 32) { bytes in
      Hex.write(low, digits: 16, into: bytes, at: Hex.write(high, digits: 16, into: bytes, at: 0))
    }
  }

  /// `1-{8 hex}-{24 hex}`, lowercase.
  public var xray: String {
    String(unsafeUninitializedCapacity: 35) { bytes in
      bytes[0] = UInt8(ascii: "1")
      bytes[1] = UInt8(ascii: "-")
      bytes[10] = UInt8(ascii: "-")
      _ = Hex.write(high >> 32, digits: 8, into: bytes, at: 2)
      return Hex.write(
        low, digits: 16, into: bytes, at: Hex.write(high, digits: 8, into: bytes, at: 11))
    }
  }

  /// The X-Ray form, the one the trace daemon and the lab's pages show.
  public var description: String { xray }
}
