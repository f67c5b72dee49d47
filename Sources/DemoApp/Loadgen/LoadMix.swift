import Wire

/// The weighted mix of requests the traffic generator sends, parsed from
/// `"GET /:1,GET /unicorn:3,POST /unicorn:1"` (method, space, path, colon, weight).
public struct LoadMix: Sendable, Equatable {
  /// One kind of request and its weight.
  public struct Entry: Sendable, Equatable {
    public let method: HTTPMethod
    public let path: String
    public let weight: Int

    public init(method: HTTPMethod, path: String, weight: Int) {
      self.method = method
      self.path = path
      self.weight = weight
    }
  }

  public static let standard = "GET /:1,GET /unicorn:3,POST /unicorn:1"
  public static let maximumEntries = 32
  public static let maximumPathLength = 256
  public static let weights = 1...1000
  static let methods: [HTTPMethod] = [.get, .head, .post, .put, .delete, .patch, .options]

  public let entries: [Entry]
  private let totalWeight: Int

  /// Parses a mix; a bad entry is reported with its position and what is wrong.
  public init(_ text: String) throws(AppConfigurationError) {
    let items = text.split(separator: ",", omittingEmptySubsequences: false)
    guard (1...Self.maximumEntries).contains(items.count) else {
      throw AppConfigurationError("--paths wants 1–\(Self.maximumEntries) entries")
    }
    var entries: [Entry] = []
    for (index, item) in items.enumerated() {
      let problem = "--paths entry \(index + 1) ('\(item)')"
      let trimmed = item.trimmingASCIISpaces()
      guard let space = trimmed.firstIndex(of: " "), let colon = trimmed.lastIndex(of: ":"),
        space < colon
      else {
        throw AppConfigurationError("\(problem): want 'METHOD /path:weight'")
      }
      let method = HTTPMethod(rawValue: String(trimmed[..<space]))
      let path = String(trimmed[trimmed.index(after: space)..<colon])
      guard Self.methods.contains(method) else {
        throw AppConfigurationError(
          "\(problem): method must be one of \(Self.methods.map(\.rawValue).joined(separator: ", "))"
        )
      }
      guard path.hasPrefix("/"), path.utf8.count <= Self.maximumPathLength,
        path.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
      else {
        throw AppConfigurationError(
          "\(problem): path must start with / and have at most \(Self.maximumPathLength) visible ASCII characters"
        )
      }
      guard let weight = Int(trimmed[trimmed.index(after: colon)...]), Self.weights.contains(weight)
      else {
        throw AppConfigurationError("\(problem): weight must be an integer between 1 and 1000")
      }
      entries.append(Entry(method: method, path: path, weight: weight))
    }
    self.entries = entries
    totalWeight = entries.reduce(0) { $0 + $1.weight }
  }

  /// An entry drawn with probability proportional to its weight.
  public func pick(using random: inout some RandomNumberGenerator) -> Entry {
    var ticket = Int.random(in: 0..<totalWeight, using: &random)
    for entry in entries {
      if ticket < entry.weight { return entry }
      ticket -= entry.weight
    }
    return entries[entries.count - 1]
  }
}
