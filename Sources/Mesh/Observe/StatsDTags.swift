/// DogStatsD tags for every line a sidecar's StatsD sink sends, as Envoy's `dog_statsd` sink
/// appends them (`envoy.cluster.x.upstream_rq_200:3|c|#appmesh.mesh:demo,appmesh.virtual_node:swan`).
/// App Mesh's Envoy image adds `appmesh.mesh` and `appmesh.virtual_node` when
/// `ENABLE_ENVOY_STATS_TAGS=1`, so a metrics agent can tell whose sidecar a stat came from.
///
/// Tags are `key:value`, at most 32, each at most 200 bytes, of letters, digits and `_ - : . /`
/// (the characters DogStatsD keeps; `|`, `,`, `#` and spaces would break the line).
public struct StatsDTags: Sendable, Equatable {
  public static let maximumCount = 32
  public static let maximumLength = 200

  /// The `key:value` tags in order.
  public let tags: [String]
  /// `|#tag,tag` (empty without tags), computed once so a flush only appends it.
  public let suffix: String

  /// A tag list that cannot be used, naming the tag at fault.
  public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
  }

  public static let none = StatsDTags(checked: [])

  /// The tags App Mesh's Envoy adds for the sidecar of `node` in `mesh`, then `extra`.
  public static func appMesh(mesh: String, node: String, extra: StatsDTags = .none) throws(Invalid)
    -> StatsDTags
  {
    try StatsDTags(["appmesh.mesh:\(mesh)", "appmesh.virtual_node:\(node)"] + extra.tags)
  }

  /// Validated tags.
  public init(_ tags: [String]) throws(Invalid) {
    guard tags.count <= Self.maximumCount else {
      throw Invalid(description: "at most \(Self.maximumCount) tags")
    }
    for tag in tags {
      guard (1...Self.maximumLength).contains(tag.utf8.count) else {
        throw Invalid(description: "tag '\(tag)' must be 1–\(Self.maximumLength) bytes")
      }
      guard let colon = tag.firstIndex(of: ":"), colon != tag.startIndex,
        tag.index(after: colon) != tag.endIndex
      else { throw Invalid(description: "tag '\(tag)' is not key:value") }
      guard tag.utf8.allSatisfy(Self.isTagByte) else {
        throw Invalid(
          description: "tag '\(tag)' may hold only letters, digits and '_', '-', ':', '.', '/'")
      }
    }
    self.init(checked: tags)
  }

  /// Parses `--statsd-tags k:v,k:v`.
  public init(parsing text: String) throws(Invalid) {
    try self.init(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
  }

  private init(checked tags: [String]) {
    self.tags = tags
    suffix = tags.isEmpty ? "" : "|#" + tags.joined(separator: ",")
  }

  private static func isTagByte(_ byte: UInt8) -> Bool {
    let lower = byte | 0x20
    return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      || "_-:./".utf8.contains(byte)
  }
}
