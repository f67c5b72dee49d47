/// Header fields in the order received, duplicates kept (never silently collapsed: a proxy
/// must see both copies of a repeated field). Names compare case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, Equatable {
  public typealias Field = (name: String, value: String)
  public private(set) var fields: [Field] = []

  public init() {}
  public init(_ fields: [Field]) { self.fields = fields }
  public init(dictionaryLiteral elements: (String, String)...) {
    fields = elements.map { (name: $0.0, value: $0.1) }
  }

  public var count: Int { fields.count }
  public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

  /// The first value of `name`, or `nil`.
  public subscript(name: String) -> String? {
    for field in fields where field.name.equalsIgnoringASCIICase(name) { return field.value }
    return nil
  }

  /// Every value of `name`, in order.
  public func values(_ name: String) -> [String] {
    fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
  }

  public func contains(_ name: String) -> Bool { self[name] != nil }

  /// Appends a field, keeping any earlier ones of the same name.
  public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

  /// Replaces every field of `name` with one field.
  public mutating func set(_ name: String, _ value: String) {
    remove(name)
    fields.append((name, value))
  }

  public mutating func remove(_ name: String) {
    fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
  }

  /// Whether a comma-separated list header (such as `Connection`) holds `token`, case-insensitively.
  /// Asked of every message (keep-alive), so it walks the values in place, allocating nothing.
  public func hasToken(_ token: String, in name: String) -> Bool {
    fields.contains {
      $0.name.equalsIgnoringASCIICase(name) && HTTPListElements.contains(token, in: $0.value)
    }
  }

  /// Makes room for `count` fields in one allocation (the head parser, before the first field).
  mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

  public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }
}

extension StringProtocol {
  /// ASCII case-insensitive comparison, as header names and tokens need (no Unicode folding).
  public func equalsIgnoringASCIICase<S: StringProtocol>(_ other: S) -> Bool {
    let a = utf8
    let b = other.utf8
    guard a.count == b.count else { return false }
    // Native strings are contiguous: compare their bytes directly (the hot path of every
    // header lookup), else fall back to walking both views.
    if let equal = a.withContiguousStorageIfAvailable({ x in
      b.withContiguousStorageIfAvailable { y in x.equalsIgnoringASCIICase(y) }
    }), let equal {
      return equal
    }
    for (x, y) in zip(a, b) where x != y {
      let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
      let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
      if lx != ly { return false }
    }
    return true
  }

  /// Drops leading and trailing spaces and horizontal tabs (OWS, RFC 9110 §5.6.3).
  public func trimmingASCIISpaces() -> Substring {
    let s = Substring(self)
    var start = s.startIndex
    var end = s.endIndex
    while start < end, s[start] == " " || s[start] == "\t" { start = s.index(after: start) }
    while end > start, s[s.index(before: end)] == " " || s[s.index(before: end)] == "\t" {
      end = s.index(before: end)
    }
    return s[start..<end]
  }
}
