import Wire

extension RouterConfig {
  /// Builds an `[OUTPUT]`: `file` (`Path`/`File`), `stdout`, `http` (`Host`, `Port`, `URI`,
  /// `Format` json_lines|json) or `logstore` (`Path`, `Retention_Rows`, `Retention_Age`).
  static func output(_ reader: SectionReader, plugin: String, name: String) throws(ConfigError)
    -> OutputConfig
  {
    let kind: OutputConfig.Kind
    switch plugin {
    case "file":
      let directory = reader.string("Path")
      let file = reader.string("File") ?? name
      guard directory != nil || reader.string("File") != nil else {
        throw reader.error(nil, "file output needs 'Path' or 'File'")
      }
      kind = .file(path: directory.map { "\($0)/\(file)" } ?? file)
    case "stdout":
      kind = .stdout
    case "http":
      let host = reader.string("Host") ?? "127.0.0.1"
      let port = try reader.int("Port", in: 1...65535) ?? 80
      guard let address = SocketAddress(host: host, port: UInt16(port)) else {
        throw reader.error(
          reader.section.value("Host"), "'Host' must be an IP address, got '\(host)'")
      }
      let uri = reader.string("URI") ?? "/"
      guard uri.hasPrefix("/") else {
        throw reader.error(reader.section.value("URI"), "'URI' must start with /")
      }
      let format = reader.string("Format") ?? "json_lines"
      guard format == "json_lines" || format == "json" else {
        throw reader.error(reader.section.value("Format"), "'Format' must be json_lines or json")
      }
      kind = .http(address: address, uri: uri, jsonArray: format == "json")
    case "logstore":
      kind = .logStore(
        path: try reader.required("Path"),
        maxRows: try reader.int("Retention_Rows", in: 1...100_000_000) ?? 100_000,
        maxAge: try reader.seconds("Retention_Age"))
    default:
      throw reader.error(reader.section.value("Name"), "unknown output '\(plugin)'")
    }
    var retryLimit: Int? = 1
    if let entry = reader.section.value("Retry_Limit") {
      switch entry.value.lowercased() {
      case "no_limits", "false", "off": retryLimit = nil
      default:
        guard let limit = Int(entry.value), (0...1_000_000).contains(limit) else {
          throw reader.error(
            entry, "'Retry_Limit' must be a number, no_limits or False, got '\(entry.value)'")
        }
        retryLimit = limit
      }
    }
    return OutputConfig(
      name: name, matcher: try reader.matcher(), kind: kind, retryLimit: retryLimit)
  }
}
