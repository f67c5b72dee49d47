import Wire

/// The X-Ray tracing header, `X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;
/// Parent=53995c3f42cd8ad8;Sampled=1` (X-Ray developer guide, "Tracing header"). Fields other
/// than these three (`Self=`, `Lineage=`, …) are kept in order and sent on.
public struct XRayTraceHeader: Sendable, Equatable {
  public typealias Field = (key: String, value: String)

  public var root: TraceID
  public var parent: SpanID?
  /// `Sampled=1` true, `Sampled=0` false; `Sampled=?` (the caller asks downstream to decide) or
  /// no field: `nil`.
  public var sampled: Bool?
  /// The other `key=value` fields, in the order received.
  public var extra: [Field]

  /// The longest header value read, and the most extra fields kept: far above what X-Ray sends.
  public static let maximumLength = 2048
  public static let maximumExtraFields = 16

  public init(root: TraceID, parent: SpanID?, sampled: Bool?) {
    self.root = root
    self.parent = parent
    self.sampled = sampled
    self.extra = []
  }

  /// Parses `;`-separated `key=value` fields (spaces around each allowed, names compared
  /// case-insensitively, empty fields skipped). `nil` when `Root` is missing or invalid, a field
  /// has no `=` or repeats, `Parent` is not 16 hex digits, `Sampled` is not `0`, `1` or `?`, or
  /// the value exceeds the bounds above.
  public init?(_ header: some StringProtocol) {
    guard header.utf8.count <= Self.maximumLength else { return nil }
    var root: TraceID?
    var parent: SpanID?
    var sampled: Bool?
    var seen: [Substring] = []
    var extra: [Field] = []
    for part in header.split(separator: ";", omittingEmptySubsequences: false) {
      let field = part.trimmingASCIISpaces()
      if field.isEmpty { continue }
      guard let equals = field.firstIndex(of: "=") else { return nil }
      let key = field[..<equals].trimmingASCIISpaces()
      let value = field[field.index(after: equals)...].trimmingASCIISpaces()
      guard !key.isEmpty, !seen.contains(where: { $0.equalsIgnoringASCIICase(key) }) else {
        return nil
      }
      seen.append(key)
      if key.equalsIgnoringASCIICase("Root") {
        guard let id = TraceID(xray: value) else { return nil }
        root = id
      } else if key.equalsIgnoringASCIICase("Parent") {
        guard let id = SpanID(hex: value) else { return nil }
        parent = id
      } else if key.equalsIgnoringASCIICase("Sampled") {
        switch value {
        case "1": sampled = true
        case "0": sampled = false
        case "?": sampled = nil
        default: return nil
        }
      } else {
        guard extra.count < Self.maximumExtraFields else { return nil }
        extra.append((String(key), String(value)))
      }
    }
    guard let root else { return nil }
    self.root = root
    self.parent = parent
    self.sampled = sampled
    self.extra = extra
  }

  /// `Root=…[;Parent=…][;Sampled=0|1]` then the extra fields; an undecided `sampled` is left
  /// out.
  public var headerValue: String {
    var text = "Root=\(root.xray)"
    if let parent { text += ";Parent=\(parent.hex)" }
    if let sampled { text += sampled ? ";Sampled=1" : ";Sampled=0" }
    for field in extra { text += ";\(field.key)=\(field.value)" }
    return text
  }

  public static func == (lhs: XRayTraceHeader, rhs: XRayTraceHeader) -> Bool {
    lhs.root == rhs.root && lhs.parent == rhs.parent && lhs.sampled == rhs.sampled
      && lhs.extra.count == rhs.extra.count
      && zip(lhs.extra, rhs.extra).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}
