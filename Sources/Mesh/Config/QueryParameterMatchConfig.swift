import Telemetry

/// One `match.queryParameters[]` entry: the parameter `name` is present and, when `exact` is
/// given, has exactly that value (compared as sent, without percent-decoding).
public struct QueryParameterMatchConfig: Sendable, Equatable {
  public var name: String
  public var exact: String?

  public init(name: String, exact: String? = nil) {
    self.name = name
    self.exact = exact
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["name", "match"])
    name = try reader.required("name").string()
    if let match = try reader.optional("match") {
      _ = try match.members(allowed: ["exact"])
      exact = try match.required("exact").string(length: 0...255)
    } else {
      exact = nil
    }
  }

  func write(to json: inout JSONWriter) {
    json.field("name", name)
    if let exact { json.object("match") { $0.field("exact", exact) } }
  }
}
