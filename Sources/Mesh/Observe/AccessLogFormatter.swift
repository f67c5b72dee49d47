import Telemetry

/// Formats access log lines as a virtual node's `logging.accessLog.file.format` asks: an Envoy
/// text format string (Envoy's default line when none is given), or one JSON object per line
/// whose values are format strings. Each line ends with a newline.
public struct AccessLogFormatter: Sendable {
  private enum Layout: Sendable {
    case text(AccessLogTemplate)
    case json([(key: String, template: AccessLogTemplate)])
  }

  private let layout: Layout

  /// Envoy's default text line.
  public static let envoyDefault = AccessLogFormatter(
    layout: .text(AccessLogTemplate.compiledDefault))

  private init(layout: Layout) { self.layout = layout }

  /// Compiles a configured format; `nil` is Envoy's default line.
  public init(_ format: AccessLogConfig.Format?) throws(MeshConfigError) {
    switch format {
    case nil:
      layout = .text(AccessLogTemplate.compiledDefault)
    case .text(let template):
      layout = .text(try AccessLogTemplate(template.hasSuffix("\n") ? template : template + "\n"))
    case .json(let fields):
      var compiled: [(key: String, template: AccessLogTemplate)] = []
      for field in fields { compiled.append((field.key, try AccessLogTemplate(field.value))) }
      layout = .json(compiled)
    }
  }

  /// Appends the line for `entry` to `bytes`.
  public func append(_ entry: AccessLogEntry, to bytes: inout [UInt8]) {
    switch layout {
    case .text(let template):
      template.render(entry, into: &bytes)
    case .json(let fields):
      var json = JSONWriter()
      json.beginObject()
      for (key, template) in fields {
        json.key(key)
        Self.writeValue(template, entry, to: &json)
      }
      json.endObject()
      bytes.append(contentsOf: json.bytes)
      bytes.append(UInt8(ascii: "\n"))
    }
  }

  /// The line for `entry`, as a string.
  public func line(_ entry: AccessLogEntry) -> String {
    var bytes: [UInt8] = []
    append(entry, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A JSON value as Envoy's JSON formatter writes it: a lone numeric operator as a number,
  /// a lone missing value as `null`, anything else as a string.
  private static func writeValue(
    _ template: AccessLogTemplate, _ entry: AccessLogEntry, to json: inout JSONWriter
  ) {
    var text: [UInt8] = []
    if template.operators.count == 1, let only = template.operators.first {
      guard AccessLogTemplate.append(only, of: entry, to: &text) else {
        json.null()
        return
      }
      if only.isNumeric, let number = Int(String(decoding: text, as: UTF8.self)) {
        json.int(number)
        return
      }
    } else {
      template.render(entry, into: &text)
    }
    json.string(String(decoding: text, as: UTF8.self))
  }
}
