import Wire

extension RouterConfig {
  /// Builds an `[INPUT]`: `stdin` (with `FD`, `Source`, `Container`), `tcp` or `http` (with
  /// `Listen`, `Port`); `Parser` names a built-in or `[PARSER]` parser.
  static func input(
    _ reader: SectionReader, plugin: String, name: String, parsers: [String: LogParser]
  ) throws(ConfigError) -> InputConfig {
    var parser: LogParser?
    if let entry = reader.section.value("Parser") {
      guard let known = parsers[entry.value] else {
        throw reader.error(entry, "unknown parser '\(entry.value)'")
      }
      parser = known
    }
    let source = reader.string("Source") ?? "stdout"
    guard source == "stdout" || source == "stderr" else {
      throw reader.error(reader.section.value("Source"), "'Source' must be stdout or stderr")
    }
    let kind: InputConfig.Kind
    switch plugin {
    case "stdin":
      kind = .stream(descriptor: Int32(try reader.int("FD", in: 0...65535) ?? 0))
    case "tcp", "http":
      let host = reader.string("Listen") ?? "127.0.0.1"
      let port = try reader.int("Port", in: 0...65535) ?? (plugin == "tcp" ? 5170 : 9880)
      guard let address = SocketAddress(host: host, port: UInt16(port)) else {
        throw reader.error(
          reader.section.value("Listen"), "'Listen' must be an IP address, got '\(host)'")
      }
      kind = plugin == "tcp" ? .tcp(address) : .http(address)
    default:
      throw reader.error(reader.section.value("Name"), "unknown input '\(plugin)'")
    }
    return InputConfig(
      name: name, kind: kind, tag: reader.string("Tag") ?? name, parser: parser,
      preserveKey: try reader.bool("Preserve_Key") ?? true, source: source,
      containerName: reader.string("Container"),
      maxLineLength: try reader.size("Buffer_Size") ?? 1024 * 1024)
  }
}
