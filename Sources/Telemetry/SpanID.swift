/// An 8-byte span id: the W3C `parent-id` (Trace Context §3.2.2.4) and the X-Ray segment id,
/// both written as 16 lowercase hex digits.
public struct SpanID: Hashable, Sendable, CustomStringConvertible {
  /// The id as a big-endian number; never zero.
  public let value: UInt64

  /// 16 hex digits (either case), not all zero (§3.2.2.4: an all-zero parent-id is invalid).
  public init?(hex: some StringProtocol) {
    self.init(hex.utf8, case: .any)
  }

  /// The same rule for a `String`, compiled here for its UTF-8 bytes: callers in other modules
  /// (the tracer decodes thousands a second) do not run the generic path unspecialized.
  public init?(hex: String) {
    var text = hex
    guard let id = text.withUTF8({ SpanID($0, case: .any) }) else { return nil }
    self = id
  }

  /// The same rule for UTF-8 bytes, such as a view into a JSON document the tracer decodes
  /// without making a `String` of the id.
  public init?(hex utf8: UnsafeBufferPointer<UInt8>) {
    self.init(utf8, case: .any)
  }

  init?(_ utf8: some Collection<UInt8>, case letters: Hex.Case) {
    guard utf8.count == 16, let value = Hex.value(utf8, from: 0, count: 16, case: letters),
      value != 0
    else { return nil }
    self.value = value
  }

  /// A random non-zero id from the system's secure generator.
  public static func random() -> SpanID {
    var generator = SystemRandomNumberGenerator()
    return random(using: &generator)
  }

  static func random(using generator: inout some RandomNumberGenerator) -> SpanID {
    SpanID(value: UInt64.random(in: 1...UInt64.max, using: &generator))
  }

  private init(value: UInt64) { self.value = value }

  /// 16 lowercase hex digits.
  public var hex: String { Hex.string(value, digits: 16) }

  public var description: String { hex }
}
