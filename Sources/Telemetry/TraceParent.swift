/// The W3C Trace Context Level 1 `traceparent` header (§3.2):
/// `{version}-{trace-id}-{parent-id}-{trace-flags}`, e.g.
/// `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
public struct TraceParent: Sendable, Equatable {
  public var traceID: TraceID
  public var parentID: SpanID
  /// The trace-flags byte as received (§3.2.2.5); only bit 0, `sampled`, has a meaning.
  public var flags: UInt8

  /// The length of a version-00 header, and of the four fields any later version starts with.
  static let length = 55

  public init(traceID: TraceID, parentID: SpanID, sampled: Bool) {
    self.traceID = traceID
    self.parentID = parentID
    self.flags = sampled ? 1 : 0
  }

  /// Parses a `traceparent` value; `nil` when invalid (the caller then starts a new trace, §3.2).
  /// - Version `00`: exactly 55 characters, lowercase hex, dashes in place (§3.2.2).
  /// - Version `ff`: invalid (§3.2.2.1).
  /// - A later version: its first four fields parsed as version 00's, if the value is at least 55
  ///   characters and, when longer, the 56th is `-` (§3.2.4, "versioning of traceparent").
  public init?(_ header: some StringProtocol) {
    let utf8 = Array(header.utf8.prefix(Self.length + 1))
    guard utf8.count >= Self.length,
      let version = Hex.value(utf8, from: 0, count: 2, case: .lower), version != 0xFF
    else { return nil }
    if version == 0 {
      guard header.utf8.count == Self.length else { return nil }
    } else if utf8.count > Self.length, utf8[Self.length] != UInt8(ascii: "-") {
      return nil
    }
    let dash = UInt8(ascii: "-")
    guard utf8[2] == dash, utf8[35] == dash, utf8[52] == dash,
      let traceID = TraceID(w3cBytes: utf8[3..<35]),
      let parentID = SpanID(utf8[36..<52], case: .lower),
      let flags = Hex.value(utf8, from: 53, count: 2, case: .lower)
    else { return nil }
    self.traceID = traceID
    self.parentID = parentID
    self.flags = UInt8(flags)
  }

  /// Bit 0 of the flags: the caller may have recorded this trace (§3.2.2.5.1).
  public var sampled: Bool {
    get { flags & 1 != 0 }
    set { flags = newValue ? flags | 1 : flags & ~1 }
  }

  /// Always version `00`, with only the sampled flag: Level 1 defines no other flag, and
  /// vendors must set the unknown ones to zero (§3.2.2.5).
  public var headerValue: String {
    "00-\(traceID.w3c)-\(parentID.hex)-\(sampled ? "01" : "00")"
  }
}
