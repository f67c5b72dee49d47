/// One stream the sandbox agent hands the router: an inherited descriptor carrying the
/// stdout or stderr of one `awsfirelens` container, from `SIDECARLAB_LOG_STREAMS`.
///
/// The variable holds comma-separated `fd:container:source:parser` entries, `fd` being the
/// inherited descriptor (3 and up), `container` the container's name (`[a-z0-9_-]`, 1–32),
/// `source` `stdout` or `stderr` and `parser` a built-in parser (`json`, `logfmt`, `envoy`)
/// or empty: `3:swan:stdout:json,4:swan:stderr:json`.
public struct SandboxLogStream: Sendable, Equatable {
  public let descriptor: Int32
  public let container: String
  public let source: String
  public let parser: String?

  public init(descriptor: Int32, container: String, source: String, parser: String?) {
    self.descriptor = descriptor
    self.container = container
    self.source = source
    self.parser = parser
  }

  /// The variable's name.
  public static let variable = "SIDECARLAB_LOG_STREAMS"
  /// The most entries accepted: two streams for each of a task's 32 containers.
  public static let maxEntries = 64
  /// The parsers an entry may name.
  static let parsers: [String: LogParser] = ["json": .json, "logfmt": .logfmt, "envoy": .envoy]

  /// Parses the variable's value (empty: no streams). Errors name the variable and the
  /// 1-based entry in place of a file and line: `SIDECARLAB_LOG_STREAMS:2: …`.
  public static func parseList(_ text: String) throws(ConfigError) -> [SandboxLogStream] {
    guard !text.isEmpty else { return [] }
    let entries = text.split(separator: ",", omittingEmptySubsequences: false)
    guard entries.count <= maxEntries else {
      throw ConfigError(file: variable, line: 0, "more than \(maxEntries) entries")
    }
    var streams: [SandboxLogStream] = []
    for (index, entry) in entries.enumerated() {
      let stream = try parse(entry, entry: index + 1)
      guard !streams.contains(where: { $0.descriptor == stream.descriptor }) else {
        throw ConfigError(file: variable, line: index + 1, "descriptor \(stream.descriptor) twice")
      }
      guard
        !streams.contains(where: { $0.container == stream.container && $0.source == stream.source })
      else {
        throw ConfigError(
          file: variable, line: index + 1, "\(stream.container) \(stream.source) twice")
      }
      streams.append(stream)
    }
    return streams
  }

  private static func parse(_ entry: Substring, entry number: Int) throws(ConfigError)
    -> SandboxLogStream
  {
    func failure(_ message: String) -> ConfigError {
      ConfigError(file: variable, line: number, message)
    }
    let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 4 else {
      throw failure("expected fd:container:source:parser, got '\(entry.prefix(64))'")
    }
    guard let descriptor = Int32(parts[0]), (3...1023).contains(descriptor) else {
      throw failure("fd must be 3...1023, got '\(parts[0].prefix(16))'")
    }
    let container = String(parts[1])
    let nameBytes = container.utf8
    guard (1...32).contains(nameBytes.count),
      nameBytes.allSatisfy({
        (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
      })
    else {
      throw failure("container must be 1...32 characters of a-z, 0-9, '-', '_'")
    }
    let source = String(parts[2])
    guard source == "stdout" || source == "stderr" else {
      throw failure("source must be stdout or stderr, got '\(source.prefix(16))'")
    }
    let parser = parts[3].isEmpty ? nil : String(parts[3])
    if let parser, Self.parsers[parser] == nil {
      throw failure("unknown parser '\(parser.prefix(32))' (json, logfmt or envoy)")
    }
    return SandboxLogStream(
      descriptor: descriptor, container: container, source: source, parser: parser)
  }
}
