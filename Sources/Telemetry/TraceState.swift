import Wire

/// The W3C Trace Context Level 1 `tracestate` header (§3.3): an ordered list of vendor
/// `key=value` members, the most recently updated first.
public struct TraceState: Sendable, Equatable {
  public typealias Entry = (key: String, value: String)

  /// The members, left to right as the header lists them.
  public var entries: [Entry]

  /// §3.3.1.1: at most 32 list members.
  public static let maximumEntries = 32
  /// A bound on the combined header text read, so padding with empty members or spaces cannot
  /// make parsing unbounded: 32 members of the longest key and value, with generous room.
  public static let maximumHeaderLength = 32 * 1024

  public init() { entries = [] }

  /// Parses the `tracestate` header lines, which combine into one list (RFC 9110 §5.3).
  /// Returns `nil`, meaning the whole header is dropped, when a member is invalid, a key repeats,
  /// or there are more than 32 members (§3.3.1.1, §3.3.1.3). Empty members and spaces or tabs
  /// around a member are ignored (§3.3.1.1).
  public init?(_ headerValues: [String]) {
    var total = 0
    var entries: [Entry] = []
    for line in headerValues {
      total += line.utf8.count
      guard total <= Self.maximumHeaderLength else { return nil }
      for member in line.split(separator: ",", omittingEmptySubsequences: false) {
        let trimmed = member.trimmingASCIISpaces()
        if trimmed.isEmpty { continue }
        guard entries.count < Self.maximumEntries, let equals = trimmed.firstIndex(of: "=") else {
          return nil
        }
        let key = trimmed[..<equals]
        let value = trimmed[trimmed.index(after: equals)...]
        guard Self.isValidKey(key), Self.isValidValue(value),
          !entries.contains(where: { $0.key == key })
        else { return nil }
        entries.append((String(key), String(value)))
      }
    }
    self.entries = entries
  }

  /// Puts `key=value` first, removing any earlier member with that key, and drops members past
  /// the 32nd (§3.3.1.3 "mutating the tracestate field": updated keys move to the left).
  /// - Returns: `false`, leaving the list as it was, when the key or value breaks the grammar.
  @discardableResult
  public mutating func update(key: String, value: String) -> Bool {
    guard Self.isValidKey(Substring(key)), Self.isValidValue(Substring(value)) else { return false }
    entries.removeAll { $0.key == key }
    entries.insert((key, value), at: 0)
    if entries.count > Self.maximumEntries {
      entries.removeLast(entries.count - Self.maximumEntries)
    }
    return true
  }

  /// The members joined by `,` with no spaces; empty when there are none (then send no header).
  public var headerValue: String {
    entries.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }

  public static func == (lhs: TraceState, rhs: TraceState) -> Bool {
    lhs.entries.count == rhs.entries.count
      && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }

  /// §3.3.1.3.1: `simple-key = lcalpha 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/")`, or
  /// `tenant-id "@" system-id` with a tenant of 1–241 characters starting with `lcalpha / DIGIT`
  /// and a system of 1–14 characters starting with `lcalpha`.
  static func isValidKey(_ key: Substring) -> Bool {
    let utf8 = key.utf8
    guard let at = utf8.firstIndex(of: UInt8(ascii: "@")) else {
      return isKeyPart(utf8, maximum: 256, digitFirst: false)
    }
    let tenant = utf8[..<at]
    let system = utf8[utf8.index(after: at)...]
    return isKeyPart(tenant, maximum: 241, digitFirst: true)
      && isKeyPart(system, maximum: 14, digitFirst: false)
  }

  private static func isKeyPart(
    _ part: Substring.UTF8View.SubSequence, maximum: Int, digitFirst: Bool
  ) -> Bool {
    guard let first = part.first, part.count <= maximum else { return false }
    let isLower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    guard isLower(first) || (digitFirst && isDigit(first)) else { return false }
    return part.dropFirst().allSatisfy {
      isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "/")
    }
  }

  /// §3.3.1.3.2: 1–256 printable ASCII characters (0x20–0x7E) other than `,` and `=`, the last
  /// not a space.
  static func isValidValue(_ value: Substring) -> Bool {
    let utf8 = value.utf8
    guard let last = utf8.last, last != UInt8(ascii: " "), utf8.count <= 256 else { return false }
    return utf8.allSatisfy {
      $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=")
    }
  }
}
