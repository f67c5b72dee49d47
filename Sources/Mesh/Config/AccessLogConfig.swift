import Telemetry

/// A virtual node's `logging.accessLog.file`: where access log lines go and in which format —
/// `{"text": "<Envoy format string>"}` or `{"json": [{"key": …, "value": "<format string>"}]}`;
/// no format means Envoy's default text line.
public struct AccessLogConfig: Sendable, Equatable {
  public enum Format: Sendable, Equatable {
    case text(String)
    case json([JSONField])
  }

  /// One member of a JSON access log line: its key and the format string of its value.
  public struct JSONField: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }
  }

  /// `/dev/stdout` or a file path.
  public var path: String
  public var format: Format?

  public init(path: String = "/dev/stdout", format: Format? = nil) {
    self.path = path
    self.format = format
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["accessLog"])
    let accessLog = try reader.required("accessLog")
    _ = try accessLog.members(allowed: ["file"])
    let file = try accessLog.required("file")
    _ = try file.members(allowed: ["path", "format"])
    path = try file.required("path").string(length: 1...255)
    guard let format = try file.optional("format") else { return }
    let members = try format.members(allowed: ["text", "json"])
    guard members.count == 1 else { throw format.error("must name exactly one of text, json") }
    if let text = try format.optional("text") {
      let template = try text.string(length: 1...1000)
      try Self.check(template, at: text)
      self.format = .text(template)
    } else {
      let fields = try format.required("json").array(count: 1...50)
      var read: [JSONField] = []
      for field in fields {
        _ = try field.members(allowed: ["key", "value"])
        let key = try field.required("key").string(length: 1...100)
        let value = try field.required("value")
        let template = try value.string(length: 1...100)
        try Self.check(template, at: value)
        read.append(JSONField(key: key, value: template))
      }
      self.format = .json(read)
    }
  }

  /// Compiles a format string once, so that an unknown command operator is reported at its field.
  private static func check(_ template: String, at reader: ConfigReader) throws(MeshConfigError) {
    do {
      _ = try AccessLogTemplate(template)
    } catch {
      throw reader.error(error.message)
    }
  }

  func write(to json: inout JSONWriter) {
    json.object("accessLog") { accessLog in
      accessLog.object("file") { file in
        file.field("path", path)
        switch format {
        case .text(let template):
          file.object("format") { $0.field("text", template) }
        case .json(let fields):
          file.object("format") { format in
            format.objects("json", fields) { json, field in
              json.field("key", field.key)
              json.field("value", field.value)
            }
          }
        case nil:
          break
        }
      }
    }
  }
}
