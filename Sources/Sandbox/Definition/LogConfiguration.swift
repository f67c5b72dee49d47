/// ECS's `logConfiguration` with the `awsfirelens` driver: the container's stdout and stderr
/// go to the task's log router (the container with ``FireLensConfiguration``), which starts
/// before it. `options` may name the parser the router applies to each line
/// (`{"logDriver": "awsfirelens", "options": {"Parser": "json"}}`).
public struct LogConfiguration: Codable, Sendable, Equatable {
  public var logDriver: String
  public var options: [String: String]

  public init(logDriver: String = "awsfirelens", options: [String: String] = [:]) {
    self.logDriver = logDriver
    self.options = options
  }

  private enum CodingKeys: String, CodingKey { case logDriver, options }

  /// Decodes with `options` defaulting to none.
  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    logDriver = try values.decode(String.self, forKey: .logDriver)
    options = try values.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
  }

  /// The parser the router applies to this container's lines (`options.Parser`), if any.
  public var parser: String? { options["Parser"] }
}
