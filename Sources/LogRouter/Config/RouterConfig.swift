import Glibc

/// A whole router configuration, read from Fluent Bit's classic format and validated: every
/// problem is reported with the file and line (`router.conf:12: unknown filter 'gerp'`).
///
/// Sections: `[SERVICE]` (see ``ServiceConfig``), `[PARSER]` (`Name`, `Format`
/// json|logfmt|regex|envoy, `Regex`), `[INPUT]` (stdin, tcp, http), `[FILTER]` (grep, modify,
/// record_modifier, nest, throttle, rewrite_tag) and `[OUTPUT]` (file, stdout, http,
/// logstore). Filters and outputs take records whose tag matches `Match` (with `*`
/// wildcards) or `Match_Regex`. Docs/logrouter.md lists every key.
public struct RouterConfig: Sendable {
  public var service = ServiceConfig()
  public var inputs: [InputConfig] = []
  public var filters: [FilterConfig] = []
  public var outputs: [OutputConfig] = []

  /// The largest configuration file read.
  public static let maxFileSize = 1024 * 1024

  /// Reads and validates the file at `path`.
  public static func load(path: String) throws(ConfigError) -> RouterConfig {
    let name = String(path.split(separator: "/").last ?? Substring(path))
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw ConfigError(file: name, line: 0, "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else {
        throw ConfigError(file: name, line: 0, "cannot read: \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
      guard bytes.count <= maxFileSize else {
        throw ConfigError(file: name, line: 0, "larger than \(maxFileSize) bytes")
      }
    }
    return try parse(String(decoding: bytes, as: UTF8.self), file: name)
  }

  /// Reads and validates configuration text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(ConfigError) -> RouterConfig {
    let sections = try ConfigFileParser.sections(of: text, file: file)
    var config = RouterConfig()
    var parsers: [String: LogParser] = ["json": .json, "logfmt": .logfmt, "envoy": .envoy]
    var counters: [String: Int] = [:]
    var names: Set<String> = []
    func instanceName(_ reader: SectionReader, plugin: String) throws(ConfigError) -> String {
      let index = counters[plugin, default: 0]
      counters[plugin] = index + 1
      let name = reader.string("Alias") ?? "\(plugin).\(index)"
      guard names.insert(name).inserted else {
        throw reader.error(reader.section.value("Alias"), "instance name '\(name)' is used twice")
      }
      return name
    }
    // Parsers first, so inputs may name a parser defined further down.
    for section in sections where section.name == "PARSER" {
      let reader = try SectionReader(section, file: file, known: ["Name", "Format", "Regex"])
      let name = try reader.required("Name")
      parsers[name] = try parser(reader)
    }
    var sawService = false
    for section in sections {
      switch section.name {
      case "SERVICE":
        guard !sawService else {
          throw ConfigError(file: file, line: section.line, "[SERVICE] appears twice")
        }
        sawService = true
        config.service = try ServiceConfig(
          SectionReader(section, file: file, known: ServiceConfig.keys))
      case "INPUT":
        let reader = try SectionReader(section, file: file, known: InputConfig.keys)
        let plugin = try reader.required("Name").lowercased()
        config.inputs.append(
          try input(
            reader, plugin: plugin, name: try instanceName(reader, plugin: plugin), parsers: parsers
          ))
      case "FILTER":
        let plugin = (section.value("Name")?.value ?? "").lowercased()
        let reader = try SectionReader(
          section, file: file, known: try filterKeys(plugin, section, file: file))
        config.filters.append(
          FilterConfig(
            name: try instanceName(reader, plugin: plugin), matcher: try reader.matcher(),
            filter: try filter(reader, plugin: plugin)))
      case "OUTPUT":
        let reader = try SectionReader(section, file: file, known: OutputConfig.keys)
        let plugin = try reader.required("Name").lowercased()
        config.outputs.append(
          try output(reader, plugin: plugin, name: try instanceName(reader, plugin: plugin)))
      default:
        break
      }
    }
    guard !config.inputs.isEmpty else {
      throw ConfigError(file: file, line: 1, "no [INPUT] section")
    }
    guard !config.outputs.isEmpty else {
      throw ConfigError(file: file, line: 1, "no [OUTPUT] section")
    }
    return config
  }

  private static func parser(_ reader: SectionReader) throws(ConfigError) -> LogParser {
    let format = try reader.required("Format")
    switch format.lowercased() {
    case "json": return .json
    case "logfmt": return .logfmt
    case "envoy": return .envoy
    case "regex":
      let pattern = try reader.required("Regex")
      do {
        return .regex(try RegexParser(pattern: pattern))
      } catch {
        throw reader.error(reader.section.value("Regex"), error.message)
      }
    default:
      throw reader.error(reader.section.value("Format"), "unknown parser format '\(format)'")
    }
  }
}
